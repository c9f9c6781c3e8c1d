/* demo/demo_tarif.c — the demo's tarifs (SPEC 3, 4.14): version 1 of the tarif of every
 * paid demo jenis izin in each office, written through domain/tarif/tarif.h.
 *
 *   Persetujuan Bangunan Gedung   L × It × 1,00 × HSbg (PP 16/2021), with the index tables
 *                                 of fungsi, kompleksitas, permanensi, ketinggian and
 *                                 kepemilikan; It = If × (0,3 Ik + 0,2 Ip + 0,5 Ih) × Fm
 *   Izin Reklame                  by size (m² of permanent boards, pieces of incidental
 *                                 ones) and road class, per month, times the months
 * The health-worker permits (SIP Dokter, SIPB, SIPA) are free: gratis, no tarif.
 * Safe to run twice: a jenis izin that has a tarif already keeps it. */
#include "demo/demo.h"
#include "domain/tarif/tarif.h"
#include "util/arena.h"
#include <stdio.h>
#include <string.h>
#include <time.h>

typedef struct {
    const char *kode, *nama, *satuan, *jenis, *min, *max;
    const char *kategori[8][2];    /* {nama, nilai}, up to a NULL nama */
} demo_tarif_item;

typedef struct {
    const char *slug;
    const char *formula, *catatan;
    demo_tarif_item items[8];      /* up to a NULL kode */
} demo_tarif;

static const demo_tarif TARIFS[] = {
    {"pbg",
     "# Retribusi PBG menurut PP 16/2021: L × It × 1,00 × HSbg\n"
     "HSbg = 1500000   # harga satuan retribusi bangunan gedung per m² (Perda PDRD)\n"
     "It = If × (0,3 × Ik + 0,2 × Ip + 0,5 × Ih) × Fm\n"
     "L × It × 1,00 × HSbg\n",
     "L luas total lantai, It indeks terintegrasi, 1,00 indeks bangunan gedung baru, HSbg harga satuan "
     "retribusi bangunan gedung per m² (Perda Pajak Daerah dan Retribusi Daerah).",
     {{"L", "Luas total lantai bangunan gedung", "m²", "angka", "1", "1000000", {{NULL, NULL}}},
      {"If", "Indeks fungsi bangunan gedung", "", "pilihan", "0", "0",
       {{"Hunian", "0.15"}, {"Keagamaan", "0"}, {"Usaha", "0.7"}, {"Sosial dan budaya", "0.3"}, {"Khusus", "1"},
        {"Campuran", "0.6"}, {NULL, NULL}}},
      {"Ik", "Indeks kompleksitas", "", "pilihan", "0", "0",
       {{"Sederhana", "0.4"}, {"Tidak sederhana", "0.7"}, {"Khusus", "1"}, {NULL, NULL}}},
      {"Ip", "Indeks permanensi", "", "pilihan", "0", "0",
       {{"Permanen", "0.7"}, {"Non permanen", "0.4"}, {NULL, NULL}}},
      {"Ih", "Indeks ketinggian", "", "pilihan", "0", "0",
       {{"Rendah (1–4 lantai)", "0.4"}, {"Sedang (5–8 lantai)", "0.7"}, {"Tinggi (lebih dari 8 lantai)", "1"},
        {NULL, NULL}}},
      {"Fm", "Faktor kepemilikan", "", "pilihan", "0", "0",
       {{"Perorangan atau badan usaha", "1"}, {"Negara", "0"}, {NULL, NULL}}},
      {NULL, NULL, NULL, NULL, NULL, NULL, {{NULL, NULL}}}}},
    {"izin-reklame",
     "Per_bulan = RT × harga(RT) + RI × harga(RI)\n"
     "Per_bulan × B\n",
     "Tarif per bulan menurut kelas jalan lokasi pemasangan (Perda Pajak Daerah dan Retribusi Daerah); "
     "pajak reklame dibayar terpisah ke Badan Pendapatan Daerah.",
     {{"RT", "Reklame tetap (papan/billboard, neon box, videotron)", "m²", "harga", "0", "500",
       {{"Jalan Protokol", "25000"}, {"Jalan Kolektor", "15000"}, {"Jalan Lingkungan", "7500"}, {NULL, NULL}}},
      {"RI", "Reklame insidentil (baliho, spanduk, umbul-umbul)", "buah", "harga", "0", "1000",
       {{"Jalan Protokol", "50000"}, {"Jalan Kolektor", "30000"}, {"Jalan Lingkungan", "15000"}, {NULL, NULL}}},
      {"B", "Jangka waktu pemasangan", "bulan", "angka", "1", "12", {{NULL, NULL}}},
      {NULL, NULL, NULL, NULL, NULL, NULL, {{NULL, NULL}}}}},
};

static lk_err load_one(store_conn *c, arena *a, const demo_tarif *d, int64_t jenis_izin_id, char *err, size_t errlen)
{
    tarif t = {.jenis_izin_id = jenis_izin_id, .berlaku_mulai = "2026-01-01", .formula = d->formula,
               .catatan = d->catatan};
    t.items = arena_alloc(a, 8 * sizeof *t.items);
    for (const demo_tarif_item *di = d->items; di->kode; di++) {
        tarif_item *it = &t.items[t.nitems++];
        it->kode = di->kode;
        it->nama = di->nama;
        it->satuan = di->satuan;
        tarif_item_jenis_parse(di->jenis, &it->jenis);
        dec_parse(di->min, &it->min);
        dec_parse(di->max, &it->max);
        it->kategori = arena_alloc(a, 8 * sizeof *it->kategori);
        for (size_t k = 0; k < 8 && di->kategori[k][0]; k++) {
            it->kategori[k].nama = di->kategori[k][0];
            dec_parse(di->kategori[k][1], &it->kategori[k].nilai);
            it->nkategori++;
        }
    }
    tarif_problem p;
    lk_err rc = tarif_save(c, a, &t, 0, 0, time(NULL), NULL, &p);
    if (rc == LK_ERR_INVALID)
        snprintf(err, errlen, "tarif %s: %s %s (line %d, column %d)", d->slug, p.what, p.detail ? p.detail : "", p.line,
                 p.col);
    else if (rc)
        snprintf(err, errlen, "tarif %s: %s", d->slug, store_errmsg(c));
    return rc;
}

lk_err demo_tarif_load(store *s, char *err, size_t errlen)
{
    arena *a = arena_new();
    store_conn *c = store_acquire(s);
    lk_err rc = LK_OK;
    for (size_t i = 0; !rc && i < sizeof TARIFS / sizeof TARIFS[0]; i++) {
        store_rows *r = store_query(c, "SELECT j.id FROM jenis_izin j WHERE j.slug = $1"
                                       " AND NOT EXISTS (SELECT 1 FROM tarif t WHERE t.jenis_izin_id = j.id) ORDER BY j.id",
                                    STORE_P(SP_T(TARIFS[i].slug)));
        if (!r) {
            snprintf(err, errlen, "tarif %s: %s", TARIFS[i].slug, store_errmsg(c));
            rc = LK_ERR_DB;
            break;
        }
        int64_t ids[16];
        size_t n = 0;
        while (n < 16 && store_next(r) == 1) ids[n++] = store_int(r, 0);
        store_rows_close(r);
        for (size_t k = 0; !rc && k < n; k++) rc = load_one(c, a, &TARIFS[i], ids[k], err, errlen);
    }
    store_release(c);
    arena_free(a);
    return rc;
}

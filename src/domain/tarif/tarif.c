/* domain/tarif/tarif.c — tarif versions: reading, checking, saving, and the fee
 * computation shared by Simulasi Tarif and the SKRD (see tarif.h). */
#include "domain/tarif/tarif.h"
#include "domain/katalog/public_version.h"
#include "domain/proses/audit.h"
#include "util/datetime.h"
#include "util/text.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const JENIS_KEYS[] = {"harga", "pilihan", "angka"};

const char *tarif_item_jenis_key(tarif_item_jenis j) { return JENIS_KEYS[j]; }

int tarif_item_jenis_parse(const char *key, tarif_item_jenis *out)
{
    for (int i = 0; i < 3; i++)
        if (key && strcmp(key, JENIS_KEYS[i]) == 0) {
            *out = (tarif_item_jenis)i;
            return 0;
        }
    return -1;
}

const char *tarif_date_of(arena *a, time_t t)
{
    time_t wib = t + 7 * 3600;
    struct tm tm;
    gmtime_r(&wib, &tm);
    return arena_printf(a, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* ---- reading ---- */

static dec dec_or_zero(const char *s)
{
    dec d = {0};
    if (dec_parse(s, &d)) d = dec_zero();
    return d;
}

static lk_err load_items(store_conn *c, arena *a, tarif *t)
{
    store_rows *r = store_query(c, "SELECT i.id, i.kode, i.nama, i.satuan, i.jenis, i.nilai_min, i.nilai_max,"
                                   " k.nama, k.nilai FROM tarif_item i LEFT JOIN tarif_kategori k ON k.item_id = i.id"
                                   " WHERE i.tarif_id = $1 ORDER BY i.position, k.position",
                                STORE_P(SP_I(t->id)));
    if (!r) return LK_ERR_DB;
    size_t cap = 0, kcap = 0;
    int64_t last = 0;
    t->items = NULL;
    t->nitems = 0;
    int rc;
    while ((rc = store_next(r)) == 1) {
        if (store_int(r, 0) != last) {
            last = store_int(r, 0);
            t->items = arena_grow(a, t->items, &cap, t->nitems, sizeof *t->items);
            tarif_item *it = &t->items[t->nitems++];
            memset(it, 0, sizeof *it);
            it->kode = arena_strdup(a, store_text(r, 1));
            it->nama = arena_strdup(a, store_text(r, 2));
            it->satuan = arena_strdup(a, store_text(r, 3));
            if (tarif_item_jenis_parse(store_text(r, 4), &it->jenis)) it->jenis = TI_ANGKA;
            it->min = dec_or_zero(store_text(r, 5));
            it->max = dec_or_zero(store_text(r, 6));
            kcap = 0;
        }
        if (store_is_null(r, 7)) continue;
        tarif_item *it = &t->items[t->nitems - 1];
        it->kategori = arena_grow(a, it->kategori, &kcap, it->nkategori, sizeof *it->kategori);
        it->kategori[it->nkategori].nama = arena_strdup(a, store_text(r, 7));
        it->kategori[it->nkategori++].nilai = dec_or_zero(store_text(r, 8));
    }
    store_rows_close(r);
    return rc < 0 ? LK_ERR_DB : LK_OK;
}

#define TARIF_COLS "id, jenis_izin_id, version, berlaku_mulai, formula, catatan, created_at"

static void read_row(store_rows *r, arena *a, tarif *t)
{
    memset(t, 0, sizeof *t);
    t->id = store_int(r, 0);
    t->jenis_izin_id = store_int(r, 1);
    t->version = (int)store_int(r, 2);
    t->berlaku_mulai = arena_strdup(a, store_text(r, 3));
    t->formula = arena_strdup(a, store_text(r, 4) ? store_text(r, 4) : "");
    t->catatan = arena_strdup(a, store_text(r, 5));
    t->created_at = arena_strdup(a, store_text(r, 6));
}

static lk_err get_one(store_conn *c, arena *a, const char *sql, const store_param *p, int n, tarif *out)
{
    store_rows *r = store_query(c, sql, p, n);
    if (!r) return LK_ERR_DB;
    int rc = store_next(r);
    if (rc == 1) read_row(r, a, out);
    store_rows_close(r);
    if (rc < 0) return LK_ERR_DB;
    if (rc == 0) return LK_ERR_NOTFOUND;
    return load_items(c, a, out);
}

lk_err tarif_in_force(store_conn *c, arena *a, int64_t jenis_izin_id, const char *ymd, tarif *out)
{
    return get_one(c, a, "SELECT " TARIF_COLS " FROM tarif WHERE jenis_izin_id = $1 AND berlaku_mulai <= $2"
                         " ORDER BY berlaku_mulai DESC, version DESC LIMIT 1",
                   STORE_P(SP_I(jenis_izin_id), SP_T(ymd)), out);
}

lk_err tarif_get(store_conn *c, arena *a, int64_t tarif_id, tarif *out)
{
    return get_one(c, a, "SELECT " TARIF_COLS " FROM tarif WHERE id = $1", STORE_P(SP_I(tarif_id)), out);
}

lk_err tarif_versions(store_conn *c, arena *a, int64_t jenis_izin_id, tarif **out, size_t *n)
{
    store_rows *r = store_query(c, "SELECT " TARIF_COLS " FROM tarif WHERE jenis_izin_id = $1 ORDER BY version DESC",
                                STORE_P(SP_I(jenis_izin_id)));
    if (!r) return LK_ERR_DB;
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    int rc;
    while ((rc = store_next(r)) == 1) {
        *out = arena_grow(a, *out, &cap, *n, sizeof **out);
        read_row(r, a, &(*out)[(*n)++]);
    }
    store_rows_close(r);
    return rc < 0 ? LK_ERR_DB : LK_OK;
}

/* ---- checking ---- */

static int problem(tarif_problem *p, int item, const char *field, const char *what, const char *detail)
{
    *p = (tarif_problem){item, field, what, detail, 0, 0};
    return -1;
}

static int kode_ok(const char *s)
{
    if (!s || !((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z'))) return 0;
    size_t n = 0;
    for (; *s; s++, n++)
        if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
            return 0;
    return n <= FORMULA_NAME_MAX;
}

/* The formula's view of the items. */
static formula_var *vars_of(arena *a, const tarif *t)
{
    formula_var *v = arena_alloc(a, (t->nitems + 1) * sizeof *v);
    for (size_t i = 0; i < t->nitems; i++)
        v[i] = (formula_var){t->items[i].kode, t->items[i].jenis == TI_HARGA ? FV_ITEM : FV_NUMBER};
    return v;
}

int tarif_check(arena *a, const tarif *t, tarif_problem *p)
{
    time_t day;
    if (!t->berlaku_mulai || strlen(t->berlaku_mulai) != 10 || datetime_parse(t->berlaku_mulai, &day))
        return problem(p, -1, "berlaku_mulai", "Isi tanggal mulai berlaku dengan format TTTT-BB-HH.", NULL);
    if (t->nitems == 0) return problem(p, -1, "items", "Isi paling sedikit satu komponen tarif.", NULL);
    if (t->nitems > TARIF_MAX_ITEMS) return problem(p, -1, "items", "Paling banyak 30 komponen tarif.", NULL);
    if (t->catatan && utf8_length(t->catatan) > 2000)
        return problem(p, -1, "catatan", "Catatan paling banyak 2000 karakter.", NULL);
    for (size_t i = 0; i < t->nitems; i++) {
        const tarif_item *it = &t->items[i];
        int n = (int)i;
        if (!kode_ok(it->kode))
            return problem(p, n, "kode", "Kode diawali huruf dan hanya berisi huruf, angka dan _ (paling banyak 40).", it->kode);
        for (size_t k = 0; k < i; k++)
            if (strcmp(t->items[k].kode, it->kode) == 0) return problem(p, n, "kode", "Kode ini sudah dipakai komponen lain.", it->kode);
        if (is_blank(it->nama) || utf8_length(it->nama) > 200)
            return problem(p, n, "nama", "Isi nama komponen (paling banyak 200 karakter).", NULL);
        if (it->satuan && utf8_length(it->satuan) > 40) return problem(p, n, "satuan", "Satuan paling banyak 40 karakter.", NULL);
        if (dec_is_neg(it->min) || dec_cmp(it->min, it->max) > 0)
            return problem(p, n, "min", "Batas bawah tidak boleh negatif dan tidak boleh melebihi batas atas.", NULL);
        if (it->jenis == TI_ANGKA && it->nkategori)
            return problem(p, n, "kategori", "Komponen berjenis angka tidak memakai kategori.", NULL);
        if (it->jenis != TI_ANGKA && it->nkategori == 0)
            return problem(p, n, "kategori", "Isi paling sedikit satu kategori, satu per baris: Nama = nilai.", NULL);
        if (it->nkategori > TARIF_MAX_KATEGORI) return problem(p, n, "kategori", "Paling banyak 40 kategori.", NULL);
        for (size_t k = 0; k < it->nkategori; k++) {
            if (is_blank(it->kategori[k].nama) || utf8_length(it->kategori[k].nama) > 200)
                return problem(p, n, "kategori", "Setiap kategori memerlukan nama (paling banyak 200 karakter).", NULL);
            if (dec_is_neg(it->kategori[k].nilai))
                return problem(p, n, "kategori", "Nilai kategori tidak boleh negatif.", it->kategori[k].nama);
        }
    }
    if (t->formula && *t->formula) {
        formula_error e;
        if (!formula_compile(a, t->formula, vars_of(a, t), t->nitems, &e)) {
            *p = (tarif_problem){-1, "formula", e.what, e.detail, e.line, e.col};
            return -1;
        }
    } else {
        int priced = 0;
        for (size_t i = 0; i < t->nitems; i++) priced |= t->items[i].jenis == TI_HARGA;
        if (!priced)
            return problem(p, -1, "formula", "Tanpa rumus, total adalah jumlah komponen berharga; isi rumus atau komponen berjenis harga.", NULL);
    }
    return 0;
}

/* ---- saving ---- */

lk_err tarif_save(store_conn *c, arena *a, const tarif *t, int64_t account_id, int64_t instansi_id, time_t now,
                  int64_t *id_out, tarif_problem *p)
{
    if (tarif_check(a, t, p)) return LK_ERR_INVALID;
    lk_err e = store_begin(c);
    if (e) return e;
    int64_t version = 0, id = 0;
    e = store_query_int(c, "SELECT COALESCE(MAX(version), 0) + 1 FROM tarif WHERE jenis_izin_id = $1",
                        STORE_P(SP_I(t->jenis_izin_id)), &version);
    if (!e) e = store_exec(c, "INSERT INTO tarif (jenis_izin_id, version, berlaku_mulai, formula, catatan, created_by, created_at)"
                              " VALUES ($1, $2, $3, $4, $5, $6, $7)",
                           STORE_P(SP_I(t->jenis_izin_id), SP_I(version), SP_T(t->berlaku_mulai),
                                   SP_T(t->formula ? t->formula : ""), SP_T(t->catatan && *t->catatan ? t->catatan : NULL),
                                   account_id ? SP_I(account_id) : SP_N, SP_T(datetime_iso(a, now))),
                           NULL);
    if (!e) e = store_query_int(c, "SELECT id FROM tarif WHERE jenis_izin_id = $1 AND version = $2",
                                STORE_P(SP_I(t->jenis_izin_id), SP_I(version)), &id);
    for (size_t i = 0; !e && i < t->nitems; i++) {
        const tarif_item *it = &t->items[i];
        int64_t item_id = 0;
        e = store_exec(c, "INSERT INTO tarif_item (tarif_id, position, kode, nama, satuan, jenis, nilai_min, nilai_max)"
                          " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                       STORE_P(SP_I(id), SP_I(i + 1), SP_T(it->kode), SP_T(it->nama), SP_T(it->satuan ? it->satuan : ""),
                               SP_T(tarif_item_jenis_key(it->jenis)), SP_T(dec_str(a, it->min)), SP_T(dec_str(a, it->max))),
                       NULL);
        if (!e) e = store_query_int(c, "SELECT id FROM tarif_item WHERE tarif_id = $1 AND position = $2",
                                    STORE_P(SP_I(id), SP_I(i + 1)), &item_id);
        for (size_t k = 0; !e && k < it->nkategori; k++)
            e = store_exec(c, "INSERT INTO tarif_kategori (item_id, position, nama, nilai) VALUES ($1, $2, $3, $4)",
                           STORE_P(SP_I(item_id), SP_I(k + 1), SP_T(it->kategori[k].nama),
                                   SP_T(dec_str(a, it->kategori[k].nilai))),
                           NULL);
    }
    if (!e && instansi_id) {
        audit_entry en = {account_id, instansi_id, "tarif.simpan", "jenis_izin", t->jenis_izin_id,
                          arena_printf(a, "versi %lld berlaku mulai %s", (long long)version, t->berlaku_mulai)};
        e = audit_record(c, &en, now, NULL);
    }
    if (!e) e = public_version_bump(c);   /* Simulasi Tarif and the jenis izin page show it */
    if (e) {
        store_rollback(c);
        return e;
    }
    e = store_commit(c);
    if (!e && id_out) *id_out = id;
    return e;
}

/* ---- computing ---- */

static const char *qty_text(arena *a, dec v, const char *satuan)
{
    return satuan && *satuan ? arena_printf(a, "%s %s", dec_id(a, v), satuan) : dec_id(a, v);
}

static void add_line(arena *a, tarif_hasil *h, size_t *cap, const char *uraian, const char *rincian, int has, dec jumlah)
{
    h->baris = arena_grow(a, h->baris, cap, h->nbaris, sizeof *h->baris);
    h->baris[h->nbaris++] = (tarif_baris){uraian, rincian, has, jumlah};
}

/* Reads item i's input into *v; sets the item's message on a refusal. */
static void read_input(arena *a, const tarif_item *it, const char *jumlah, const char *kat, tarif_hasil *h, size_t i,
                       formula_value *v, const tarif_kategori **chosen)
{
    *chosen = NULL;
    if (it->jenis != TI_ANGKA) {
        int64_t k = 0;
        if (it->nkategori == 1 && (!kat || !*kat)) k = 1;   /* one category: nothing to choose */
        else if (!kat || parse_int64(kat, 1, (int64_t)it->nkategori, &k)) {
            h->item_what[i] = kat && *kat ? "Pilih kategori yang tersedia." : "Pilih salah satu kategori.";
            h->item_errors++;
            return;
        }
        *chosen = &it->kategori[k - 1];
        if (it->jenis == TI_PILIHAN) {
            v->value = (*chosen)->nilai;
            return;
        }
        v->price = (*chosen)->nilai;
    }
    const char *s = jumlah ? jumlah : "";
    while (*s == ' ') s++;
    if (!*s && it->jenis == TI_HARGA) {
        v->value = dec_zero();          /* a priced item left empty is not bought */
        return;
    }
    if (!*s) {
        h->item_what[i] = "Isi angka ini.";
        h->item_errors++;
        return;
    }
    if (dec_parse(s, &v->value)) {
        h->item_what[i] = "Masukkan angka, misalnya 12 atau 12,5 (tanpa pemisah ribuan, paling banyak 6 desimal).";
        h->item_errors++;
        return;
    }
    if (dec_cmp(v->value, it->min) < 0 || dec_cmp(v->value, it->max) > 0) {
        h->item_what[i] = "Angka di luar batas yang diizinkan:";
        h->item_detail[i] = arena_printf(a, "%s – %s", dec_id(a, it->min), dec_id(a, it->max));
        h->item_errors++;
    }
}

int tarif_hitung(arena *a, const tarif *t, const tarif_masukan *m, tarif_hasil *h)
{
    memset(h, 0, sizeof *h);
    size_t n = t->nitems, cap = 0;
    h->item_what = arena_alloc(a, (n + 1) * sizeof *h->item_what);
    h->item_detail = arena_alloc(a, (n + 1) * sizeof *h->item_detail);
    formula_value *v = arena_alloc(a, (n + 1) * sizeof *v);
    const tarif_kategori **chosen = arena_alloc(a, (n + 1) * sizeof *chosen);
    for (size_t i = 0; i < n; i++)
        read_input(a, &t->items[i], m->jumlah ? m->jumlah[i] : NULL, m->kategori ? m->kategori[i] : NULL, h, i, &v[i],
                   &chosen[i]);
    if (h->item_errors) {
        h->failed = 1;
        return -1;
    }
    dec total = dec_zero(), defs[FORMULA_MAX_DEFS];
    formula *f = NULL;
    if (t->formula && *t->formula) {
        f = formula_compile(a, t->formula, vars_of(a, t), n, &h->formula_err);
        if (!f || formula_eval(f, v, &total, defs, &h->formula_err)) {
            h->failed = 1;
            return -1;
        }
    }
    /* The lines: each input, each priced item's amount, each definition. */
    for (size_t i = 0; i < n; i++) {
        const tarif_item *it = &t->items[i];
        if (it->jenis == TI_HARGA) {
            dec amount;
            if (dec_mul(v[i].value, v[i].price, &amount)) {
                h->formula_err.what = "Hasil perhitungan melebihi batas (10^18).";
                h->failed = 1;
                return -1;
            }
            if (dec_is_zero(v[i].value)) continue;
            const char *name = it->nkategori > 1 ? arena_printf(a, "%s (%s)", it->nama, chosen[i]->nama) : it->nama;
            add_line(a, h, &cap, name,
                     arena_printf(a, "%s × Rp %s", qty_text(a, v[i].value, it->satuan), dec_id(a, v[i].price)), 1, amount);
            if (!f && dec_add(total, amount, &total)) {
                h->formula_err.what = "Hasil perhitungan melebihi batas (10^18).";
                h->failed = 1;
                return -1;
            }
        } else if (it->jenis == TI_PILIHAN) {
            add_line(a, h, &cap, it->nama, arena_printf(a, "%s: %s", chosen[i]->nama, dec_id(a, v[i].value)), 0, dec_zero());
        } else {
            add_line(a, h, &cap, it->nama, qty_text(a, v[i].value, it->satuan), 0, dec_zero());
        }
    }
    for (size_t d = 0; f && d < formula_def_count(f); d++)
        add_line(a, h, &cap, formula_def_name(f, d), arena_printf(a, "= %s", dec_id(a, defs[d])), 0, dec_zero());
    if (dec_is_neg(total)) {
        h->formula_err.what = "Hasil rumus negatif; periksa masukan dan rumus.";
        h->failed = 1;
        return -1;
    }
    if (dec_round(total, 0, &h->total)) {
        h->formula_err.what = "Hasil perhitungan melebihi batas (10^18).";
        h->failed = 1;
        return -1;
    }
    return 0;
}

const char *tarif_masukan_json(arena *a, const tarif *t, const tarif_masukan *m)
{
    json_t *o = json_object();
    for (size_t i = 0; i < t->nitems; i++) {
        json_t *item = json_object();
        const char *j = m->jumlah ? m->jumlah[i] : NULL, *k = m->kategori ? m->kategori[i] : NULL;
        if (j) json_object_set_new(item, "jumlah", json_string(j));
        if (k) json_object_set_new(item, "kategori", json_string(k));
        json_object_set_new(o, t->items[i].kode, item);
    }
    char *s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(o);
    const char *out = arena_strdup(a, s ? s : "{}");
    free(s);
    return out;
}

/* Allocates out's arrays for t and parses `json` as an object (NULL when it is not one). */
static json_t *masukan_start(arena *a, const tarif *t, const char *json, tarif_masukan *out)
{
    out->jumlah = arena_alloc(a, (t->nitems + 1) * sizeof *out->jumlah);
    out->kategori = arena_alloc(a, (t->nitems + 1) * sizeof *out->kategori);
    json_t *o = json_loads(json ? json : "{}", JSON_REJECT_DUPLICATES, NULL);
    if (json_is_object(o)) return o;
    json_decref(o);
    return NULL;
}

int tarif_masukan_from_json(arena *a, const tarif *t, const char *json, tarif_masukan *out)
{
    json_t *o = masukan_start(a, t, json, out);
    if (!o) return -1;
    for (size_t i = 0; i < t->nitems; i++) {
        json_t *item = json_object_get(o, t->items[i].kode);
        const char *j = json_string_value(json_object_get(item, "jumlah"));
        const char *k = json_string_value(json_object_get(item, "kategori"));
        out->jumlah[i] = j ? arena_strdup(a, j) : NULL;
        out->kategori[i] = k ? arena_strdup(a, k) : NULL;
    }
    json_decref(o);
    return 0;
}

int tarif_masukan_from_data_teknis(arena *a, const tarif *t, const char *json, tarif_masukan *out)
{
    json_t *o = masukan_start(a, t, json, out);
    if (!o) return -1;
    for (size_t i = 0; i < t->nitems; i++) {
        const char *v = json_string_value(json_object_get(o, t->items[i].kode));
        if (v && t->items[i].jenis != TI_PILIHAN) out->jumlah[i] = arena_strdup(a, v);
    }
    json_decref(o);
    return 0;
}

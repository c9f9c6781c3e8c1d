/* domain/izin/izin_template.c — a jenis izin's permit template: reading, checking, saving,
 * resetting and a sample PDF (see izin_template.h). */
#include "domain/izin/izin_template.h"
#include "domain/proses/audit.h"
#include "util/datetime.h"
#include "util/text.h"
#include <string.h>

#define JUDUL_MAX 200
#define ISI_MAX 20000

lk_err izin_template_get(store_conn *c, arena *a, int64_t jenis_izin_id, izin_template *out)
{
    *out = (izin_template){IZIN_TEMPLATE_JUDUL, IZIN_TEMPLATE_ISI, "kanan", 0, NULL};
    store_rows *r = store_query(c, "SELECT judul, isi, updated_at, ttd_letak FROM izin_template WHERE jenis_izin_id = $1",
                                STORE_P(SP_I(jenis_izin_id)));
    if (!r) return LK_ERR_DB;
    int got = store_next(r);
    if (got == 1) {
        out->judul = arena_strdup(a, store_text(r, 0));
        out->isi = arena_strdup(a, store_text(r, 1));
        out->updated_at = arena_strdup(a, store_text(r, 2));
        out->ttd_letak = strcmp(store_text(r, 3), "kiri") == 0 ? "kiri" : "kanan";
        out->custom = 1;
    }
    store_rows_close(r);
    return got < 0 ? LK_ERR_DB : LK_OK;
}

/* The placeholders every jenis izin has, with an example value for the preview. */
static const struct {
    const char *key, *meaning, *sample;
} FIXED[] = {
    {"pemegang", "Nama pemegang izin (orang atau perusahaan)", "dr. Contoh Pemohon"},
    {"nomor", "Nomor izin", "503/001/CONTOH/2026"},
    {"nomor_permohonan", "Nomor permohonan", "PRM-2026-000001"},
    {"jenis_izin", "Nama jenis izin", NULL},
    {"jenis_permohonan", "Baru, Perpanjangan atau Perubahan", "Baru"},
    {"lokasi_nama", "Nama tempat lokasi izin", "Klinik Contoh"},
    {"lokasi_alamat", "Alamat lokasi izin", "Jl. Contoh No. 1"},
    {"berlaku_dari", "Tanggal mulai berlaku", "1 Januari 2026"},
    {"berlaku_sampai", "Tanggal akhir berlaku (atau \"tidak dibatasi\")", "31 Desember 2030"},
    {"masa_berlaku", "Kalimat masa berlaku izin",
     "Izin ini berlaku sejak tanggal 1 Januari 2026 sampai dengan tanggal 31 Desember 2030."},
    {"instansi", "Nama pemerintah daerah", "Pemerintah Contoh"},
    {"kantor", "Nama kantor penerbit", "DPMPTSP Contoh"},
    {"tanggal_terbit", "Tanggal izin terbit", "1 Januari 2026"},
};
enum { FIXED_COUNT = sizeof FIXED / sizeof *FIXED };

const izin_placeholder *izin_template_placeholders(arena *a, const jenis_izin_detail *ji)
{
    izin_placeholder *list = arena_alloc(a, (FIXED_COUNT + ji->field_count + 2) * sizeof *list);
    size_t n = 0;
    for (size_t i = 0; i < FIXED_COUNT; i++) list[n++] = (izin_placeholder){FIXED[i].key, FIXED[i].meaning};
    for (size_t i = 0; i < ji->field_count; i++)
        list[n++] = (izin_placeholder){arena_printf(a, "dt.%s", ji->fields[i].key),
                                       arena_printf(a, "Data Teknis: %s", ji->fields[i].label)};
    list[n++] = (izin_placeholder){"rincian", "Tabel rincian izin (satu paragraf tersendiri; tanpa ini di akhir isi)"};
    list[n] = (izin_placeholder){NULL, NULL};
    return list;
}

const izin_var *izin_template_sample_vars(arena *a, const jenis_izin_detail *ji)
{
    izin_var *vars = arena_alloc(a, (FIXED_COUNT + ji->field_count + 1) * sizeof *vars);
    size_t n = 0;
    for (size_t i = 0; i < FIXED_COUNT; i++)
        vars[n++] = (izin_var){FIXED[i].key, FIXED[i].sample ? FIXED[i].sample : ji->s.name};
    for (size_t i = 0; i < ji->field_count; i++)
        vars[n++] = (izin_var){arena_printf(a, "dt.%s", ji->fields[i].key), arena_printf(a, "[%s]", ji->fields[i].label)};
    vars[n] = (izin_var){NULL, NULL};
    return vars;
}

/* Textarea text as stored: CRLF and CR become LF, spaces at line ends go, and the whole
 * is trimmed, so a blank line really separates paragraphs. */
static char *normalise(arena *a, const char *s)
{
    size_t len = strlen(s);
    char *out = arena_alloc(a, len + 1), *o = out;
    for (const char *p = s; *p; p++) {
        char ch = *p == '\r' ? '\n' : *p;
        if (*p == '\r' && p[1] == '\n') continue;   /* the LF that follows is kept */
        if (ch == '\n')
            while (o > out && (o[-1] == ' ' || o[-1] == '\t')) o--;
        *o++ = ch;
    }
    *o = '\0';
    while (o > out && (o[-1] == '\n' || o[-1] == ' ' || o[-1] == '\t')) *--o = '\0';
    char *start = out;
    while (*start == '\n' || *start == ' ' || *start == '\t') start++;
    return start;
}

/* A text's own faults: missing, too long, not UTF-8, control characters. */
static const char *text_fault(const char *s, size_t max, int multiline)
{
    if (!*s) return "wajib diisi.";
    if (!utf8_valid(s, strlen(s))) return "bukan teks UTF-8 yang sah.";
    if (utf8_length(s) > max) return max == JUDUL_MAX ? "paling banyak 200 karakter." : "paling banyak 20.000 karakter.";
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if ((*p < 0x20 && !(multiline && (*p == '\n' || *p == '\t'))) || *p == 0x7f)
            return multiline ? "memuat karakter kendali." : "harus satu baris.";
    return NULL;
}

/* {rincian} must stand alone as a paragraph, at most once (izin_pdf.c draws the table
 * there); elsewhere it would be printed as it is. */
static const char *rincian_fault(arena *a, const char *isi)
{
    int seen = 0;
    for (const char *p = isi; *p;) {
        const char *end = strstr(p, "\n\n");
        size_t n = end ? (size_t)(end - p) : strlen(p);
        const char *para = arena_strndup(a, p, n);
        if (strstr(para, "{rincian}")) {
            if (strcmp(para, "{rincian}") != 0) return "{rincian} harus berdiri sendiri sebagai satu paragraf.";
            if (seen++) return "{rincian} hanya boleh dipakai sekali.";
        }
        p = end ? end + 2 : p + n;
        while (*p == '\n') p++;
    }
    return NULL;
}

static const char *placeholder_fault(arena *a, const char *text, const izin_var *vars)
{
    const char *filled = NULL, *unknown = NULL;
    if (izin_template_fill(a, text, vars, &filled, &unknown) == LK_OK) return NULL;
    return arena_printf(a, "%s bukan kode isian jenis izin ini. Pakai salah satu dari daftar Kode Isian di bawah "
                           "(tulis kurung kurawal hanya untuk kode isian).", unknown ? unknown : "{");
}

/* "kanan" or "kiri" for a valid place (NULL or empty: the built-in "kanan"), else NULL. */
static const char *letak_of(const char *ttd_letak)
{
    if (!ttd_letak || !*ttd_letak || strcmp(ttd_letak, "kanan") == 0) return "kanan";
    return strcmp(ttd_letak, "kiri") == 0 ? "kiri" : NULL;
}

lk_err izin_template_check(arena *a, const jenis_izin_detail *ji, const char *judul_in, const char *isi_in,
                           const char *ttd_letak, issues *errs)
{
    const char *judul = normalise(a, judul_in ? judul_in : ""), *isi = normalise(a, isi_in ? isi_in : "");
    const izin_var *vars = izin_template_sample_vars(a, ji);
    const char *m = text_fault(judul, JUDUL_MAX, 0);
    if (!m && strstr(judul, "{rincian}")) m = "{rincian} hanya dapat dipakai di isi.";
    if (!m) m = placeholder_fault(a, judul, vars);
    if (m) issues_add(a, errs, "judul", m);
    m = text_fault(isi, ISI_MAX, 1);
    if (!m) m = rincian_fault(a, isi);
    if (!m) m = placeholder_fault(a, isi, vars);
    if (m) issues_add(a, errs, "isi", m);
    if (!letak_of(ttd_letak)) issues_add(a, errs, "ttd_letak", "pilih salah satu pilihan yang tersedia.");
    return errs->count ? LK_ERR_INVALID : LK_OK;
}

lk_err izin_template_save(store_conn *c, arena *a, int64_t account_id, int64_t instansi_id, const jenis_izin_detail *ji,
                          const char *judul_in, const char *isi_in, const char *ttd_letak, time_t now, issues *errs)
{
    lk_err e = izin_template_check(a, ji, judul_in, isi_in, ttd_letak, errs);
    if (e) return e;
    const char *judul = normalise(a, judul_in ? judul_in : ""), *isi = normalise(a, isi_in ? isi_in : "");
    e = store_begin(c);
    if (e) return e;
    int64_t changed = 0;
    /* The jenis izin must be the admin's instansi's: the statement writes nothing otherwise. */
    e = store_exec(c,
        "INSERT INTO izin_template (jenis_izin_id, judul, isi, updated_at, ttd_letak) "
        "SELECT id, $3, $4, $5, $6 FROM jenis_izin WHERE id = $1 AND instansi_id = $2 "
        "ON CONFLICT (jenis_izin_id) DO UPDATE SET judul = excluded.judul, isi = excluded.isi, "
        "updated_at = excluded.updated_at, ttd_letak = excluded.ttd_letak",
        STORE_P(SP_I(ji->s.id), SP_I(instansi_id), SP_T(judul), SP_T(isi), SP_T(datetime_iso(a, now)),
                SP_T(letak_of(ttd_letak))), &changed);
    if (e == LK_OK && changed != 1) e = LK_ERR_NOTFOUND;
    if (e == LK_OK)
        e = audit_record(c, &(audit_entry){account_id, instansi_id, "izin_template.simpan", "jenis_izin", ji->s.id, judul},
                         now, NULL);
    if (e == LK_OK) return store_commit(c);
    store_rollback(c);
    return e;
}

lk_err izin_template_reset(store_conn *c, int64_t account_id, int64_t instansi_id, int64_t jenis_izin_id, time_t now)
{
    lk_err e = store_begin(c);
    if (e) return e;
    int64_t mine = 0;
    e = store_query_int(c, "SELECT COUNT(*) FROM jenis_izin WHERE id = $1 AND instansi_id = $2",
                        STORE_P(SP_I(jenis_izin_id), SP_I(instansi_id)), &mine);
    if (e == LK_OK && !mine) e = LK_ERR_NOTFOUND;
    if (e == LK_OK)
        e = store_exec(c, "DELETE FROM izin_template WHERE jenis_izin_id = $1", STORE_P(SP_I(jenis_izin_id)), NULL);
    if (e == LK_OK)
        e = audit_record(c, &(audit_entry){account_id, instansi_id, "izin_template.bawaan", "jenis_izin", jenis_izin_id,
                                           NULL},
                         now, NULL);
    if (e == LK_OK) return store_commit(c);
    store_rollback(c);
    return e;
}

lk_err izin_template_preview(arena *a, const jenis_izin_detail *ji, const char *judul, const char *isi,
                             const char *ttd_letak, const char *instansi_name, const char *office_name, const char *office_address,
                             const char *base_url, buf *pdf)
{
    const izin_var *vars = izin_template_sample_vars(a, ji);
    const char *judul_f = NULL, *isi_f = NULL, *unknown = NULL;
    lk_err e = izin_template_fill(a, normalise(a, judul), vars, &judul_f, &unknown);
    if (e == LK_OK) e = izin_template_fill(a, normalise(a, isi), vars, &isi_f, &unknown);
    if (e) return e;
    izin_pdf_row *rows = arena_alloc(a, (ji->field_count + 5) * sizeof *rows);
    size_t n = 0;
    rows[n++] = (izin_pdf_row){"Nama", "dr. Contoh Pemohon"};
    rows[n++] = (izin_pdf_row){"Nama Tempat", "Klinik Contoh"};
    rows[n++] = (izin_pdf_row){"Alamat Lokasi", "Jl. Contoh No. 1"};
    for (size_t i = 0; i < ji->field_count; i++)
        rows[n++] = (izin_pdf_row){ji->fields[i].label, arena_printf(a, "[%s]", ji->fields[i].label)};
    rows[n++] = (izin_pdf_row){"Berlaku Sejak", "1 Januari 2026"};
    izin_pdf_doc doc = {
        .instansi_name = instansi_name, .office_name = office_name, .office_address = office_address,
        .judul = judul_f, .nomor = "503/001/CONTOH/2026", .isi = isi_f, .rows = rows, .n_rows = n,
        .tanggal = "1 Januari 2026", .signer_jabatan = "Kepala Dinas (contoh)", .signer_nama = "Nama Penandatangan",
        .signer_nip = "19700101 199001 1 001", .kode = "CONT-OH00",
        .cek_url = arena_printf(a, "%s/cek-izin", base_url),
        .verify_url = arena_printf(a, "%s/cek-izin?contoh=1", base_url), .kid = "contoh",
        .signer_left = ttd_letak && strcmp(ttd_letak, "kiri") == 0,
    };
    return izin_pdf(&doc, pdf);
}

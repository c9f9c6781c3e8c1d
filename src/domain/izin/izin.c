/* domain/izin/izin.c — issuing, listing and revoking permits (see izin.h). */
#include "domain/izin/izin.h"
#include "domain/akun/account.h"
#include "domain/izin/izin_keys.h"
#include "domain/izin/izin_pdf.h"
#include "domain/izin/izin_template.h"
#include "domain/izin/izin_tte.h"
#include "domain/izin/izin_tte_gambar.h"
#include "domain/permohonan/numbering.h"
#include "domain/permohonan/permohonan.h"
#include "domain/permohonan/perusahaan.h"
#include "domain/proses/audit.h"
#include "domain/surat/outbox.h"
#include "util/datetime.h"
#include "util/log.h"
#include "util/phrase.h"
#include "util/text.h"
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define WIB_OFFSET_S (7 * 3600)
#define DAY_S 86400
#define KODE_ALPHABET "0123456789ABCDEFGHJKMNPQRSTVWXYZ"   /* Crockford: no I, L, O, U */

/* ---- dates ---------------------------------------------------------------------- */

const char *izin_today(arena *a, time_t t)
{
    time_t local = t + WIB_OFFSET_S;
    struct tm tm;
    gmtime_r(&local, &tm);
    return arena_printf(a, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* ymd + years/months/days, normalised by timegm ("2028-02-29" + 1 year → 2029-03-01). */
static const char *date_shift(arena *a, const char *ymd, int years, int months, int days)
{
    int y, m, d;
    if (!ymd || sscanf(ymd, "%4d-%2d-%2d", &y, &m, &d) != 3) return NULL;
    struct tm tm = {.tm_year = y - 1900 + years, .tm_mon = m - 1 + months, .tm_mday = d + days, .tm_hour = 12};
    time_t t = timegm(&tm);
    gmtime_r(&t, &tm);
    return arena_printf(a, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

const char *izin_day_add(arena *a, const char *ymd, int n)
{
    return date_shift(a, ymd, 0, 0, n);
}

/* The last day of a validity of `value` `unit`s starting on dari ("" for value 0). */
static const char *validity_end(arena *a, const char *dari, int value, const char *unit)
{
    if (value <= 0) return "";
    const char *end = strcmp(unit, "hari") == 0    ? date_shift(a, dari, 0, 0, value)
                      : strcmp(unit, "bulan") == 0 ? date_shift(a, dari, 0, value, 0)
                                                   : date_shift(a, dari, value, 0, 0);
    return izin_day_add(a, end, -1);
}

const char *izin_state(const izin_rec *z, const char *today)
{
    if (strcmp(z->status, "dicabut") == 0) return "dicabut";
    if (*z->berlaku_sampai && strcmp(z->berlaku_sampai, today) < 0) return "kedaluwarsa";
    return "berlaku";
}

const char *izin_state_label(const char *state)
{
    if (strcmp(state, "dicabut") == 0) return "Dicabut";
    if (strcmp(state, "kedaluwarsa") == 0) return "Kedaluwarsa";
    return "Berlaku";
}

/* ---- reading -------------------------------------------------------------------- */

#define IZIN_COLS                                                                                              \
    "z.id, z.permohonan_id, z.account_id, z.instansi_id, z.jenis_izin_id, COALESCE(z.izin_lama_id, 0),"       \
    " COALESCE(z.dokumen_id, 0), z.jenis_permohonan, z.nomor, z.kode, z.jenis_izin_name, z.document_type,"      \
    " z.wilayah_code, z.pemegang, z.tipe_pemohon, z.lokasi_nama, z.lokasi_alamat, z.data_teknis,"              \
    " z.berlaku_dari, COALESCE(z.berlaku_sampai, ''), z.signer_nama, z.signer_nip, z.signer_jabatan,"          \
    " z.issued_at, z.kid, z.signature, z.status, COALESCE(z.revoked_at, ''), COALESCE(z.revoke_reason, ''),"    \
    " z.pdf_storage_name, i.name, i.office_name, p.nomor, COALESCE(l.nomor, ''),"                              \
    " COALESCE(z.tte_signer, ''), COALESCE(z.tte_at, ''), COALESCE(z.tte_mode, ''),"                           \
    " COALESCE(z.tte_ts_at, ''), COALESCE(z.tte_tsa, '')"                                                      \
    " FROM izin z JOIN instansi i ON i.id = z.instansi_id JOIN permohonan p ON p.id = z.permohonan_id"         \
    " LEFT JOIN izin l ON l.id = z.izin_lama_id"

static const char *col(arena *a, store_rows *r, int i)
{
    const char *s = store_text(r, i);
    return arena_strdup(a, s ? s : "");
}

static void fill(arena *a, store_rows *r, izin_rec *z)
{
    memset(z, 0, sizeof *z);
    z->id = store_int(r, 0);
    z->permohonan_id = store_int(r, 1);
    z->account_id = store_int(r, 2);
    z->instansi_id = store_int(r, 3);
    z->jenis_izin_id = store_int(r, 4);
    z->izin_lama_id = store_int(r, 5);
    z->dokumen_id = store_int(r, 6);
    if (jenis_permohonan_parse(store_text(r, 7), &z->jp) != 0) z->jp = JP_BARU;
    const char **texts[] = {&z->nomor, &z->kode, &z->jenis_izin_name, &z->document_type, &z->wilayah_code,
                            &z->pemegang, &z->tipe_pemohon, &z->lokasi_nama, &z->lokasi_alamat, &z->data_teknis,
                            &z->berlaku_dari, &z->berlaku_sampai, &z->signer_nama, &z->signer_nip,
                            &z->signer_jabatan, &z->issued_at, &z->kid, &z->signature, &z->status, &z->revoked_at,
                            &z->revoke_reason, &z->pdf_storage_name, &z->instansi_name, &z->office_name,
                            &z->permohonan_nomor, &z->izin_lama_nomor, &z->tte_signer, &z->tte_at, &z->tte_mode,
                            &z->tte_ts_at, &z->tte_tsa};
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) *texts[i] = col(a, r, (int)i + 8);
}

static lk_err get_one(store_conn *c, arena *a, const char *sql, const store_param *p, int n, izin_rec *out)
{
    store_rows *r = store_query(c, sql, p, n);
    if (!r) return LK_ERR_DB;
    int rc = store_next(r);
    if (rc == 1) fill(a, r, out);
    store_rows_close(r);
    return rc == 1 ? LK_OK : rc == 0 ? LK_ERR_NOTFOUND : LK_ERR_DB;
}

lk_err izin_get(store_conn *c, arena *a, int64_t account_id, int64_t id, izin_rec *out)
{
    return get_one(c, a, "SELECT " IZIN_COLS " WHERE z.id = $1 AND ($2 = 0 OR z.account_id = $2)",
                   STORE_P(SP_I(id), SP_I(account_id)), out);
}

lk_err izin_get_by_nomor(store_conn *c, arena *a, const char *nomor, izin_rec *out)
{
    return get_one(c, a, "SELECT " IZIN_COLS " WHERE z.nomor = $1", STORE_P(SP_T(nomor)), out);
}

/* Every row of a query over IZIN_COLS. */
static lk_err get_all(store_conn *c, arena *a, const char *sql, const store_param *p, int np, izin_rec **out,
                      size_t *n)
{
    *out = NULL;
    *n = 0;
    size_t cap = 0;
    store_rows *r = store_query(c, sql, p, np);
    if (!r) return LK_ERR_DB;
    int rc;
    while ((rc = store_next(r)) == 1) {
        *out = arena_grow(a, *out, &cap, *n, sizeof **out);
        fill(a, r, &(*out)[(*n)++]);
    }
    store_rows_close(r);
    return rc < 0 ? LK_ERR_DB : LK_OK;
}

lk_err izin_list(store_conn *c, arena *a, int64_t account_id, izin_rec **out, size_t *n)
{
    return get_all(c, a, "SELECT " IZIN_COLS " WHERE z.account_id = $1 ORDER BY z.id DESC", STORE_P(SP_I(account_id)),
                   out, n);
}

lk_err izin_list_instansi(store_conn *c, arena *a, int64_t instansi_id, const char *q, int limit, izin_rec **out,
                          size_t *n)
{
    const char *like = q && *q ? arena_printf(a, "%%%s%%", q) : NULL;
    return get_all(c, a, "SELECT " IZIN_COLS " WHERE z.instansi_id = $1"
                         " AND (CAST($2 AS TEXT) IS NULL OR z.nomor LIKE $2 OR z.pemegang LIKE $2)"
                         " ORDER BY z.id DESC LIMIT $3",
                   STORE_P(SP_I(instansi_id), SP_T(like), SP_I(limit)), out, n);
}

void izin_signed_of(const izin_rec *z, izin_signed *f)
{
    memset(f, 0, sizeof *f);
    snprintf(f->kid, sizeof f->kid, "%s", z->kid);
    f->nomor = z->nomor;
    f->jenis_izin = z->jenis_izin_name;
    f->pemegang = z->pemegang;
    f->wilayah = z->wilayah_code;
    f->berlaku_dari = z->berlaku_dari;
    f->berlaku_sampai = z->berlaku_sampai;
}

static lk_err url_of(arena *a, const izin_signed *f, const unsigned char sig[IZIN_SIG_BYTES], const char *base_url,
                     const char **url)
{
    const char *code = NULL;
    lk_err e = izin_code_encode(a, f, sig, &code);
    if (e == LK_OK) *url = arena_printf(a, "%s/v/%s", base_url, code);
    return e;
}

lk_err izin_verify_url(arena *a, const izin_rec *z, const char *base_url, const char **url)
{
    izin_signed f;
    unsigned char sig[IZIN_SIG_BYTES];
    izin_signed_of(z, &f);
    if (izin_hex_decode(z->signature, sig, sizeof sig) != 0) return LK_ERR_INTERNAL;
    return url_of(a, &f, sig, base_url, url);
}

/* ---- revoking ------------------------------------------------------------------- */

lk_err izin_revoke(store_conn *c, arena *a, int64_t instansi_id, int64_t account_id, int64_t id, const char *reason,
                   time_t now)
{
    izin_rec z;
    lk_err e = store_begin(c);
    if (e) return e;
    e = izin_get(c, a, 0, id, &z);
    if (e == LK_OK && instansi_id && z.instansi_id != instansi_id) e = LK_ERR_NOTFOUND;
    /* The reason is read only for a permit of the officer's own instansi: another's
     * answers 404 whatever the form says. */
    if (e == LK_OK && (!reason || is_blank(reason) || utf8_length(reason) > 500 || !utf8_valid(reason, strlen(reason))))
        e = LK_ERR_INVALID;
    if (e == LK_OK && strcmp(z.status, "dicabut") == 0) e = LK_ERR_CONFLICT;
    const char *now_iso = datetime_iso(a, now);
    int64_t changed = 0;
    if (e == LK_OK)
        e = store_exec(c, "UPDATE izin SET status = 'dicabut', revoked_at = $2, revoked_by = $3, revoke_reason = $4"
                          " WHERE id = $1 AND status = 'berlaku'",
                       STORE_P(SP_I(id), SP_T(now_iso), account_id ? SP_I(account_id) : SP_N, SP_T(reason)), &changed);
    if (e == LK_OK && changed != 1) e = LK_ERR_CONFLICT;
    if (e == LK_OK)
        e = audit_record(c, &(audit_entry){account_id, z.instansi_id, "izin.cabut", "izin", id,
                                           arena_printf(a, "%s: %s", z.nomor, reason)}, now, NULL);
    if (e == LK_OK) return store_commit(c);
    store_rollback(c);
    return e;
}

/* ---- issuing -------------------------------------------------------------------- */

/* "K7P2-9QXM": 40 random bits, easy to read out and type. */
static const char *new_kode(arena *a)
{
    char k[10];
    for (int i = 0; i < 9; i++) k[i] = i == 4 ? '-' : KODE_ALPHABET[randombytes_uniform(32)];
    k[9] = '\0';
    return arena_strdup(a, k);
}

/* Writes the PDF to DATA/izin/izin-<random>.pdf (fsynced) and links it as the same name
 * under DATA/files for the Dokumen entry; its name and SHA-256. */
static lk_err store_pdf(arena *a, const char *data_dir, const buf *pdf, const char **name, const char **sha_hex)
{
    unsigned char rnd[16], h[crypto_hash_sha256_BYTES];
    char hex[33], sha[65];
    randombytes_buf(rnd, sizeof rnd);
    izin_hex_encode(rnd, sizeof rnd, hex);
    crypto_hash_sha256(h, (const unsigned char *)pdf->data, pdf->len);
    izin_hex_encode(h, sizeof h, sha);
    *name = arena_printf(a, "izin-%s.pdf", hex);
    *sha_hex = arena_strdup(a, sha);
    const char *dir = arena_printf(a, "%s/izin", data_dir);
    if (mkdir(dir, 0750) != 0 && errno != EEXIST) {
        log_error("izin: cannot create %s: %s", dir, strerror(errno));
        return LK_ERR_IO;
    }
    const char *path = arena_printf(a, "%s/%s", dir, *name);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
    if (fd < 0) {
        log_error("izin: cannot create %s: %s", path, strerror(errno));
        return LK_ERR_IO;
    }
    int ok = write(fd, pdf->data, pdf->len) == (ssize_t)pdf->len && fsync(fd) == 0;
    ok = close(fd) == 0 && ok;
    if (!ok) {
        log_error("izin: cannot write %s: %s", path, strerror(errno));
        unlink(path);
        return LK_ERR_IO;
    }
    const char *copy = arena_printf(a, "%s/files/%s", data_dir, *name);
    if (link(path, copy) != 0) {
        log_error("izin: cannot link %s to %s: %s", path, copy, strerror(errno));
        unlink(path);
        return LK_ERR_IO;
    }
    return LK_OK;
}

/* What the issuing steps share. */
typedef struct {
    permohonan p;
    jenis_izin_detail ji;
    account holder, signer;
    const char *signer_nip, *signer_jabatan;
    const char *wilayah, *office_address;
    const char *pemegang, *perusahaan;
    const char *dari, *sampai, *masa_berlaku;
    int64_t izin_lama_id;
    izin_pdf_row *rows;
    size_t n_rows;
    const char *dt_json;
} issue_ctx;

/* The validity as the izin_terbit mail states it: the permit's own Indonesian sentence,
 * or the same dates in the recipient's language. */
static const char *masa_berlaku_in(arena *a, const char *lang, const issue_ctx *x)
{
    if (strcmp(lang, "en") != 0) return x->masa_berlaku;
    const char *from = date_long_in(a, x->dari, 1);
    return *x->sampai ? arena_printf(a, "%s %s %s %s", phrase_in(lang, "berlaku sejak"), from,
                                     phrase_in(lang, "sampai dengan"), date_long_in(a, x->sampai, 1))
                      : arena_printf(a, "%s %s, %s", phrase_in(lang, "berlaku sejak"), from,
                                     phrase_in(lang, "selama kegiatan dijalankan sesuai dengan izin ini"));
}

static lk_err load(store_conn *c, arena *a, int64_t permohonan_id, int64_t signer_id, issue_ctx *x, const char **msg)
{
    int64_t owner = 0;
    store_rows *r = store_query(c, "SELECT account_id, status, COALESCE(izin_lama_id, 0) FROM permohonan WHERE id = $1",
                                STORE_P(SP_I(permohonan_id)));
    if (!r) return LK_ERR_DB;
    int rc = store_next(r);
    const char *status = rc == 1 ? arena_strdup(a, store_text(r, 1)) : NULL;
    if (rc == 1) {
        owner = store_int(r, 0);
        x->izin_lama_id = store_int(r, 2);
    }
    store_rows_close(r);
    if (rc != 1) return rc == 0 ? LK_ERR_NOTFOUND : LK_ERR_DB;
    if (strcmp(status, "draft") == 0 || strcmp(status, "ditolak") == 0) {
        *msg = "Permohonan ini belum diajukan atau telah ditolak; izin tidak dapat diterbitkan.";
        return LK_ERR_CONFLICT;
    }
    lk_err e = permohonan_get(c, a, owner, permohonan_id, &x->p);
    if (e == LK_OK) e = permohonan_jenis_izin(c, a, &x->p, &x->ji);
    if (e == LK_OK) e = account_get(c, a, owner, &x->holder);
    if (e) return e;
    e = account_get(c, a, signer_id, &x->signer);
    if (e == LK_ERR_NOTFOUND || (e == LK_OK && (strcmp(x->signer.kind, "petugas") != 0 ||
                                                x->signer.instansi_id != x->p.instansi_id ||
                                                strcmp(x->signer.status, "aktif") != 0 ||
                                                !(x->signer.roles & ROLE_PENANDATANGAN)))) {
        *msg = "Penandatangan harus petugas aktif dengan peran Penandatangan pada instansi permohonan ini.";
        return LK_ERR_DENIED;
    }
    if (e) return e;
    r = store_query(c, "SELECT COALESCE(a.nip, ''), COALESCE(a.jabatan, ''), i.wilayah_code, COALESCE(i.address, '')"
                       " FROM account a, instansi i WHERE a.id = $1 AND i.id = $2",
                    STORE_P(SP_I(signer_id), SP_I(x->p.instansi_id)));
    if (!r) return LK_ERR_DB;
    rc = store_next(r);
    if (rc == 1) {
        x->signer_nip = col(a, r, 0);
        x->signer_jabatan = col(a, r, 1);
        x->wilayah = col(a, r, 2);
        x->office_address = col(a, r, 3);
    }
    store_rows_close(r);
    if (rc != 1) return LK_ERR_DB;
    if (!*x->signer_jabatan) x->signer_jabatan = "Kepala Dinas";
    return LK_OK;
}

/* Holder, validity and the details table. */
static lk_err prepare(store_conn *c, arena *a, time_t now, issue_ctx *x)
{
    const permohonan *p = &x->p;
    x->pemegang = x->holder.nama;
    if (strcmp(p->tipe_pemohon, PERMOHONAN_PERUSAHAAN) == 0 && p->perusahaan_id) {
        perusahaan pt;
        lk_err e = perusahaan_get(c, a, p->account_id, p->perusahaan_id, &pt);
        if (e) return e;
        x->perusahaan = pt.v[PF_NAMA];
        x->pemegang = x->perusahaan;
    }
    const char *today = izin_today(a, now);
    x->dari = today;
    if (x->izin_lama_id && p->jp == JP_PERPANJANGAN) {
        /* A renewal continues where the old permit ends (when it has not ended yet). */
        izin_rec old;
        lk_err e = izin_get(c, a, p->account_id, x->izin_lama_id, &old);
        if (e && e != LK_ERR_NOTFOUND) return e;
        if (e == LK_OK && *old.berlaku_sampai && strcmp(old.berlaku_sampai, today) >= 0)
            x->dari = izin_day_add(a, old.berlaku_sampai, 1);
    }
    const jenis_izin_setting *s = &x->ji.settings[p->jp];
    x->sampai = validity_end(a, x->dari, s->validity_value, s->validity_unit);
    x->masa_berlaku = *x->sampai
        ? arena_printf(a, "Izin ini berlaku sejak tanggal %s sampai dengan tanggal %s.", date_long(a, x->dari),
                       date_long(a, x->sampai))
        : arena_printf(a, "Izin ini berlaku sejak tanggal %s selama kegiatan dijalankan sesuai dengan izin ini.",
                       date_long(a, x->dari));

    size_t cap = x->ji.field_count + 8;
    x->rows = arena_alloc(a, cap * sizeof *x->rows);
    izin_pdf_row *rows = x->rows;
    size_t n = 0;
    rows[n++] = (izin_pdf_row){x->perusahaan ? "Nama Perusahaan" : "Nama", x->pemegang};
    if (x->perusahaan) rows[n++] = (izin_pdf_row){"Penanggung Jawab", x->holder.nama};
    if (*p->lokasi_nama) rows[n++] = (izin_pdf_row){"Nama Tempat", p->lokasi_nama};
    if (*p->lokasi_alamat) rows[n++] = (izin_pdf_row){"Alamat Lokasi", p->lokasi_alamat};
    json_t *dt = json_array();
    for (size_t i = 0; i < x->ji.field_count; i++) {
        const data_teknis_field *f = &x->ji.fields[i];
        const char *v = permohonan_nilai_of(p, f->key);
        if (!*v) continue;
        if (strcmp(f->type, "date") == 0) v = date_long(a, v);
        if (f->unit && *f->unit) v = arena_printf(a, "%s %s", v, f->unit);
        rows[n++] = (izin_pdf_row){f->label, v};
        json_array_append_new(dt, json_pack("[ss]", f->label, v));
    }
    rows[n++] = (izin_pdf_row){"Berlaku Sejak", date_long(a, x->dari)};
    rows[n++] = (izin_pdf_row){"Berlaku Sampai", *x->sampai ? date_long(a, x->sampai) : "Tidak dibatasi"};
    x->n_rows = n;
    char *json = json_dumps(dt, JSON_COMPACT);
    json_decref(dt);
    x->dt_json = arena_strdup(a, json ? json : "[]");
    free(json);
    return LK_OK;
}

static lk_err render(store_conn *c, arena *a, const izin_env *env, const issue_ctx *x, const char *nomor,
                     const char *kode, const char *kid, const char *verify_url, time_t now, buf *pdf,
                     izin_pdf_place *place, const char **msg)
{
    izin_template t;
    lk_err te = izin_template_get(c, a, x->p.jenis_izin_id, &t);
    if (te) return te;
    const char *judul = t.judul, *isi = t.isi;
    size_t nv = 0, cap = 16 + x->ji.field_count;
    izin_var *vars = arena_alloc(a, (cap + 1) * sizeof *vars);
    const char *office = x->p.unit_name ? x->p.unit_name : x->p.office_name;
    const char *tanggal = date_long(a, izin_today(a, now));
    vars[nv++] = (izin_var){"pemegang", x->pemegang};
    vars[nv++] = (izin_var){"nomor", nomor};
    vars[nv++] = (izin_var){"nomor_permohonan", x->p.nomor};
    vars[nv++] = (izin_var){"jenis_izin", x->p.jenis_izin_name};
    vars[nv++] = (izin_var){"jenis_permohonan", jenis_permohonan_label(x->p.jp)};
    vars[nv++] = (izin_var){"lokasi_nama", x->p.lokasi_nama};
    vars[nv++] = (izin_var){"lokasi_alamat", x->p.lokasi_alamat};
    vars[nv++] = (izin_var){"berlaku_dari", date_long(a, x->dari)};
    vars[nv++] = (izin_var){"berlaku_sampai", *x->sampai ? date_long(a, x->sampai) : "tidak dibatasi"};
    vars[nv++] = (izin_var){"masa_berlaku", x->masa_berlaku};
    vars[nv++] = (izin_var){"instansi", x->p.instansi_name};
    vars[nv++] = (izin_var){"kantor", office};
    vars[nv++] = (izin_var){"tanggal_terbit", tanggal};
    for (size_t i = 0; i < x->ji.field_count; i++)
        vars[nv++] = (izin_var){arena_printf(a, "dt.%s", x->ji.fields[i].key), permohonan_nilai_of(&x->p, x->ji.fields[i].key)};
    vars[nv] = (izin_var){NULL, NULL};
    const char *unknown = NULL, *judul_f = NULL, *isi_f = NULL;
    lk_err e = izin_template_fill(a, judul, vars, &judul_f, &unknown);
    if (e == LK_OK) e = izin_template_fill(a, isi, vars, &isi_f, &unknown);
    if (e) {
        log_warn("izin: the template of jenis izin %lld has the unknown placeholder %s", (long long)x->p.jenis_izin_id,
                 unknown ? unknown : "?");
        *msg = "Template izin memuat kode isian yang tidak dikenal; perbaiki template jenis izin ini.";
        return LK_ERR_INVALID;
    }
    izin_pdf_doc doc = {
        .instansi_name = x->p.instansi_name, .office_name = office, .office_address = x->office_address,
        .judul = judul_f, .nomor = nomor, .isi = isi_f, .rows = x->rows, .n_rows = x->n_rows, .tanggal = tanggal,
        .signer_jabatan = x->signer_jabatan, .signer_nama = x->signer.nama, .signer_nip = x->signer_nip,
        .kode = kode, .cek_url = arena_printf(a, "%s/cek-izin", env->base_url), .verify_url = verify_url, .kid = kid,
        .signer_left = strcmp(t.ttd_letak, "kiri") == 0,
    };
    /* The signer's image in the block, when they have one that still reads as a PNG. */
    buf image = BUF_INIT;
    e = izin_tte_gambar_read(c, a, env->data_dir, x->signer.id, &image);
    if (e == LK_ERR_DB) return e;
    if (e == LK_OK) {
        doc.signer_image = (const unsigned char *)image.data;
        doc.signer_image_len = image.len;
    }
    e = izin_pdf_placed(&doc, pdf, place);
    buf_free(&image);
    return e;
}

static const char *pdf_file_name(arena *a, const char *document_type, const char *nomor)
{
    char *name = arena_printf(a, "%s %s.pdf", document_type, nomor);
    for (char *p = name; *p; p++)
        if (*p == '/' || *p == '\\' || *p == '"') *p = '-';
    return utf8_length(name) > 200 ? arena_printf(a, "izin-%s.pdf", "dokumen") : name;
}

static lk_err record(store_conn *c, arena *a, const izin_env *env, const issue_ctx *x, const char *nomor,
                     const char *kode, const char *kid, const char *sig_hex, const char *storage, const char *sha,
                     size_t size, const char *verify_url, const izin_tte_result *tte, time_t now, izin_issued *out)
{
    const permohonan *p = &x->p;
    const char *now_iso = datetime_iso(a, now);
    int64_t dokumen_id = 0, izin_id = 0;
    lk_err e = store_query_int(c,
        "INSERT INTO dokumen (account_id, jenis_dokumen, nomor, berlaku_dari, berlaku_sampai, file_name, storage_name,"
        " content_type, size, sha256) VALUES ($1, $2, $3, $4, $5, $6, $7, 'application/pdf', $8, $9) RETURNING id",
        STORE_P(SP_I(p->account_id), SP_T(x->ji.document_type), SP_T(nomor), SP_T(x->dari),
                SP_T(*x->sampai ? x->sampai : NULL), SP_T(pdf_file_name(a, x->ji.document_type, nomor)), SP_T(storage),
                SP_I((int64_t)size), SP_T(sha)), &dokumen_id);
    if (e == LK_OK)
        e = store_query_int(c,
            "INSERT INTO izin (permohonan_id, account_id, instansi_id, unit_id, jenis_izin_id, jenis_permohonan, nomor,"
            " kode, jenis_izin_name, document_type, wilayah_code, pemegang, tipe_pemohon, lokasi_nama, lokasi_alamat,"
            " data_teknis, berlaku_dari, berlaku_sampai, signer_id, signer_nama, signer_nip, signer_jabatan, issued_at,"
            " kid, signature, izin_lama_id, dokumen_id, pdf_storage_name, tte_signer, tte_at, tte_mode, pdf_sha256,"
            " tte_ts_at, tte_tsa)"
            " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22,"
            " $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33, $34) RETURNING id",
            STORE_P(SP_I(p->id), SP_I(p->account_id), SP_I(p->instansi_id), SP_I(p->unit_id), SP_I(p->jenis_izin_id),
                    SP_T(jenis_permohonan_key(p->jp)), SP_T(nomor), SP_T(kode), SP_T(p->jenis_izin_name),
                    SP_T(x->ji.document_type), SP_T(x->wilayah), SP_T(x->pemegang), SP_T(p->tipe_pemohon),
                    SP_T(p->lokasi_nama), SP_T(p->lokasi_alamat), SP_T(x->dt_json), SP_T(x->dari),
                    SP_T(*x->sampai ? x->sampai : NULL), SP_I(x->signer.id), SP_T(x->signer.nama), SP_T(x->signer_nip),
                    SP_T(x->signer_jabatan), SP_T(now_iso), SP_T(kid), SP_T(sig_hex),
                    x->izin_lama_id ? SP_I(x->izin_lama_id) : SP_N, SP_I(dokumen_id), SP_T(storage),
                    SP_T(tte->mode ? tte->signer_cn : NULL), SP_T(tte->mode ? datetime_iso(a, tte->at) : NULL),
                    SP_T(tte->mode), SP_T(sha), SP_T(tte->ts_at ? datetime_iso(a, tte->ts_at) : NULL),
                    SP_T(tte->tsa)),
            &izin_id);
    if (e == LK_OK)
        e = store_exec(c, "INSERT INTO permohonan_event (permohonan_id, at, account_id, role_key, kind, note)"
                          " VALUES ($1, $2, $3, 'penandatangan', 'izin_terbit', $4)",
                       STORE_P(SP_I(p->id), SP_T(now_iso), SP_I(x->signer.id), SP_T(nomor)), NULL);
    if (e == LK_OK)
        e = audit_record(c, &(audit_entry){x->signer.id, p->instansi_id, "izin.terbit", "izin", izin_id,
                                           arena_printf(a, "%s (permohonan %s)", nomor, p->nomor)}, now, NULL);
    if (e == LK_OK && tte->mode)
        e = audit_record(c, &(audit_entry){x->signer.id, p->instansi_id, "izin.tte", "izin", izin_id,
                                           arena_printf(a, "%s ditandatangani secara elektronik (PAdES, penanda tangan %s,"
                                                        " %s%s%s)", nomor, tte->signer_cn, tte->mode,
                                                        tte->tsa ? ", stempel waktu " : "", tte->tsa ? tte->tsa : "")},
                         now, NULL);
    const char *lang = "id";
    if (e == LK_OK) e = account_lang(c, x->holder.id, &lang);
    if (e == LK_OK) {
        const char *vars[] = {"nama", x->holder.nama, "nomor", nomor, "jenis_izin", p->jenis_izin_name,
                              "masa_berlaku", masa_berlaku_in(a, lang, x), "link", arena_printf(a, "%s/pemohon/izin", env->base_url),
                              "verifikasi", verify_url, "instansi", p->office_name, NULL};
        const char *subject = NULL, *body = NULL;
        e = mail_compose(lang, "izin_terbit", vars, a, &subject, &body);
        if (e == LK_OK) e = outbox_queue(c, p->instansi_id, "izin_terbit", x->holder.email, subject, body);
    }
    if (e == LK_OK) {
        out->id = izin_id;
        out->nomor = nomor;
        out->kode = kode;
        out->verify_url = verify_url;
    }
    return e;
}

/* The PAdES signature of the rendered permit (domain/izin/izin_tte.h), by the signer
 * the officer has; without one the PDF keeps only the QR signature, unless the
 * configuration requires it.  On success *pdf is the signed file. */
static lk_err sign_pdf(store_conn *c, arena *a, const izin_env *env, const issue_ctx *x, const char *nomor,
                       const izin_pdf_place *place, time_t now, buf *pdf, izin_tte_result *res, const char **msg)
{
    const izin_tte_input none = {0};
    const izin_tte_input *in = env->tte ? env->tte : &none;
    const izin_tte_signer *signer = NULL;
    lk_err e = izin_tte_choose(c, in->cfg, x->signer.id, &signer);
    if (e) return e;
    if (!signer) {
        if (in->cfg && in->cfg->required) {
            *msg = "Izin harus ditandatangani secara elektronik: unggah sertifikat elektronik Anda (menu Sertifikat TTE).";
            return LK_ERR_INVALID;
        }
        return LK_OK;
    }
    izin_tte_request rq = {
        .account_id = x->signer.id, .instansi_id = x->p.instansi_id, .nama = x->signer.nama, .email = x->signer.email,
        .nip = x->signer_nip, .pdf = (const unsigned char *)pdf->data, .len = pdf->len, .place = *place,
        .reason = arena_printf(a, "Penerbitan %s Nomor %s", x->p.jenis_izin_name, nomor),
        .location = x->p.instansi_name, .now = now,
    };
    buf signed_pdf = BUF_INIT;
    e = izin_tte_sign(c, a, env->data_dir, signer, in, &rq, &signed_pdf, res, msg);
    if (e == LK_OK) {
        buf_free(pdf);
        *pdf = signed_pdf;
    } else {
        buf_free(&signed_pdf);
    }
    return e;
}

/* The instansi's signing key, or LK_ERR_INVALID with what is missing in words. */
static lk_err signing_key(store_conn *c, const char *data_dir, int64_t instansi_id, char kid[IZIN_KID_CHARS + 1],
                          unsigned char sk[IZIN_SK_BYTES], const char **msg)
{
    lk_err e = izin_key_signing(c, data_dir, instansi_id, kid, sk);
    if (e == LK_ERR_NOTFOUND || e == LK_ERR_IO) {
        *msg = e == LK_ERR_NOTFOUND ? "Instansi belum memiliki kunci penandatangan aktif (loket keys create)."
                                    : "Kunci penandatangan instansi tidak dapat dibaca dari folder data.";
        return LK_ERR_INVALID;
    }
    return e;
}

lk_err izin_ready(store_conn *c, const char *data_dir, int64_t instansi_id, const char **msg)
{
    char kid[IZIN_KID_CHARS + 1];
    unsigned char sk[IZIN_SK_BYTES];
    *msg = NULL;
    lk_err e = signing_key(c, data_dir, instansi_id, kid, sk, msg);
    sodium_memzero(sk, sizeof sk);
    return e;
}

lk_err izin_issue(store_conn *c, arena *a, const izin_env *env, int64_t permohonan_id, int64_t signer_account_id,
                  time_t now, izin_issued *out, const char **msg)
{
    memset(out, 0, sizeof *out);
    *msg = NULL;
    izin_rec existing;
    lk_err e = get_one(c, a, "SELECT " IZIN_COLS " WHERE z.permohonan_id = $1", STORE_P(SP_I(permohonan_id)), &existing);
    if (e == LK_OK) {
        out->id = existing.id;
        out->nomor = existing.nomor;
        out->kode = existing.kode;
        out->already = 1;
        return izin_verify_url(a, &existing, env->base_url, &out->verify_url);
    }
    if (e != LK_ERR_NOTFOUND) return e;
    issue_ctx x;
    memset(&x, 0, sizeof x);
    e = load(c, a, permohonan_id, signer_account_id, &x, msg);
    if (e == LK_OK) e = prepare(c, a, now, &x);
    if (e) return e;

    char kid[IZIN_KID_CHARS + 1];
    unsigned char sk[IZIN_SK_BYTES], sig[IZIN_SIG_BYTES];
    e = signing_key(c, env->data_dir, x.p.instansi_id, kid, sk, msg);
    if (e) return e;
    const char *fmt = x.ji.settings[x.p.jp].number_format_izin;
    const char *nomor = NULL;
    e = number_next(c, a, x.p.unit_id, "izin", fmt && *fmt ? fmt : IZIN_NUMBER_FORMAT_DEFAULT, now, &nomor);
    if (e == LK_ERR_INVALID) *msg = "Format nomor izin jenis izin ini tidak sah.";
    izin_signed f = {.nomor = nomor, .jenis_izin = x.p.jenis_izin_name, .pemegang = x.pemegang, .wilayah = x.wilayah,
                     .berlaku_dari = x.dari, .berlaku_sampai = x.sampai};
    snprintf(f.kid, sizeof f.kid, "%s", kid);
    if (e == LK_OK && izin_sign(&f, sk, sig) != LK_OK) {
        *msg = "Data izin tidak dapat ditandatangani: nama atau nomor terlalu panjang atau memuat karakter kendali.";
        e = LK_ERR_INVALID;
    }
    sodium_memzero(sk, sizeof sk);
    if (e) return e;
    char sig_hex[2 * IZIN_SIG_BYTES + 1];
    izin_hex_encode(sig, sizeof sig, sig_hex);
    const char *verify_url = NULL, *kode = new_kode(a);
    e = url_of(a, &f, sig, env->base_url, &verify_url);
    if (e) return e;

    buf pdf = BUF_INIT;
    const char *storage = NULL, *sha = NULL;
    izin_pdf_place place;
    izin_tte_result tte = {0};
    e = render(c, a, env, &x, nomor, kode, kid, verify_url, now, &pdf, &place, msg);
    if (e == LK_OK) e = sign_pdf(c, a, env, &x, nomor, &place, now, &pdf, &tte, msg);
    if (e == LK_OK) e = store_pdf(a, env->data_dir, &pdf, &storage, &sha);
    size_t size = pdf.len;
    buf_free(&pdf);
    if (e == LK_OK) {
        e = record(c, a, env, &x, nomor, kode, kid, sig_hex, storage, sha, size, verify_url, &tte, now, out);
        if (e) {
            unlink(arena_printf(a, "%s/files/%s", env->data_dir, storage));
            unlink(arena_printf(a, "%s/izin/%s", env->data_dir, storage));
        }
    }
    return e;
}

lk_err izin_finish_and_issue(store_conn *c, arena *a, const izin_env *env, int64_t permohonan_id,
                             int64_t signer_account_id, time_t now, izin_issued *out, const char **msg)
{
    lk_err e = store_begin(c);
    if (e) return e;
    int64_t issued = 0;
    e = store_query_int(c, "SELECT COUNT(*) FROM izin WHERE permohonan_id = $1", STORE_P(SP_I(permohonan_id)), &issued);
    const char *now_iso = datetime_iso(a, now);
    if (e == LK_OK && !issued)
        e = store_exec(c, "UPDATE permohonan_step SET status = 'selesai', started_at = COALESCE(started_at, $2),"
                          " finished_at = $2, finished_by = $3 WHERE permohonan_id = $1 AND status <> 'selesai'",
                       STORE_P(SP_I(permohonan_id), SP_T(now_iso), SP_I(signer_account_id)), NULL);
    if (e == LK_OK && !issued)
        e = store_exec(c, "UPDATE permohonan SET status = 'selesai', updated_at = $2 WHERE id = $1"
                          " AND status IN ('diajukan', 'diproses', 'perbaikan')",
                       STORE_P(SP_I(permohonan_id), SP_T(now_iso)), NULL);
    if (e == LK_OK && !issued)
        e = store_exec(c, "INSERT INTO permohonan_event (permohonan_id, at, account_id, role_key, kind)"
                          " SELECT id, $2, $3, 'penandatangan', 'selesai' FROM permohonan WHERE id = $1",
                       STORE_P(SP_I(permohonan_id), SP_T(now_iso), SP_I(signer_account_id)), NULL);
    if (e == LK_OK) e = izin_issue(c, a, env, permohonan_id, signer_account_id, now, out, msg);
    if (e == LK_OK) return store_commit(c);
    store_rollback(c);
    return e;
}

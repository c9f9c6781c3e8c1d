/* domain/katalog/hari_libur.c — the holiday calendar editor (see hari_libur.h). */
#include "domain/katalog/hari_libur.h"
#include "domain/akun/validate.h"
#include "domain/proses/audit.h"
#include <stdio.h>
#include <string.h>

int hari_libur_parse_date(const char *s, int *weekday)
{
    int y, m, d;
    char tail;
    if (!s || strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || s[4] != '-' || s[7] != '-')
        return -1;
    if (y < HARI_LIBUR_YEAR_MIN || y > HARI_LIBUR_YEAR_MAX || m < 1 || m > 12 || d < 1) return -1;
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (d > days[m - 1] + (m == 2 && leap)) return -1;
    struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d, .tm_hour = 12};
    time_t t = timegm(&tm);
    struct tm back;
    gmtime_r(&t, &back);
    if (weekday) *weekday = back.tm_wday;
    return 0;
}

lk_err hari_libur_list(store_conn *c, arena *a, int64_t instansi_id, int year, hari_libur **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    char from[16], to[16];
    snprintf(from, sizeof from, "%04d-01-01", year);
    snprintf(to, sizeof to, "%04d-12-31", year);
    store_rows *r = store_query(c,
        "SELECT id, tanggal, nama, instansi_id IS NULL FROM hari_libur"
        " WHERE (instansi_id IS NULL OR instansi_id = $1) AND tanggal BETWEEN $2 AND $3"
        " ORDER BY tanggal, instansi_id IS NULL DESC, id",
        STORE_P(SP_I(instansi_id), SP_T(from), SP_T(to)));
    if (!r) return LK_ERR_DB;
    size_t cap = 0;
    int got;
    while ((got = store_next(r)) == 1) {
        *out = arena_grow(a, *out, &cap, *n, sizeof **out);
        hari_libur *h = &(*out)[(*n)++];
        h->id = store_int(r, 0);
        h->tanggal = arena_strdup(a, store_text(r, 1));
        h->nama = arena_strdup(a, store_text(r, 2));
        h->nasional = store_int(r, 3) != 0;
        h->cuti_bersama = h->nasional && strncmp(h->nama, "Cuti Bersama", 12) == 0;
    }
    store_rows_close(r);
    return got < 0 ? LK_ERR_DB : LK_OK;
}

lk_err hari_libur_add(store_conn *c, arena *a, const account *actor, const char *tanggal, const char *nama,
                      time_t now, int64_t *id_out, issues *errs)
{
    int weekday = 0;
    const char *msg = NULL;
    if (!tanggal || !*tanggal) issues_add(a, errs, "tanggal", "Tanggal wajib diisi.");
    else if (hari_libur_parse_date(tanggal, &weekday) != 0)
        issues_add(a, errs, "tanggal", "Tanggal tidak sah: tulis tanggal yang benar antara tahun 2000 dan 2100.");
    else if (weekday == 0 || weekday == 6)
        issues_add(a, errs, "tanggal", "Tanggal ini hari Sabtu atau Minggu, yang memang bukan hari kerja.");
    if (validate_text(nama, 1, HARI_LIBUR_NAMA_MAX, &msg) != 0)
        issues_add(a, errs, "nama", !nama || !*nama ? "Nama hari libur wajib diisi." : msg);
    if (errs->count) return LK_ERR_INVALID;

    lk_err e = store_begin(c);
    if (e) return e;
    int64_t existing = 0, id = 0;
    e = store_query_int(c, "SELECT count(*) FROM hari_libur WHERE tanggal = $1 AND (instansi_id IS NULL OR instansi_id = $2)",
                        STORE_P(SP_T(tanggal), SP_I(actor->instansi_id)), &existing);
    if (e == LK_OK && existing) {
        issues_add(a, errs, "tanggal", "Tanggal ini sudah tercatat sebagai hari libur.");
        e = LK_ERR_INVALID;
    }
    if (e == LK_OK)
        e = store_query_int(c, "INSERT INTO hari_libur (instansi_id, tanggal, nama) VALUES ($1, $2, $3) RETURNING id",
                            STORE_P(SP_I(actor->instansi_id), SP_T(tanggal), SP_T(nama)), &id);
    if (e == LK_OK)
        e = audit_record(c, &(audit_entry){actor->id, actor->instansi_id, "libur.tambah", "hari_libur", id,
                                           arena_printf(a, "%s %s", tanggal, nama)}, now, NULL);
    if (e == LK_OK) e = store_commit(c);
    else store_rollback(c);
    if (e == LK_ERR_CONFLICT) {   /* added at the same moment by someone else */
        issues_add(a, errs, "tanggal", "Tanggal ini sudah tercatat sebagai hari libur.");
        return LK_ERR_INVALID;
    }
    if (e == LK_OK && id_out) *id_out = id;
    return e;
}

lk_err hari_libur_remove(store_conn *c, const account *actor, int64_t id, time_t now)
{
    lk_err e = store_begin(c);
    if (e) return e;
    int64_t own = 0;
    e = store_query_int(c, "SELECT CASE WHEN instansi_id IS NULL THEN 2 WHEN instansi_id = $2 THEN 1 ELSE 0 END"
                           " FROM hari_libur WHERE id = $1",
                        STORE_P(SP_I(id), SP_I(actor->instansi_id)), &own);
    if (e == LK_OK && own == 2) e = LK_ERR_DENIED;
    if (e == LK_OK && own == 0) e = LK_ERR_NOTFOUND;
    if (e == LK_OK)
        e = store_exec(c, "DELETE FROM hari_libur WHERE id = $1 AND instansi_id = $2",
                       STORE_P(SP_I(id), SP_I(actor->instansi_id)), NULL);
    if (e == LK_OK)
        e = audit_record(c, &(audit_entry){actor->id, actor->instansi_id, "libur.hapus", "hari_libur", id, NULL},
                         now, NULL);
    if (e == LK_OK) return store_commit(c);
    store_rollback(c);
    return e;
}

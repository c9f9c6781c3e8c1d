/* domain/permohonan/perusahaan.c — the applicant's companies: checks, saving (normalised values),
 * listing and reading by owner.  See perusahaan.h for the contracts. */
#include "domain/permohonan/perusahaan.h"
#include "domain/akun/validate.h"
#include "domain/wilayah/wilayah.h"
#include "util/datetime.h"
#include "util/text.h"
#include <string.h>
#include <time.h>

const perusahaan_field_info PERUSAHAAN_FIELDS[PF_COUNT] = {
    [PF_NAMA] = {"nama", 200, 1},
    [PF_BENTUK_USAHA] = {"bentuk_usaha", 20, 1},
    [PF_NIB] = {"nib", 20, 1},
    [PF_NPWP] = {"npwp", 25, 0},
    [PF_ALAMAT] = {"alamat", 200, 1},
    [PF_PROVINSI] = {"provinsi", 20, 1},
    [PF_KABUPATEN] = {"kabupaten", 20, 1},
    [PF_KECAMATAN] = {"kecamatan", 20, 1},
    [PF_DESA] = {"desa", 20, 1},
    [PF_TELEPON] = {"telepon", 20, 1},
    [PF_EMAIL] = {"email", 254, 0},
};

const char *const PERUSAHAAN_BENTUK[PERUSAHAAN_BENTUK_COUNT] = {
    "PT", "CV", "Firma", "Koperasi", "UD", "Yayasan", "Perseorangan", "Lainnya",
};

static void set_err(perusahaan_errors *err, perusahaan_field f, const char *msg)
{
    if (err->msg[f]) return;
    err->msg[f] = msg;
    err->count++;
}

/* NIB (Nomor Induk Berusaha, OSS): 13 digits; spaces typed between groups are ignored.
 * norm receives the digits (14 bytes). */
static int nib_normalise(const char *s, char norm[14])
{
    size_t n = 0;
    for (const char *p = s ? s : ""; *p; p++) {
        if (*p == ' ' || *p == '-' || *p == '.') continue;
        if (*p < '0' || *p > '9' || n == 13) return -1;
        norm[n++] = *p;
    }
    norm[n] = '\0';
    return n == 13 ? 0 : -1;
}

/* One level of the region cascade (domain/wilayah/wilayah.h does the checking). */
static lk_err check_region(store_conn *c, arena *a, perusahaan_errors *err, perusahaan_field f, int level,
                           const char *code, const char *parent)
{
    const char *msg = NULL;
    lk_err e = wilayah_check_pick(c, a, code, level, parent, &msg);
    if (e == LK_OK && msg) set_err(err, f, msg);
    return e;
}

lk_err perusahaan_check(store_conn *c, arena *a, const perusahaan *p, perusahaan_errors *err)
{
    const char *msg = NULL;
    const char *const *v = p->v;
    if (is_blank(v[PF_NAMA])) set_err(err, PF_NAMA, "Nama perusahaan wajib diisi.");
    else if (validate_text(v[PF_NAMA], 2, PERUSAHAAN_FIELDS[PF_NAMA].max_chars, &msg) != 0) set_err(err, PF_NAMA, msg);

    int bentuk_ok = 0;
    for (int i = 0; i < PERUSAHAAN_BENTUK_COUNT && v[PF_BENTUK_USAHA]; i++)
        if (strcmp(v[PF_BENTUK_USAHA], PERUSAHAAN_BENTUK[i]) == 0) bentuk_ok = 1;
    if (!bentuk_ok) set_err(err, PF_BENTUK_USAHA, "Pilih bentuk usaha.");

    char nib[14];
    if (is_blank(v[PF_NIB])) set_err(err, PF_NIB, "NIB wajib diisi.");
    else if (nib_normalise(v[PF_NIB], nib) != 0) set_err(err, PF_NIB, "NIB harus 13 angka.");

    char npwp[VALIDATE_NPWP_SIZE];
    if (!is_blank(v[PF_NPWP]) && validate_npwp(v[PF_NPWP], npwp, &msg) != 0) set_err(err, PF_NPWP, msg);

    if (is_blank(v[PF_ALAMAT])) set_err(err, PF_ALAMAT, "Alamat wajib diisi.");
    else if (validate_text(v[PF_ALAMAT], 3, PERUSAHAAN_FIELDS[PF_ALAMAT].max_chars, &msg) != 0) set_err(err, PF_ALAMAT, msg);

    char phone[VALIDATE_PHONE_SIZE];
    if (validate_phone(v[PF_TELEPON], 0, phone, &msg) != 0) set_err(err, PF_TELEPON, msg);
    if (!is_blank(v[PF_EMAIL]) && validate_email(v[PF_EMAIL], &msg) != 0) set_err(err, PF_EMAIL, msg);

    /* The cascade: a lower level is judged only when the one above is sound. */
    const char *parent = NULL;
    for (int level = 1; level <= 4; level++) {
        perusahaan_field f = (perusahaan_field)(PF_PROVINSI + level - 1);
        lk_err e = check_region(c, a, err, f, level, v[f], parent);
        if (e != LK_OK) return e;
        if (err->msg[f]) {
            for (int below = level + 1; below <= 4; below++) {
                static const char *const pick[5] = {NULL, NULL, "Pilih kabupaten/kota.", "Pilih kecamatan.",
                                                    "Pilih desa/kelurahan."};
                set_err(err, (perusahaan_field)(PF_PROVINSI + below - 1), pick[below]);
            }
            break;
        }
        parent = v[f];
    }
    return err->count ? LK_ERR_INVALID : LK_OK;
}

static const char *blank_null(const char *s)
{
    return s && *s ? s : NULL;
}

lk_err perusahaan_save(store_conn *c, arena *a, int64_t account_id, const perusahaan *p,
                       perusahaan_errors *err, int64_t *id_out)
{
    lk_err e = perusahaan_check(c, a, p, err);
    if (e != LK_OK) return e;
    const char *const *v = p->v;
    char nib[14], npwp[VALIDATE_NPWP_SIZE] = "", phone[VALIDATE_PHONE_SIZE];
    const char *msg = NULL;
    nib_normalise(v[PF_NIB], nib);
    if (!is_blank(v[PF_NPWP])) validate_npwp(v[PF_NPWP], npwp, &msg);
    validate_phone(v[PF_TELEPON], 0, phone, &msg);
    if (p->id == 0)
        return store_query_int(c,
            "INSERT INTO perusahaan (account_id, nama, bentuk_usaha, nib, npwp, alamat, provinsi_code, kabupaten_code, "
            "kecamatan_code, desa_code, telepon, email) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) "
            "RETURNING id",
            STORE_P(SP_I(account_id), SP_T(v[PF_NAMA]), SP_T(v[PF_BENTUK_USAHA]), SP_T(nib), SP_T(blank_null(npwp)),
                    SP_T(v[PF_ALAMAT]), SP_T(v[PF_PROVINSI]), SP_T(v[PF_KABUPATEN]), SP_T(v[PF_KECAMATAN]),
                    SP_T(v[PF_DESA]), SP_T(phone), SP_T(blank_null(v[PF_EMAIL]))),
            id_out);
    int64_t changed = 0;
    e = store_exec(c,
        "UPDATE perusahaan SET nama = $3, bentuk_usaha = $4, nib = $5, npwp = $6, alamat = $7, provinsi_code = $8, "
        "kabupaten_code = $9, kecamatan_code = $10, desa_code = $11, telepon = $12, email = $13, updated_at = $14 "
        "WHERE id = $1 AND account_id = $2",
        STORE_P(SP_I(p->id), SP_I(account_id), SP_T(v[PF_NAMA]), SP_T(v[PF_BENTUK_USAHA]), SP_T(nib),
                SP_T(blank_null(npwp)), SP_T(v[PF_ALAMAT]), SP_T(v[PF_PROVINSI]), SP_T(v[PF_KABUPATEN]),
                SP_T(v[PF_KECAMATAN]), SP_T(v[PF_DESA]), SP_T(phone), SP_T(blank_null(v[PF_EMAIL])),
                SP_T(datetime_iso(a, time(NULL)))),
        &changed);
    if (e == LK_OK && changed != 1) e = LK_ERR_NOTFOUND;
    if (e == LK_OK) *id_out = p->id;
    return e;
}

#define PERUSAHAAN_SELECT \
    "SELECT p.id, p.account_id, p.nama, p.bentuk_usaha, p.nib, p.npwp, p.alamat, p.provinsi_code, " \
    "p.kabupaten_code, p.kecamatan_code, p.desa_code, p.telepon, p.email, p.updated_at, " \
    "wd.name, wc.name, wk.name, wp.name FROM perusahaan p " \
    "LEFT JOIN wilayah wp ON wp.code = p.provinsi_code LEFT JOIN wilayah wk ON wk.code = p.kabupaten_code " \
    "LEFT JOIN wilayah wc ON wc.code = p.kecamatan_code LEFT JOIN wilayah wd ON wd.code = p.desa_code "

static void read_row(arena *a, store_rows *rows, perusahaan *p)
{
    memset(p, 0, sizeof *p);
    p->id = store_int(rows, 0);
    p->account_id = store_int(rows, 1);
    for (int f = 0; f < PF_COUNT; f++) {
        const char *s = store_text(rows, 2 + f);
        p->v[f] = arena_strdup(a, s ? s : "");
    }
    p->updated_at = arena_strdup(a, store_text(rows, 13));
    const char *names[4];
    for (int i = 0; i < 4; i++) names[i] = store_text(rows, 14 + i);
    p->wilayah_text = arena_printf(a, "%s, %s, %s, %s", names[0] ? names[0] : "", names[1] ? names[1] : "",
                                   names[2] ? names[2] : "", names[3] ? names[3] : "");
}

lk_err perusahaan_list(store_conn *c, arena *a, int64_t account_id, perusahaan **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    store_rows *rows = store_query(c, PERUSAHAAN_SELECT "WHERE p.account_id = $1 ORDER BY p.nama, p.id",
                                   STORE_P(SP_I(account_id)));
    if (!rows) return LK_ERR_DB;
    size_t cap = 0;
    int rc;
    while ((rc = store_next(rows)) == 1) {
        *out = arena_grow(a, *out, &cap, *n, sizeof **out);
        read_row(a, rows, &(*out)[(*n)++]);
    }
    store_rows_close(rows);
    return rc < 0 ? LK_ERR_DB : LK_OK;
}

lk_err perusahaan_get(store_conn *c, arena *a, int64_t account_id, int64_t id, perusahaan *out)
{
    store_rows *rows = store_query(c, PERUSAHAAN_SELECT "WHERE p.id = $1 AND p.account_id = $2",
                                   STORE_P(SP_I(id), SP_I(account_id)));
    if (!rows) return LK_ERR_DB;
    int rc = store_next(rows);
    if (rc == 1) read_row(a, rows, out);
    store_rows_close(rows);
    return rc == 1 ? LK_OK : rc == 0 ? LK_ERR_NOTFOUND : LK_ERR_DB;
}

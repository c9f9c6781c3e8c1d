/* domain/permohonan/perusahaan.h — the applicant's companies, tab *Perusahaan* (SPEC 4.6, 4.8):
 * nama, bentuk usaha, NIB, NPWP, alamat with its wilayah, telepon, email.  An application
 * of Tipe Pemohon *Perusahaan* picks one of them.
 *
 * No HTTP here.  Values are stored normalised: NIB and NPWP as digits, telepon in E.164
 * ("+62..."), email as typed (trimmed).  Only the owner reads or changes a company;
 * another applicant's id reads as not found.
 * Memory: strings in the structs are allocated in the caller's arena (or borrowed from
 * the caller for values it put in).  Messages are static Indonesian sentences. */
#ifndef LOKET_PERUSAHAAN_H
#define LOKET_PERUSAHAAN_H
#include <stddef.h>
#include <stdint.h>
#include "store/store.h"
#include "util/arena.h"
#include "util/err.h"

/* The form's fields in the page's order. */
typedef enum {
    PF_NAMA, PF_BENTUK_USAHA, PF_NIB, PF_NPWP, PF_ALAMAT, PF_PROVINSI, PF_KABUPATEN, PF_KECAMATAN,
    PF_DESA, PF_TELEPON, PF_EMAIL, PF_COUNT
} perusahaan_field;

typedef struct {
    const char *key;          /* form field name: "nama", "bentuk_usaha", ... */
    int max_chars;            /* length limit stated on the page */
    int required;
} perusahaan_field_info;

extern const perusahaan_field_info PERUSAHAAN_FIELDS[PF_COUNT];

/* The choices of Bentuk Usaha, as stored (and shown). */
#define PERUSAHAAN_BENTUK_COUNT 8
extern const char *const PERUSAHAAN_BENTUK[PERUSAHAAN_BENTUK_COUNT];

typedef struct {
    int64_t id;               /* 0 = a new company */
    int64_t account_id;
    const char *v[PF_COUNT];  /* values; for wilayah fields the codes */
    const char *wilayah_text; /* "Desa, Kecamatan, Kabupaten, Provinsi" (read only) */
    const char *updated_at;
} perusahaan;

typedef struct {
    const char *msg[PF_COUNT];   /* NULL = fine */
    int count;
} perusahaan_errors;

/* Checks every field (values trimmed by the caller): nama 2–200 characters, bentuk usaha
 * one of PERUSAHAAN_BENTUK, NIB exactly 13 digits (spaces ignored), NPWP (optional,
 * validate_npwp), alamat 3–200 characters, the wilayah cascade (each region exists, has
 * its level and lies in the one above), telepon (validate_phone, landline or mobile),
 * email (optional, validate_email).  Records a message per bad field.
 * LK_OK when valid, LK_ERR_INVALID with *err filled, or a database error. */
lk_err perusahaan_check(store_conn *c, arena *a, const perusahaan *p, perusahaan_errors *err);

/* Checks and saves: inserts when p->id is 0, else updates the owner's company p->id
 * (LK_ERR_NOTFOUND when it is not account_id's).  Stores the normalised values.
 * LK_OK with *id_out set, LK_ERR_INVALID with *err, or another error. */
lk_err perusahaan_save(store_conn *c, arena *a, int64_t account_id, const perusahaan *p,
                       perusahaan_errors *err, int64_t *id_out);

/* The applicant's companies by name.  *out allocated in a. */
lk_err perusahaan_list(store_conn *c, arena *a, int64_t account_id, perusahaan **out, size_t *n);

/* One company of its owner; LK_ERR_NOTFOUND for another applicant's id. */
lk_err perusahaan_get(store_conn *c, arena *a, int64_t account_id, int64_t id, perusahaan *out);

#endif

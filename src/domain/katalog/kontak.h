/* domain/katalog/kontak.h — how an applicant reaches an office while waiting (SPEC 4.1,
 * 4.6): the call centre (instansi.phone), a WhatsApp number, office hours and the
 * address.  Admin Instansi edits them on Pengaturan Instansi; web/kontak.h shows them on
 * Registrasi Berhasil, Home, Keluhan and after Buat, and domain/akun/approval.c puts them in
 * the registration mail.
 *
 * Strings are allocated in the caller's arena; a missing value is NULL. */
#ifndef LOKET_KONTAK_H
#define LOKET_KONTAK_H
#include <stdint.h>
#include "domain/katalog/catalogue.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/err.h"

/* Longest values, in characters. */
#define KONTAK_NUMBER_MAX 30
#define KONTAK_HOURS_MAX 200
#define KONTAK_ADDRESS_MAX 300

typedef enum { KONTAK_CALL_CENTER, KONTAK_WHATSAPP, KONTAK_HOURS, KONTAK_ADDRESS, KONTAK_COUNT } kontak_field;

typedef struct {
    const char *office_name;          /* read only: the office the numbers belong to */
    const char *v[KONTAK_COUNT];      /* by kontak_field */
} instansi_kontak;

/* The form field names and labels: "call_center" / "Call Center", ... */
const char *kontak_field_key(kontak_field f);
const char *kontak_field_label(kontak_field f);

/* The contact of instansi `instansi_id`; LK_ERR_NOTFOUND when there is no such instansi. */
lk_err kontak_get(store_conn *c, arena *a, int64_t instansi_id, instansi_kontak *out);

/* The contact carried by a catalogue row (catalogue_instansi_list); strings borrowed. */
instansi_kontak kontak_of_instansi(const instansi *i);

/* 1 when the office has any contact worth showing. */
int kontak_any(const instansi_kontak *k);

/* Checks the values (numbers: digits, spaces and "+-()." with 6 to 15 digits; lengths) and
 * stores them all, or nothing: LK_ERR_INVALID with msgs[field] set for each refused value
 * (static Indonesian phrases).  Blank values clear the field. */
lk_err kontak_save(store_conn *c, int64_t instansi_id, const char *const in[KONTAK_COUNT],
                   const char *msgs[KONTAK_COUNT]);

/* The wa.me link of a WhatsApp number ("0823-8194-2489" -> "https://wa.me/6282381942489"),
 * or NULL when the number has no digits. */
const char *kontak_whatsapp_link(arena *a, const char *number);

/* The contact of instansi `instansi_id` as plain text lines for a mail in `lang` ("id":
 * "Hubungi …:\n  Call Center: 0717-436772\n…"), or "" when it has none; in `a`. */
lk_err kontak_mail_text(store_conn *c, arena *a, int64_t instansi_id, const char *lang, const char **out);

#endif

/* web/kontak.h — the office's contact block (call centre, WhatsApp, hours, address) for
 * any page: a handler calls kontak_view_add() or kontak_view_set(), and the template
 * includes {{>kontak}} where the block goes (it renders nothing when the office has no
 * contact).  Used by Registrasi Berhasil, Home (per office), the page after Buat, and
 * Keluhan. */
#ifndef LOKET_WEB_KONTAK_H
#define LOKET_WEB_KONTAK_H
#include "domain/katalog/kontak.h"
#include "html/tmpl.h"
#include "http/http.h"

/* Sets `map`'s "kontak" value from k: the office's name and one row per known value, the
 * numbers as tel: and wa.me links. */
void kontak_view_set(req *r, tv *map, const instansi_kontak *k);

/* Reads instansi `instansi_id`'s contact and sets ctx's "kontak" value. */
lk_err kontak_view_add(req *r, store_conn *c, tv *ctx, int64_t instansi_id);
/* Every office's contact, for a page not tied to one office (the public Keluhan): sets
 * ctx's "kontak_kantor" list, one map with "kontak" per office that has any, and
 * "has_kontak_kantor" when there is one. */
lk_err kontak_view_offices(req *r, store_conn *c, tv *ctx);

#endif

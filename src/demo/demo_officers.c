/* demo/demo_officers.c — one demo officer per role in each demo office, with a known
 * password printed by `loket demo` (SPEC 3).  Safe to run twice: existing usernames are
 * left as they are. */
#include "domain/akun/account.h"
#include "demo/demo.h"
#include "util/crypto.h"
#include <stdio.h>
#include <string.h>

static const struct {
    const char *instansi_slug, *suffix, *office;
} OFFICES[] = {
    {"kota-pangkalpinang", "pangkalpinang", "DPMPTSP & NAKER Kota Pangkalpinang"},
    {"kabupaten-muara-enim", "muaraenim", "DPMPTSP Kabupaten Muara Enim"},
};

static const struct {
    role_bit role;
    const char *prefix, *nama;
} PEOPLE[] = {
    {ROLE_ADMIN_INSTANSI, "admin", "Admin Instansi"},
    {ROLE_FRONT_OFFICE, "fo", "Petugas Front Office"},
    {ROLE_VERIFIKATOR, "verifikator", "Verifikator Berkas"},
    {ROLE_TIM_TEKNIS, "teknis", "Tim Teknis"},
    {ROLE_BENDAHARA, "bendahara", "Bendahara Penerimaan"},
    {ROLE_PENANDATANGAN, "kadis", "Kepala Dinas"},
    {ROLE_PENYERAHAN, "penyerahan", "Petugas Penyerahan"},
};

lk_err demo_officers_load(store *s, const char *password, demo_officer_fn report, void *ctx)
{
    char hash[PASSWORD_HASH_MAX];
    if (password_hash(password, hash) != 0) return LK_ERR_INTERNAL;
    store_conn *c = store_acquire(s);
    lk_err e = LK_OK;
    for (size_t o = 0; o < sizeof OFFICES / sizeof *OFFICES && e == LK_OK; o++) {
        int64_t instansi_id = 0;
        e = store_query_int(c, "SELECT id FROM instansi WHERE slug = $1",
                            STORE_P(SP_T(OFFICES[o].instansi_slug)), &instansi_id);
        if (e != LK_OK) break;
        for (size_t p = 0; p < sizeof PEOPLE / sizeof *PEOPLE; p++) {
            char username[64], email[128], nama[160];
            snprintf(username, sizeof username, "%s.%s", PEOPLE[p].prefix, OFFICES[o].suffix);
            snprintf(email, sizeof email, "%s@%s.demo.loket.id", PEOPLE[p].prefix, OFFICES[o].suffix);
            snprintf(nama, sizeof nama, "%s %s", PEOPLE[p].nama, OFFICES[o].office);
            int64_t exists = 0;
            e = store_query_int(c, "SELECT COUNT(*) FROM account WHERE username_lower = $1",
                                STORE_P(SP_T(username)), &exists);
            if (e != LK_OK) break;
            if (!exists) {
                e = store_begin(c);
                if (e == LK_OK)
                    e = account_create_officer(c, instansi_id, username, email, nama, PEOPLE[p].role, hash, 0, NULL);
                if (e == LK_OK) e = store_commit(c); else store_rollback(c);
                if (e != LK_OK) break;
            }
            if (report) report(ctx, OFFICES[o].instansi_slug, username, role_name(PEOPLE[p].role));
        }
    }
    store_release(c);
    return e;
}

/* web/pemohon.c — the applicant's own pages under *Layanan Pemohon* (SPEC 4.6):
 * *Profil dan Permohonan* with the registration data, and the menu entries whose
 * features are not offered by this installation yet (*Keluhan*, *Simulasi Tarif*),
 * which say so plainly. */
#include "domain/approval.h"
#include "util/datetime.h"
#include "web/auth.h"
#include "web/handlers.h"
#include "web/page.h"
#include <string.h>

void handle_pemohon_profil(req *r)
{
    const account *me = web_require_pemohon(r);
    if (!me) return;
    store_conn *c = store_acquire(APP(r)->db);
    applicant ap;
    lk_err e = approval_get(c, r->a, me->instansi_id, me->id, &ap);
    store_release(c);
    if (e != LK_OK) {
        page_fail(r, e);
        return;
    }
    tv *ctx = page_new(r, "Profil dan Permohonan", "profil");
    tv *p = tv_set_map(ctx, "p");
    tv_set(p, "nama", ap.nama);
    tv_set(p, "username", ap.username);
    tv_set(p, "email", ap.email);
    tv_set(p, "instansi", me->instansi_name);
    tv_set(p, "tipe", ap.tipe_identitas);
    tv_set(p, "nomor", ap.no_identitas);
    tv_set(p, "jk", strcmp(ap.jenis_kelamin, "P") == 0 ? page_t(r, "Perempuan") : page_t(r, "Laki-laki"));
    tv_set(p, "pekerjaan", ap.pekerjaan);
    tv_set(p, "ttl", arena_printf(r->a, "%s, %s", ap.tempat_lahir, date_long(r->a, ap.tanggal_lahir)));
    tv_set(p, "npwp", ap.npwp && *ap.npwp ? ap.npwp : "—");
    tv_set(p, "telepon", ap.telepon);
    tv_set(p, "hp", ap.hp);
    tv_set(p, "alamat", ap.alamat);
    tv_set(p, "wilayah", arena_printf(r->a, "%s, %s, %s, %s", ap.desa ? ap.desa : "", ap.kecamatan ? ap.kecamatan : "",
                                      ap.kabupaten ? ap.kabupaten : "", ap.provinsi ? ap.provinsi : ""));
    tv_set(p, "kode_pos", ap.kode_pos);
    page_send(r, 200, "profil", ctx);
}

static void not_offered(req *r, const char *title, const char *nav, const char *what)
{
    tv *ctx = page_new(r, title, nav);
    tv_set(ctx, "message", page_t(r, what));
    tv_set_bool(ctx, "login_link", 0);
    page_send(r, 200, "pesan", ctx);
}

void handle_pemohon_keluhan(req *r)
{
    if (!web_require_pemohon(r)) return;
    not_offered(r, "Keluhan", "keluhan",
                "Pengajuan keluhan secara daring belum tersedia di portal ini. Sampaikan keluhan Anda melalui call center atau datang ke kantor DPMPTSP.");
}

/* Public, as SPEC 4.14 wants the simulation to be once it exists. */
void handle_simulasi_tarif(req *r)
{
    not_offered(r, "Simulasi Tarif", "simulasi",
                "Simulasi tarif belum tersedia di portal ini. Besaran retribusi setiap jenis izin tercantum di Katalog Layanan.");
}

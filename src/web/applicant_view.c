/* web/applicant_view.c — an applicant's registration data as page values (see
 * applicant_view.h). */
#include "web/applicant_view.h"
#include "util/datetime.h"
#include "web/page.h"
#include <string.h>

void applicant_view(req *r, tv *p, const applicant *ap)
{
    tv_set(p, "nama", ap->nama);
    tv_set(p, "username", ap->username);
    tv_set(p, "email", ap->email);
    tv_set(p, "tipe", ap->tipe_identitas);
    tv_set(p, "nomor", ap->no_identitas);
    tv_set(p, "jk", strcmp(ap->jenis_kelamin, "P") == 0 ? page_t(r, "Perempuan") : page_t(r, "Laki-laki"));
    tv_set(p, "pekerjaan", ap->pekerjaan);
    tv_set(p, "ttl", arena_printf(r->a, "%s, %s", ap->tempat_lahir, page_date(r, ap->tanggal_lahir)));
    tv_set(p, "npwp", ap->npwp && *ap->npwp ? ap->npwp : "—");
    tv_set(p, "telepon", ap->telepon);
    tv_set(p, "hp", ap->hp);
    tv_set(p, "alamat", ap->alamat);
    tv_set(p, "wilayah", arena_printf(r->a, "%s, %s, %s, %s", ap->desa ? ap->desa : "",
                                      ap->kecamatan ? ap->kecamatan : "", ap->kabupaten ? ap->kabupaten : "",
                                      ap->provinsi ? ap->provinsi : ""));
    tv_set(p, "kode_pos", ap->kode_pos);
}

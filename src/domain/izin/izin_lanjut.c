/* domain/izin/izin_lanjut.c — a Perpanjangan / Perubahan draft from a permit (see
 * izin_lanjut.h).  The draft is filled through permohonan_draft_save, the same rules as
 * the form (the cascade takes three saves: instansi and unit, then the jenis izin, then
 * what depends on it), and then linked to the permit. */
#include "domain/izin/izin_lanjut.h"
#include "domain/izin/izin.h"
#include "domain/permohonan/permohonan.h"
#include <string.h>

lk_err izin_lanjut(store_conn *c, arena *a, int64_t account_id, int64_t izin_id, jenis_permohonan jp,
                   int64_t *draft_id, const char **msg)
{
    *draft_id = 0;
    *msg = NULL;
    if (jp == JP_BARU) return LK_ERR_INVALID;
    izin_rec z;
    permohonan old;
    jenis_izin_detail ji;
    lk_err e = izin_get(c, a, account_id, izin_id, &z);
    if (e) return e;
    if (strcmp(z.status, "dicabut") == 0) {
        *msg = "Izin yang telah dicabut tidak dapat diperpanjang atau diubah.";
        return LK_ERR_CONFLICT;
    }
    e = permohonan_get(c, a, account_id, z.permohonan_id, &old);
    if (e == LK_OK) e = permohonan_jenis_izin(c, a, &old, &ji);
    if (e == LK_ERR_NOTFOUND || (e == LK_OK && !ji.settings[jp].enabled)) {
        *msg = "Jenis izin ini tidak lagi dapat diajukan untuk perpanjangan atau perubahan.";
        return LK_ERR_CONFLICT;
    }
    if (e) return e;
    e = permohonan_draft_new(c, account_id, old.instansi_id, draft_id);
    if (e) return e;
    permohonan_issues msgs = {0};
    const char *instansi_s = arena_printf(a, "%lld", (long long)old.instansi_id);
    const char *unit = arena_printf(a, "%lld", (long long)old.unit_id);
    permohonan_input in = {.instansi = instansi_s, .unit = unit};
    e = permohonan_draft_save(c, a, account_id, *draft_id, &in, &msgs);
    if (e) return e;
    in = (permohonan_input){.jenis_izin = arena_printf(a, "%lld", (long long)old.jenis_izin_id),
                            .jenis_permohonan = jenis_permohonan_key(jp)};
    e = permohonan_draft_save(c, a, account_id, *draft_id, &in, &msgs);
    if (e) return e;
    in = (permohonan_input){
        .nomor_izin_lama = z.nomor, .tipe_pemohon = old.tipe_pemohon,
        .perusahaan = old.perusahaan_id ? arena_printf(a, "%lld", (long long)old.perusahaan_id) : "",
        .lokasi_nama = old.lokasi_nama, .lokasi_alamat = old.lokasi_alamat,
        .data_teknis = old.data_teknis, .data_teknis_count = old.data_teknis_count,
    };
    e = permohonan_draft_save(c, a, account_id, *draft_id, &in, &msgs);
    if (e) return e;
    return store_exec(c, "UPDATE permohonan SET izin_lama_id = $2 WHERE id = $1 AND account_id = $3 AND status = 'draft'"
                         " AND nomor_izin_lama = $4",
                      STORE_P(SP_I(*draft_id), SP_I(izin_id), SP_I(account_id), SP_T(z.nomor)), NULL);
}

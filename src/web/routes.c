/* web/routes.c — the map from addresses to handlers.  Read this file to find the code
 * behind any page. */
#include "web/app.h"
#include "web/handlers.h"
#include "web/page.h"

void web_routes(http_router *rt)
{
    http_router_on_error(rt, page_error);

    http_route(rt, "GET", "/", handle_home);
    http_route(rt, "GET", "/healthz", handle_health);
    http_route(rt, "GET", "/bahasa/:lang", handle_language);
    http_route(rt, "GET", "/static/*", handle_static);

    /* Public service catalogue (SPEC 3). */
    http_route(rt, "GET", "/katalog", handle_katalog);
    http_route(rt, "GET", "/katalog/:instansi", handle_katalog_instansi);
    http_route(rt, "GET", "/katalog/:instansi/:izin", handle_jenis_izin);
    http_route(rt, "GET", "/formulir/:id", handle_blank_form);

    /* JSON API v1. */
    http_route(rt, "GET", "/api/v1/wilayah", handle_api_wilayah);

    /* Log In / Log Out and passwords (SPEC 4.4, 4.5). */
    http_route(rt, "GET", "/login", handle_login_form);
    http_route(rt, "POST", "/login", handle_login);
    http_route(rt, "POST", "/logout", handle_logout);
    http_route(rt, "GET", "/akun/password", handle_password_form);
    http_route(rt, "POST", "/akun/password", handle_password);

    /* Email links: verification and password reset (SPEC 4.3, 4.4). */
    http_route(rt, "GET", "/verifikasi", handle_verifikasi_form);
    http_route(rt, "POST", "/verifikasi", handle_verifikasi);
    http_route(rt, "GET", "/lupa-password", handle_lupa_password_form);
    http_route(rt, "POST", "/lupa-password", handle_lupa_password);
    http_route(rt, "GET", "/reset-password", handle_reset_password_form);
    http_route(rt, "POST", "/reset-password", handle_reset_password);

    /* The applicant's menu, Layanan Pemohon (SPEC 4.6). */
    http_route(rt, "GET", "/pemohon/profil", handle_pemohon_profil);
    http_route(rt, "GET", "/pemohon/keluhan", handle_pemohon_keluhan);
    http_route(rt, "GET", "/simulasi-tarif", handle_simulasi_tarif);
    /* Tabs Dokumen and Perusahaan of Profil dan Permohonan (SPEC 4.6, 4.7). */
    http_route(rt, "GET", "/pemohon/dokumen", handle_dokumen_list);
    http_route(rt, "POST", "/pemohon/dokumen", handle_dokumen_upload);
    http_route(rt, "GET", "/pemohon/dokumen/:id/unduh", handle_dokumen_unduh);
    http_route(rt, "POST", "/pemohon/dokumen/:id/hapus", handle_dokumen_hapus);
    http_route(rt, "GET", "/pemohon/dokumen/:id/ganti", handle_dokumen_ganti_form);
    http_route(rt, "POST", "/pemohon/dokumen/:id/ganti", handle_dokumen_ganti);
    http_route(rt, "GET", "/pemohon/perusahaan", handle_perusahaan_list);
    http_route(rt, "GET", "/pemohon/perusahaan/baru", handle_perusahaan_form);
    http_route(rt, "POST", "/pemohon/perusahaan/baru", handle_perusahaan_save);
    http_route(rt, "GET", "/pemohon/perusahaan/:id", handle_perusahaan_form);
    http_route(rt, "POST", "/pemohon/perusahaan/:id", handle_perusahaan_save);

    /* Tracking (SPEC 4.9): the owner, officers of the instansi, and the public by number
     * plus the last 4 digits of the applicant's No. HP. */
    http_route(rt, "GET", "/pemohon/permohonan/:id/lacak", handle_pemohon_lacak);
    http_route(rt, "GET", "/petugas/permohonan/:id/lacak", handle_petugas_lacak);
    http_route(rt, "GET", "/lacak", handle_lacak);

    /* Tambah: a new application, its draft and Buat (SPEC 4.8). */
    http_route(rt, "GET", "/pemohon/permohonan/baru", handle_permohonan_baru);
    http_route(rt, "GET", "/pemohon/permohonan/:id", handle_permohonan_draft);
    http_route(rt, "POST", "/pemohon/permohonan/:id", handle_permohonan_simpan);
    http_route(rt, "POST", "/pemohon/permohonan/:id/syarat/:pid", handle_permohonan_unggah);
    http_route(rt, "POST", "/pemohon/permohonan/:id/buat", handle_permohonan_buat);
    http_route(rt, "GET", "/pemohon/permohonan/:id/bukti", handle_permohonan_bukti);

    /* Officers: the Registrasi Pemohon queue and instansi settings (SPEC 4.2, 5.8). */
    http_route(rt, "GET", "/petugas/registrasi", handle_petugas_registrasi);
    http_route(rt, "GET", "/petugas/registrasi/:id", handle_petugas_pemohon);
    http_route(rt, "GET", "/petugas/registrasi/:id/identitas", handle_petugas_identitas);
    http_route(rt, "POST", "/petugas/registrasi/:id/setujui", handle_petugas_setujui);
    http_route(rt, "POST", "/petugas/registrasi/:id/tolak", handle_petugas_tolak);
    http_route(rt, "GET", "/petugas/pengaturan", handle_pengaturan_form);
    http_route(rt, "POST", "/petugas/pengaturan", handle_pengaturan);

    /* The Registrasi Pemohon wizard (SPEC 4.1). */
    http_route(rt, "GET", "/registrasi", handle_registrasi_start);
    http_route(rt, "GET", "/registrasi/:step", handle_registrasi_step);
    http_route(rt, "POST", "/registrasi/:step", handle_registrasi_post);

    /* Issued permits (SPEC 4.12, 4.15, 5.5): public verification, tab Izin with the PDF,
     * Perpanjang / Ubah and the survey, and the officers' list, IKM and settings. */
    http_route(rt, "GET", "/v/:code", handle_izin_verifikasi);
    http_route(rt, "GET", "/cek-izin", handle_cek_izin);
    http_route(rt, "GET", "/pemohon/izin", handle_pemohon_izin);
    http_route(rt, "GET", "/pemohon/izin/:id/unduh", handle_izin_unduh);
    http_route(rt, "POST", "/pemohon/izin/:id/perpanjang", handle_izin_perpanjang);
    http_route(rt, "POST", "/pemohon/izin/:id/ubah", handle_izin_ubah);
    http_route(rt, "GET", "/pemohon/izin/:id/survei", handle_izin_survei_form);
    http_route(rt, "POST", "/pemohon/izin/:id/survei", handle_izin_survei);
    http_route(rt, "GET", "/petugas/izin", handle_petugas_izin);
    http_route(rt, "POST", "/petugas/izin/:id/cabut", handle_petugas_izin_cabut);
    http_route(rt, "GET", "/petugas/ikm", handle_petugas_ikm);
    http_route(rt, "GET", "/petugas/izin/pengaturan", handle_izin_pengaturan_form);
    http_route(rt, "POST", "/petugas/izin/pengaturan", handle_izin_pengaturan);
}

int web_init(void)
{
    return web_static_init();
}

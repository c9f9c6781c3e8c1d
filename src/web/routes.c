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
    http_route(rt, "GET", "/pemohon/izin", handle_pemohon_izin);

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

    /* Tarif, retribution and complaints (issue 13; SPEC 4.11, 4.13, 4.14, 5.7). */
    http_route(rt, "GET", "/petugas/tarif", handle_admin_tarif_list);
    http_route(rt, "GET", "/petugas/tarif/:jenis", handle_admin_tarif_form);
    http_route(rt, "POST", "/petugas/tarif/:jenis", handle_admin_tarif_save);
    http_route(rt, "GET", "/petugas/permohonan/:id/retribusi", handle_petugas_retribusi);
    http_route(rt, "POST", "/petugas/permohonan/:id/retribusi", handle_petugas_retribusi_hitung);
    http_route(rt, "POST", "/petugas/permohonan/:id/retribusi/tetapkan", handle_petugas_retribusi_tetapkan);
    http_route(rt, "POST", "/petugas/permohonan/:id/pembayaran", handle_petugas_pembayaran);
    http_route(rt, "GET", "/petugas/permohonan/:id/pembayaran/bukti", handle_petugas_pembayaran_bukti);
    http_route(rt, "GET", "/pemohon/permohonan/:id/skrd", handle_pemohon_skrd);
    http_route(rt, "POST", "/pemohon/permohonan/:id/skrd/bukti", handle_pemohon_skrd_bukti);
    http_route(rt, "POST", "/pemohon/keluhan", handle_pemohon_keluhan_kirim);
    http_route(rt, "GET", "/pemohon/keluhan/:id", handle_pemohon_keluhan_lihat);
    http_route(rt, "POST", "/pemohon/keluhan/:id", handle_pemohon_keluhan_balas);
    http_route(rt, "GET", "/pemohon/keluhan/:id/lampiran", handle_pemohon_keluhan_lampiran);
    http_route(rt, "GET", "/keluhan", handle_keluhan_publik);
    http_route(rt, "POST", "/keluhan", handle_keluhan_publik_kirim);
    http_route(rt, "GET", "/keluhan/lihat", handle_keluhan_token);
    http_route(rt, "POST", "/keluhan/lihat", handle_keluhan_token_post);
    http_route(rt, "GET", "/petugas/keluhan", handle_petugas_keluhan);
    http_route(rt, "GET", "/petugas/keluhan/:id", handle_petugas_keluhan_lihat);
    http_route(rt, "POST", "/petugas/keluhan/:id", handle_petugas_keluhan_jawab);
    http_route(rt, "GET", "/petugas/keluhan/:id/lampiran", handle_petugas_keluhan_lampiran);
    http_route(rt, "GET", "/petugas/laporan", handle_petugas_laporan);
    http_route(rt, "GET", "/petugas/laporan/retribusi.csv", handle_petugas_laporan_retribusi_csv);
    http_route(rt, "GET", "/petugas/laporan/keluhan.csv", handle_petugas_laporan_keluhan_csv);
}

int web_init(void)
{
    return web_static_init();
}

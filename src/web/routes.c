/* web/routes.c — the map from addresses to handlers, and who may call each (the access
 * rules of web/access.h).  Read this file to find the code behind any page and who can
 * reach it; `loket routes --json` prints the same table.
 *
 * Every route names its rule: ROUTE(method, path, handler, rule).  The plain http_route
 * is poisoned below, so a route without a rule does not compile. */
#include "web/access.h"
#include "web/app.h"
#include "web/handlers.h"
#include "web/page.h"
#include "domain/akun/account.h"

#pragma GCC poison http_route

#define GET "GET"
#define POST "POST"
#define ROUTE(method, path, handler, rule) web_route(rt, method, path, handler, rule)

void web_routes(http_router *rt)
{
    http_router_on_error(rt, page_error);
    http_router_on_guard(rt, web_access_guard);

    ROUTE(GET, "/", handle_home, PUBLIC_CACHED);
    ROUTE(GET, "/healthz", handle_health, PUBLIC);
    ROUTE(GET, "/bahasa/:lang", handle_language, PUBLIC);
    ROUTE(GET, "/static/*", handle_static, PUBLIC);

    /* Public service catalogue (SPEC 3). */
    ROUTE(GET, "/katalog", handle_katalog, PUBLIC_CACHED);
    ROUTE(GET, "/katalog/:instansi", handle_katalog_instansi, PUBLIC_CACHED);
    ROUTE(GET, "/katalog/:instansi/:izin", handle_jenis_izin, PUBLIC_CACHED);
    ROUTE(GET, "/formulir/:id", handle_blank_form, PUBLIC);

    /* JSON API v1. */
    ROUTE(GET, "/api/v1/wilayah", handle_api_wilayah, PUBLIC);

    /* Log In / Log Out and passwords (SPEC 4.4, 4.5). */
    ROUTE(GET, "/login", handle_login_form, PUBLIC);
    ROUTE(POST, "/login", handle_login, PUBLIC);
    ROUTE(POST, "/logout", handle_logout, PUBLIC);
    ROUTE(GET, "/akun/password", handle_password_form, LOGIN_ONE_TIME);
    ROUTE(POST, "/akun/password", handle_password, LOGIN_ONE_TIME);

    /* Email links: verification and password reset (SPEC 4.3, 4.4). */
    ROUTE(GET, "/verifikasi", handle_verifikasi_form, PUBLIC);
    ROUTE(POST, "/verifikasi", handle_verifikasi, PUBLIC);
    ROUTE(GET, "/lupa-password", handle_lupa_password_form, PUBLIC);
    ROUTE(POST, "/lupa-password", handle_lupa_password, PUBLIC);
    ROUTE(GET, "/reset-password", handle_reset_password_form, PUBLIC);
    ROUTE(POST, "/reset-password", handle_reset_password, PUBLIC);

    /* The applicant's menu, Layanan Pemohon (SPEC 4.6). */
    ROUTE(GET, "/pemohon/profil", handle_pemohon_profil, PEMOHON_CACHED);
    ROUTE(GET, "/pemohon/keluhan", handle_pemohon_keluhan, PEMOHON);
    ROUTE(GET, "/simulasi-tarif", handle_simulasi_tarif, PUBLIC_CACHED);
    /* Tabs Dokumen and Perusahaan of Profil dan Permohonan (SPEC 4.6, 4.7). */
    ROUTE(GET, "/pemohon/dokumen", handle_dokumen_list, PEMOHON_CACHED);
    ROUTE(POST, "/pemohon/dokumen", handle_dokumen_upload, PEMOHON);
    ROUTE(GET, "/pemohon/dokumen/:id/unduh", handle_dokumen_unduh, LOGIN_OBJ("dokumen"));
    ROUTE(POST, "/pemohon/dokumen/:id/hapus", handle_dokumen_hapus, PEMOHON_OWN("dokumen"));
    ROUTE(GET, "/pemohon/dokumen/:id/ganti", handle_dokumen_ganti_form, PEMOHON_OWN("dokumen"));
    ROUTE(POST, "/pemohon/dokumen/:id/ganti", handle_dokumen_ganti, PEMOHON_OWN("dokumen"));
    ROUTE(GET, "/pemohon/perusahaan", handle_perusahaan_list, PEMOHON_CACHED);
    ROUTE(GET, "/pemohon/perusahaan/baru", handle_perusahaan_form, PEMOHON);
    ROUTE(POST, "/pemohon/perusahaan/baru", handle_perusahaan_save, PEMOHON);
    ROUTE(GET, "/pemohon/perusahaan/:id", handle_perusahaan_form, PEMOHON_OWN("perusahaan"));
    ROUTE(POST, "/pemohon/perusahaan/:id", handle_perusahaan_save, PEMOHON_OWN("perusahaan"));
    ROUTE(GET, "/pemohon/izin", handle_pemohon_izin, PEMOHON);

    /* Tracking (SPEC 4.9): the owner, officers of the instansi, and the public by number
     * plus the Kode Lacak of the bukti pendaftaran (posted, so it stays out of addresses). */
    ROUTE(GET, "/pemohon/permohonan/:id/lacak", handle_pemohon_lacak, PEMOHON_OWN_CACHED("permohonan"));
    ROUTE(GET, "/petugas/permohonan/:id/lacak", handle_petugas_lacak, PETUGAS(0, "permohonan"));
    ROUTE(GET, "/lacak", handle_lacak, PUBLIC_CACHED);
    ROUTE(POST, "/lacak", handle_lacak_cari, PUBLIC);

    /* Tambah: a new application, its draft and Buat (SPEC 4.8). */
    ROUTE(GET, "/pemohon/permohonan/baru", handle_permohonan_baru, PEMOHON);
    ROUTE(POST, "/pemohon/permohonan/baru", handle_permohonan_baru_post, PEMOHON);   /* before :id */
    ROUTE(GET, "/pemohon/permohonan/:id", handle_permohonan_draft, PEMOHON_OWN_CACHED("permohonan"));
    ROUTE(POST, "/pemohon/permohonan/:id", handle_permohonan_simpan, PEMOHON_OWN("permohonan"));
    ROUTE(POST, "/pemohon/permohonan/:id/syarat/:pid", handle_permohonan_unggah, PEMOHON_OWN("permohonan"));
    ROUTE(POST, "/pemohon/permohonan/:id/buat", handle_permohonan_buat, PEMOHON_OWN("permohonan"));
    ROUTE(GET, "/pemohon/permohonan/:id/bukti", handle_permohonan_bukti, PEMOHON_OWN("permohonan"));
    /* Hapus of a draft (UX). */
    ROUTE(GET, "/pemohon/permohonan/:id/hapus", handle_permohonan_hapus_form, PEMOHON_OWN("permohonan"));
    ROUTE(POST, "/pemohon/permohonan/:id/hapus", handle_permohonan_hapus, PEMOHON_OWN("permohonan"));

    /* Officers: the Registrasi Pemohon queue and instansi settings (SPEC 4.2, 5.8). */
    ROUTE(GET, "/petugas/registrasi", handle_petugas_registrasi, PETUGAS(ROLE_FRONT_OFFICE | ROLE_ADMIN_INSTANSI, NULL));
    ROUTE(GET, "/petugas/registrasi/:id", handle_petugas_pemohon, PETUGAS(ROLE_FRONT_OFFICE | ROLE_ADMIN_INSTANSI, "pemohon"));
    ROUTE(GET, "/petugas/registrasi/:id/identitas", handle_petugas_identitas, PETUGAS(ROLE_FRONT_OFFICE | ROLE_ADMIN_INSTANSI, "pemohon"));
    ROUTE(POST, "/petugas/registrasi/:id/setujui", handle_petugas_setujui, PETUGAS(ROLE_FRONT_OFFICE | ROLE_ADMIN_INSTANSI, "pemohon"));
    ROUTE(POST, "/petugas/registrasi/:id/tolak", handle_petugas_tolak, PETUGAS(ROLE_FRONT_OFFICE | ROLE_ADMIN_INSTANSI, "pemohon"));
    ROUTE(GET, "/petugas/pengaturan", handle_pengaturan_form, PETUGAS(ROLE_ADMIN_INSTANSI, NULL));
    ROUTE(POST, "/petugas/pengaturan", handle_pengaturan, PETUGAS(ROLE_ADMIN_INSTANSI, NULL));

    /* Pelayanan Loket: the counter service for walk-in applicants (SPEC 5.6). */
    ROUTE(GET, "/petugas/loket", handle_loket, PETUGAS(ROLE_FRONT_OFFICE, NULL));
    ROUTE(GET, "/petugas/loket/pemohon/baru", handle_loket_daftar_form, PETUGAS(ROLE_FRONT_OFFICE, NULL));
    ROUTE(POST, "/petugas/loket/pemohon/baru", handle_loket_daftar, PETUGAS(ROLE_FRONT_OFFICE, NULL));
    ROUTE(GET, "/petugas/loket/pemohon/:id", handle_loket_pemohon, PETUGAS(ROLE_FRONT_OFFICE, "pemohon"));
    ROUTE(POST, "/petugas/loket/pemohon/:id/lembar", handle_loket_lembar, PETUGAS(ROLE_FRONT_OFFICE, "pemohon"));
    ROUTE(POST, "/petugas/loket/pemohon/:id/email", handle_loket_email, PETUGAS(ROLE_FRONT_OFFICE, "pemohon"));
    ROUTE(POST, "/petugas/loket/pemohon/:id/permohonan", handle_loket_tambah, PETUGAS(ROLE_FRONT_OFFICE, "pemohon"));
    ROUTE(GET, "/petugas/loket/permohonan/:id", handle_loket_permohonan, PETUGAS(ROLE_FRONT_OFFICE, "permohonan"));
    ROUTE(POST, "/petugas/loket/permohonan/:id", handle_loket_permohonan_simpan, PETUGAS(ROLE_FRONT_OFFICE, "permohonan"));
    ROUTE(POST, "/petugas/loket/permohonan/:id/syarat/:pid", handle_loket_permohonan_unggah, PETUGAS(ROLE_FRONT_OFFICE, "permohonan"));
    ROUTE(POST, "/petugas/loket/permohonan/:id/buat", handle_loket_permohonan_buat, PETUGAS(ROLE_FRONT_OFFICE, "permohonan"));
    ROUTE(GET, "/petugas/loket/permohonan/:id/bukti", handle_loket_permohonan_bukti, PETUGAS(ROLE_FRONT_OFFICE, "permohonan"));

    /* Admin Instansi: officers, holidays and the permit-type editor (SPEC 2, 5.8). */
    ROUTE(GET, "/petugas/admin/petugas", handle_admin_petugas_list, PETUGAS(ROLE_ADMIN_INSTANSI, NULL));
    ROUTE(GET, "/petugas/admin/petugas/baru", handle_admin_petugas_baru, PETUGAS(ROLE_ADMIN_INSTANSI, NULL));
    ROUTE(POST, "/petugas/admin/petugas/baru", handle_admin_petugas_tambah, PETUGAS(ROLE_ADMIN_INSTANSI, NULL));
    ROUTE(GET, "/petugas/admin/petugas/:id", handle_admin_petugas_form, PETUGAS(ROLE_ADMIN_INSTANSI, "account"));
    ROUTE(POST, "/petugas/admin/petugas/:id", handle_admin_petugas_simpan, PETUGAS(ROLE_ADMIN_INSTANSI, "account"));
    ROUTE(POST, "/petugas/admin/petugas/:id/nonaktifkan", handle_admin_petugas_nonaktifkan, PETUGAS(ROLE_ADMIN_INSTANSI, "account"));
    ROUTE(POST, "/petugas/admin/petugas/:id/aktifkan", handle_admin_petugas_aktifkan, PETUGAS(ROLE_ADMIN_INSTANSI, "account"));
    ROUTE(POST, "/petugas/admin/petugas/:id/reset-password", handle_admin_petugas_reset, PETUGAS(ROLE_ADMIN_INSTANSI, "account"));
    ROUTE(GET, "/petugas/admin/libur", handle_admin_libur, PETUGAS(ROLE_ADMIN_INSTANSI, NULL));
    ROUTE(POST, "/petugas/admin/libur", handle_admin_libur_tambah, PETUGAS(ROLE_ADMIN_INSTANSI, NULL));
    ROUTE(POST, "/petugas/admin/libur/:id/hapus", handle_admin_libur_hapus, PETUGAS(ROLE_ADMIN_INSTANSI, "hari_libur"));
    ROUTE(GET, "/petugas/admin/izin", handle_admin_izin_list, PETUGAS(ROLE_ADMIN_INSTANSI, NULL));
    ROUTE(GET, "/petugas/admin/izin/baru", handle_admin_izin_baru, PETUGAS(ROLE_ADMIN_INSTANSI, NULL));
    ROUTE(POST, "/petugas/admin/izin/baru", handle_admin_izin_tambah, PETUGAS(ROLE_ADMIN_INSTANSI, NULL));
    ROUTE(GET, "/petugas/admin/izin/:id", handle_admin_izin_form, PETUGAS(ROLE_ADMIN_INSTANSI, "jenis_izin"));
    ROUTE(POST, "/petugas/admin/izin/:id", handle_admin_izin_simpan, PETUGAS(ROLE_ADMIN_INSTANSI, "jenis_izin"));
    ROUTE(POST, "/petugas/admin/izin/:id/pengaturan/:jp", handle_admin_izin_pengaturan, PETUGAS(ROLE_ADMIN_INSTANSI, "jenis_izin"));
    ROUTE(GET, "/petugas/admin/izin/:id/syarat", handle_admin_syarat, PETUGAS(ROLE_ADMIN_INSTANSI, "jenis_izin"));
    ROUTE(POST, "/petugas/admin/izin/:id/syarat", handle_admin_syarat_tambah, PETUGAS(ROLE_ADMIN_INSTANSI, "jenis_izin"));
    ROUTE(GET, "/petugas/admin/izin/:id/syarat/:sid", handle_admin_syarat_form, PETUGAS(ROLE_ADMIN_INSTANSI, "jenis_izin"));
    ROUTE(POST, "/petugas/admin/izin/:id/syarat/:sid", handle_admin_syarat_simpan, PETUGAS(ROLE_ADMIN_INSTANSI, "jenis_izin"));
    ROUTE(POST, "/petugas/admin/izin/:id/syarat/:sid/hapus", handle_admin_syarat_hapus, PETUGAS(ROLE_ADMIN_INSTANSI, "jenis_izin"));
    ROUTE(POST, "/petugas/admin/izin/:id/syarat/:sid/pindah", handle_admin_syarat_pindah, PETUGAS(ROLE_ADMIN_INSTANSI, "jenis_izin"));
    ROUTE(POST, "/petugas/admin/izin/:id/syarat/:sid/formulir", handle_admin_syarat_formulir, PETUGAS(ROLE_ADMIN_INSTANSI, "jenis_izin"));
    ROUTE(POST, "/petugas/admin/izin/:id/syarat/:sid/formulir/hapus", handle_admin_syarat_formulir_hapus, PETUGAS(ROLE_ADMIN_INSTANSI, "jenis_izin"));
    ROUTE(GET, "/petugas/admin/izin/:id/teknis", handle_admin_teknis, PETUGAS(ROLE_ADMIN_INSTANSI, "jenis_izin"));
    ROUTE(POST, "/petugas/admin/izin/:id/teknis", handle_admin_teknis_tambah, PETUGAS(ROLE_ADMIN_INSTANSI, "jenis_izin"));
    ROUTE(GET, "/petugas/admin/izin/:id/teknis/:fid", handle_admin_teknis_form, PETUGAS(ROLE_ADMIN_INSTANSI, "jenis_izin"));
    ROUTE(POST, "/petugas/admin/izin/:id/teknis/:fid", handle_admin_teknis_simpan, PETUGAS(ROLE_ADMIN_INSTANSI, "jenis_izin"));
    ROUTE(POST, "/petugas/admin/izin/:id/teknis/:fid/hapus", handle_admin_teknis_hapus, PETUGAS(ROLE_ADMIN_INSTANSI, "jenis_izin"));
    ROUTE(POST, "/petugas/admin/izin/:id/teknis/:fid/pindah", handle_admin_teknis_pindah, PETUGAS(ROLE_ADMIN_INSTANSI, "jenis_izin"));
    /* The permit template of a jenis izin (web/admin_izin_surat.c). */
    ROUTE(GET, "/petugas/admin/izin/:id/surat-izin", handle_admin_izin_surat, PETUGAS(ROLE_ADMIN_INSTANSI, "jenis_izin"));
    ROUTE(POST, "/petugas/admin/izin/:id/surat-izin", handle_admin_izin_surat_simpan, PETUGAS(ROLE_ADMIN_INSTANSI, "jenis_izin"));
    ROUTE(GET, "/petugas/admin/izin/:id/alur/:jp", handle_admin_alur, PETUGAS(ROLE_ADMIN_INSTANSI, "jenis_izin"));
    ROUTE(POST, "/petugas/admin/izin/:id/alur/:jp", handle_admin_alur_simpan, PETUGAS(ROLE_ADMIN_INSTANSI, "jenis_izin"));

    /* The Registrasi Pemohon wizard (SPEC 4.1). */
    ROUTE(GET, "/registrasi", handle_registrasi_start, PUBLIC);
    ROUTE(GET, "/registrasi/:step", handle_registrasi_step, PUBLIC);
    ROUTE(POST, "/registrasi/:step", handle_registrasi_post, PUBLIC);

    /* Operations: Prometheus metrics, off unless LOKET_METRICS=loopback (SPEC 8). */
    ROUTE(GET, "/metrics", handle_metrics, PUBLIC);
    /* Back office, the workflow runtime (SPEC 4.10, 5.1–5.3): the officer's home and
     * inbox, the officer's application page with its files and actions, and the
     * applicant's perbaikan. */
    ROUTE(GET, "/petugas", handle_petugas_home, PETUGAS(0, NULL));
    ROUTE(GET, "/petugas/inbox", handle_inbox, PETUGAS(0, NULL));
    ROUTE(GET, "/petugas/permohonan/:id", handle_petugas_permohonan, PETUGAS(0, "permohonan"));
    ROUTE(GET, "/petugas/permohonan/:id/dokumen/:did", handle_petugas_berkas, PETUGAS(0, "permohonan"));
    ROUTE(POST, "/petugas/permohonan/:id/aksi", handle_petugas_aksi, PETUGAS(0, "permohonan"));
    ROUTE(POST, "/petugas/permohonan/:id/tinjau", handle_petugas_tinjau, PETUGAS(0, "permohonan"));
    ROUTE(GET, "/pemohon/permohonan/:id/perbaikan", handle_perbaikan, PEMOHON_OWN("permohonan"));
    ROUTE(POST, "/pemohon/permohonan/:id/perbaikan/kirim", handle_perbaikan_kirim, PEMOHON_OWN("permohonan"));
    ROUTE(POST, "/pemohon/permohonan/:id/perbaikan/data", handle_perbaikan_data, PEMOHON_OWN("permohonan"));
    ROUTE(POST, "/pemohon/permohonan/:id/perbaikan/:pid", handle_perbaikan_ganti, PEMOHON_OWN("permohonan"));

    /* Status Surat and Kirim ulang for Admin Instansi (SPEC 6). */
    ROUTE(GET, "/petugas/surat", handle_petugas_surat, PETUGAS(ROLE_ADMIN_INSTANSI, NULL));
    ROUTE(POST, "/petugas/surat/:id/kirim-ulang", handle_petugas_surat_ulang, PETUGAS(ROLE_ADMIN_INSTANSI, "outbox"));
    /* Tarif, retribution and complaints (issue 13; SPEC 4.11, 4.13, 4.14, 5.7). */
    ROUTE(GET, "/petugas/tarif", handle_admin_tarif_list, PETUGAS(ROLE_ADMIN_INSTANSI, NULL));
    ROUTE(GET, "/petugas/tarif/:jenis", handle_admin_tarif_form, PETUGAS(ROLE_ADMIN_INSTANSI, "jenis_izin"));
    ROUTE(POST, "/petugas/tarif/:jenis", handle_admin_tarif_save, PETUGAS(ROLE_ADMIN_INSTANSI, "jenis_izin"));
    ROUTE(GET, "/petugas/permohonan/:id/retribusi", handle_petugas_retribusi, PETUGAS(ROLE_BENDAHARA, "permohonan"));
    ROUTE(POST, "/petugas/permohonan/:id/retribusi", handle_petugas_retribusi_hitung, PETUGAS(ROLE_BENDAHARA, "permohonan"));
    ROUTE(POST, "/petugas/permohonan/:id/retribusi/tetapkan", handle_petugas_retribusi_tetapkan, PETUGAS(ROLE_BENDAHARA, "permohonan"));
    ROUTE(POST, "/petugas/permohonan/:id/pembayaran", handle_petugas_pembayaran, PETUGAS(ROLE_BENDAHARA, "permohonan"));
    ROUTE(GET, "/petugas/permohonan/:id/pembayaran/bukti", handle_petugas_pembayaran_bukti, PETUGAS(ROLE_BENDAHARA, "permohonan"));
    ROUTE(GET, "/pemohon/permohonan/:id/skrd", handle_pemohon_skrd, PEMOHON_OWN("permohonan"));
    ROUTE(POST, "/pemohon/permohonan/:id/skrd/bukti", handle_pemohon_skrd_bukti, PEMOHON_OWN("permohonan"));
    ROUTE(POST, "/pemohon/keluhan", handle_pemohon_keluhan_kirim, PEMOHON);
    ROUTE(GET, "/pemohon/keluhan/:id", handle_pemohon_keluhan_lihat, PEMOHON_OWN("keluhan"));
    ROUTE(POST, "/pemohon/keluhan/:id", handle_pemohon_keluhan_balas, PEMOHON_OWN("keluhan"));
    ROUTE(GET, "/pemohon/keluhan/:id/lampiran", handle_pemohon_keluhan_lampiran, PEMOHON_OWN("keluhan"));
    ROUTE(GET, "/keluhan", handle_keluhan_publik, PUBLIC);
    ROUTE(POST, "/keluhan", handle_keluhan_publik_kirim, PUBLIC);
    ROUTE(GET, "/keluhan/lihat", handle_keluhan_token, PUBLIC);
    ROUTE(POST, "/keluhan/lihat", handle_keluhan_token_post, PUBLIC);
    ROUTE(GET, "/petugas/keluhan", handle_petugas_keluhan, PETUGAS(0, NULL));
    ROUTE(GET, "/petugas/keluhan/:id", handle_petugas_keluhan_lihat, PETUGAS(0, "keluhan"));
    ROUTE(POST, "/petugas/keluhan/:id", handle_petugas_keluhan_jawab, PETUGAS(0, "keluhan"));
    ROUTE(GET, "/petugas/keluhan/:id/lampiran", handle_petugas_keluhan_lampiran, PETUGAS(0, "keluhan"));
    ROUTE(GET, "/petugas/laporan", handle_petugas_laporan, PETUGAS(ROLE_ADMIN_INSTANSI | ROLE_BENDAHARA | ROLE_PENANDATANGAN, NULL));
    ROUTE(GET, "/petugas/laporan/retribusi.csv", handle_petugas_laporan_retribusi_csv, PETUGAS(ROLE_ADMIN_INSTANSI | ROLE_BENDAHARA | ROLE_PENANDATANGAN, NULL));
    ROUTE(GET, "/petugas/laporan/keluhan.csv", handle_petugas_laporan_keluhan_csv, PETUGAS(ROLE_ADMIN_INSTANSI | ROLE_BENDAHARA | ROLE_PENANDATANGAN, NULL));
    /* Issued permits (SPEC 4.12, 4.15, 5.5): public verification, tab Izin with the PDF,
     * Perpanjang / Ubah and the survey, and the officers' list, IKM and settings. */
    ROUTE(GET, "/v/:code", handle_izin_verifikasi, PUBLIC);
    ROUTE(GET, "/cek-izin", handle_cek_izin, PUBLIC_CACHED);
    ROUTE(GET, "/pemohon/izin/:id/unduh", handle_izin_unduh, PEMOHON_OWN("izin"));
    ROUTE(POST, "/pemohon/izin/:id/perpanjang", handle_izin_perpanjang, PEMOHON_OWN("izin"));
    ROUTE(POST, "/pemohon/izin/:id/ubah", handle_izin_ubah, PEMOHON_OWN("izin"));
    ROUTE(GET, "/pemohon/izin/:id/survei", handle_izin_survei_form, PEMOHON_OWN("izin"));
    ROUTE(POST, "/pemohon/izin/:id/survei", handle_izin_survei, PEMOHON_OWN("izin"));
    ROUTE(GET, "/petugas/izin", handle_petugas_izin, PETUGAS(ROLE_ADMIN_INSTANSI | ROLE_PENANDATANGAN, NULL));
    ROUTE(POST, "/petugas/izin/:id/cabut", handle_petugas_izin_cabut, PETUGAS(ROLE_ADMIN_INSTANSI | ROLE_PENANDATANGAN, "izin"));
    ROUTE(GET, "/petugas/ikm", handle_petugas_ikm, PETUGAS(ROLE_ADMIN_INSTANSI | ROLE_PENANDATANGAN | ROLE_FRONT_OFFICE, NULL));
    ROUTE(GET, "/petugas/izin/pengaturan", handle_izin_pengaturan_form, PETUGAS(ROLE_ADMIN_INSTANSI, NULL));
    ROUTE(POST, "/petugas/izin/pengaturan", handle_izin_pengaturan, PETUGAS(ROLE_ADMIN_INSTANSI, NULL));
    /* Electronic signatures of permit PDFs (issue 14): the signer's own certificate. */
    ROUTE(GET, "/petugas/sertifikat", handle_tte_sertifikat, PETUGAS(ROLE_PENANDATANGAN, NULL));
    ROUTE(POST, "/petugas/sertifikat", handle_tte_sertifikat_unggah, PETUGAS(ROLE_PENANDATANGAN, NULL));
    /* The signer's signature image (issue 14) */
    ROUTE(GET, "/petugas/sertifikat/gambar", handle_tte_gambar, PETUGAS(ROLE_PENANDATANGAN, NULL));
    ROUTE(POST, "/petugas/sertifikat/gambar", handle_tte_gambar_unggah, PETUGAS(ROLE_PENANDATANGAN, NULL));
    ROUTE(POST, "/petugas/sertifikat/gambar/hapus", handle_tte_gambar_hapus, PETUGAS(ROLE_PENANDATANGAN, NULL));
    ROUTE(POST, "/cek-izin/pdf", handle_cek_izin_pdf, PUBLIC);
}

int web_init(void)
{
    return web_static_init();
}

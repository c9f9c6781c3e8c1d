/* web/handlers.h — every HTTP handler of the web interface and the JSON API, by file.
 * web/routes.c maps addresses to them. */
#ifndef LOKET_WEB_HANDLERS_H
#define LOKET_WEB_HANDLERS_H
#include "http/http.h"

/* web/static.c */
int web_static_init(void);
void handle_static(req *r);

/* web/home.c */
void handle_home(req *r);
void handle_language(req *r);
void handle_health(req *r);
void handle_not_open_yet(req *r);

/* web/katalog.c */
void handle_katalog(req *r);
void handle_katalog_instansi(req *r);
void handle_jenis_izin(req *r);
void handle_blank_form(req *r);

/* web/login.c */
void handle_login_form(req *r);
void handle_login(req *r);
void handle_logout(req *r);
void handle_password_form(req *r);
void handle_password(req *r);

/* web/petugas.c */
void handle_petugas_registrasi(req *r);
void handle_petugas_pemohon(req *r);
void handle_petugas_identitas(req *r);
void handle_petugas_setujui(req *r);
void handle_petugas_tolak(req *r);
void handle_pengaturan_form(req *r);
void handle_pengaturan(req *r);

/* web/verifikasi.c */
void handle_verifikasi_form(req *r);
void handle_verifikasi(req *r);
void handle_lupa_password_form(req *r);
void handle_lupa_password(req *r);
void handle_reset_password_form(req *r);
void handle_reset_password(req *r);

/* web/pemohon.c */
void handle_pemohon_profil(req *r);

/* web/lacak.c */
void handle_pemohon_lacak(req *r);
void handle_petugas_lacak(req *r);
void handle_lacak(req *r);
void handle_lacak_cari(req *r);

/* web/dokumen.c */
void handle_dokumen_list(req *r);
void handle_dokumen_upload(req *r);
void handle_dokumen_unduh(req *r);
void handle_dokumen_hapus(req *r);
void handle_dokumen_ganti_form(req *r);
void handle_dokumen_ganti(req *r);

/* web/perusahaan.c */
void handle_perusahaan_list(req *r);
void handle_perusahaan_form(req *r);
void handle_perusahaan_save(req *r);

/* web/registrasi.c */
void handle_registrasi_start(req *r);
void handle_registrasi_step(req *r);
void handle_registrasi_post(req *r);

/* web/api_wilayah.c */
void handle_api_wilayah(req *r);

/* web/permohonan.c */
void handle_permohonan_baru(req *r);
void handle_permohonan_draft(req *r);
void handle_permohonan_simpan(req *r);
void handle_permohonan_unggah(req *r);
void handle_permohonan_buat(req *r);
void handle_permohonan_bukti(req *r);
/* hardening: Status Surat for Admin Instansi (web/surat.c) */
void handle_petugas_surat(req *r);
void handle_petugas_surat_ulang(req *r);
/* Tambah in steps, no row before the first save, and Hapus of a draft (UX) */
void handle_permohonan_baru_post(req *r);
void handle_permohonan_hapus_form(req *r);
void handle_permohonan_hapus(req *r);

/* web/metrics.c — operations (issue 11) */
void handle_metrics(req *r);
/* Admin Instansi: web/admin_petugas.c */
void handle_admin_petugas_list(req *r);
void handle_admin_petugas_baru(req *r);
void handle_admin_petugas_tambah(req *r);
void handle_admin_petugas_form(req *r);
void handle_admin_petugas_simpan(req *r);
void handle_admin_petugas_nonaktifkan(req *r);
void handle_admin_petugas_aktifkan(req *r);
void handle_admin_petugas_reset(req *r);
/* Admin Instansi: web/admin_libur.c */
void handle_admin_libur(req *r);
void handle_admin_libur_tambah(req *r);
void handle_admin_libur_hapus(req *r);
/* Admin Instansi: web/admin_izin.c, admin_izin_syarat.c, admin_izin_alur.c */
void handle_admin_izin_list(req *r);
void handle_admin_izin_baru(req *r);
void handle_admin_izin_tambah(req *r);
void handle_admin_izin_form(req *r);
void handle_admin_izin_simpan(req *r);
void handle_admin_izin_pengaturan(req *r);
void handle_admin_syarat(req *r);
void handle_admin_syarat_tambah(req *r);
void handle_admin_syarat_form(req *r);
void handle_admin_syarat_simpan(req *r);
void handle_admin_syarat_hapus(req *r);
void handle_admin_syarat_pindah(req *r);
void handle_admin_syarat_formulir(req *r);
void handle_admin_syarat_formulir_hapus(req *r);
void handle_admin_teknis(req *r);
void handle_admin_teknis_tambah(req *r);
void handle_admin_teknis_form(req *r);
void handle_admin_teknis_simpan(req *r);
void handle_admin_teknis_hapus(req *r);
void handle_admin_teknis_pindah(req *r);
void handle_admin_alur(req *r);
void handle_admin_alur_simpan(req *r);
/* Back office: the workflow runtime (web/inbox.c, web/berkas.c, web/perbaikan.c). */
void handle_petugas_home(req *r);
void handle_inbox(req *r);
void handle_petugas_permohonan(req *r);
void handle_petugas_berkas(req *r);
void handle_petugas_aksi(req *r);
void handle_petugas_tinjau(req *r);
void handle_perbaikan(req *r);
void handle_perbaikan_ganti(req *r);
void handle_perbaikan_kirim(req *r);
void handle_perbaikan_data(req *r);
/* web/loket.c — Pelayanan Loket, the counter service (SPEC 5.6) */
void handle_loket(req *r);
void handle_loket_daftar_form(req *r);
void handle_loket_daftar(req *r);
void handle_loket_pemohon(req *r);
void handle_loket_lembar(req *r);
void handle_loket_email(req *r);
void handle_loket_tambah(req *r);
void handle_loket_permohonan(req *r);
void handle_loket_permohonan_simpan(req *r);
void handle_loket_permohonan_unggah(req *r);
void handle_loket_permohonan_buat(req *r);
void handle_loket_permohonan_bukti(req *r);
/* Tarif, retribution and complaints (issue 13). */
/* web/simulasi.c */
void handle_simulasi_tarif(req *r);
/* web/admin_tarif.c */
void handle_admin_tarif_list(req *r);
void handle_admin_tarif_form(req *r);
void handle_admin_tarif_save(req *r);
/* web/retribusi.c */
void handle_petugas_retribusi(req *r);
void handle_petugas_retribusi_hitung(req *r);
void handle_petugas_retribusi_tetapkan(req *r);
void handle_petugas_pembayaran(req *r);
void handle_petugas_pembayaran_bukti(req *r);
void handle_pemohon_skrd(req *r);
void handle_pemohon_skrd_bukti(req *r);
/* web/keluhan.c */
void handle_pemohon_keluhan(req *r);
void handle_pemohon_keluhan_kirim(req *r);
void handle_pemohon_keluhan_lihat(req *r);
void handle_pemohon_keluhan_balas(req *r);
void handle_pemohon_keluhan_lampiran(req *r);
void handle_keluhan_publik(req *r);
void handle_keluhan_publik_kirim(req *r);
void handle_keluhan_token(req *r);
void handle_keluhan_token_post(req *r);
void handle_petugas_keluhan(req *r);
void handle_petugas_keluhan_lihat(req *r);
void handle_petugas_keluhan_jawab(req *r);
void handle_petugas_keluhan_lampiran(req *r);
/* web/laporan.c */
void handle_petugas_laporan(req *r);
void handle_petugas_laporan_retribusi_csv(req *r);
void handle_petugas_laporan_keluhan_csv(req *r);
/* Issued permits (SPEC 4.12, 4.15, 5.5): web/izin_verifikasi.c, web/izin_pemohon.c,
 * web/izin_petugas.c */
void handle_izin_verifikasi(req *r);
void handle_cek_izin(req *r);
void handle_pemohon_izin(req *r);
void handle_izin_unduh(req *r);
void handle_izin_perpanjang(req *r);
void handle_izin_ubah(req *r);
void handle_izin_survei_form(req *r);
void handle_izin_survei(req *r);
void handle_petugas_izin(req *r);
void handle_petugas_izin_cabut(req *r);
void handle_petugas_ikm(req *r);
void handle_izin_pengaturan_form(req *r);
void handle_izin_pengaturan(req *r);

/* web/admin_izin_surat.c: the permit template of a jenis izin */
void handle_admin_izin_surat(req *r);
void handle_admin_izin_surat_simpan(req *r);
/* Electronic signatures of permit PDFs (issue 14): web/tte_sertifikat.c */
void handle_tte_sertifikat(req *r);
void handle_tte_sertifikat_unggah(req *r);
/* The signer's signature image (issue 14): web/tte_sertifikat.c */
void handle_tte_gambar(req *r);
void handle_tte_gambar_unggah(req *r);
void handle_tte_gambar_hapus(req *r);
void handle_cek_izin_pdf(req *r);   /* web/izin_verifikasi.c */

#endif

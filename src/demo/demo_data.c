/* demo/demo_data.c — the demo's content (see demo_data.h): two offices and five permit
 * types with the requirement lists, data teknis and blank forms used in practice by
 * Indonesian DPMPTSP offices for health-worker practice permits (SIP, SIPB, SIPA),
 * advertisement permits and the building approval (PBG, PP 16/2021).
 *
 * Requirement flags are B(aru) / P(erpanjangan) / U (perubahan): a renewal asks for the
 * old permit and no diploma; a change asks only for what the change touches. */
#include "demo/demo_data.h"
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define WAJIB 1
#define OPSIONAL 0
#define DOKUMEN "pdf,jpg,png"
#define FOTO "jpg,png"

const demo_instansi demo_instansi_table[] = {
    {
        .slug = "kota-pangkalpinang",
        .name = "Pemerintah Kota Pangkalpinang",
        .wilayah_code = "19.71",
        .office_name = "Dinas Penanaman Modal, PTSP dan Tenaga Kerja (DPMPTSP & NAKER) Kota Pangkalpinang",
        .office_code = "DPMPTSP-NAKER",
        .city = "Pangkalpinang",
        .address = "Kota Pangkalpinang, Kepulauan Bangka Belitung",
        .phone = "0717-436772",   /* the seeds' call centre and WhatsApp numbers */
        .whatsapp = "082381942489",
        .office_hours = "Senin–Kamis 08.00–15.00 WIB, Jumat 08.00–11.30 WIB",
        .email = "dpmptsp-naker@pangkalpinang.example",
        .unit_slug = "dpmptsp-naker",
        .unit_name = "Dinas Penanaman Modal, PTSP dan Naker",
    },
    {
        .slug = "kabupaten-muara-enim",
        .name = "Pemerintah Kabupaten Muara Enim",
        .wilayah_code = "16.03",
        .office_name = "DPMPTSP Kabupaten Muara Enim",
        .office_code = "DPMPTSP",
        .city = "Muara Enim",
        .address = "Muara Enim, Sumatera Selatan",
        .phone = "0734-421000",   /* demo numbers: the seeds name none for Muara Enim */
        .whatsapp = "081200000000",
        .office_hours = "Senin–Jumat 08.00–16.00 WIB",
        .email = "dpmptsp@muaraenim.example",
        .unit_slug = "dpmptsp",
        .unit_name = "DPMPTSP",
    },
};
const size_t demo_instansi_count = COUNT(demo_instansi_table);

/* ---- Surat Izin Praktik Dokter ------------------------------------------------------ */

static const demo_requirement sip_dokter_req[] = {
    {"Formulir permohonan SIP Dokter", "Diisi lengkap dan ditandatangani pemohon di atas meterai Rp10.000.",
     WAJIB, 1, 1, 1, "pdf", "sip-dokter"},
    {"Fotokopi STR yang masih berlaku dan dilegalisir", "Surat Tanda Registrasi dari Konsil Kedokteran Indonesia, legalisir asli.",
     WAJIB, 1, 1, 1, DOKUMEN, NULL},
    {"Surat rekomendasi dari organisasi profesi (IDI)", "Dari Ikatan Dokter Indonesia (IDI) cabang setempat; dokter gigi dari PDGI.",
     WAJIB, 1, 1, 0, DOKUMEN, NULL},
    {"Surat keterangan sehat", "Surat keterangan sehat fisik dan mental dari dokter yang memiliki SIP.",
     WAJIB, 1, 1, 0, DOKUMEN, NULL},
    {"Pas foto berwarna 4x6", "Terbaru, latar belakang merah, 2 lembar.", WAJIB, 1, 1, 0, FOTO, NULL},
    {"Fotokopi KTP", "KTP elektronik yang masih berlaku.", WAJIB, 1, 1, 1, DOKUMEN, NULL},
    {"Surat pernyataan tempat praktik / surat keterangan dari pimpinan fasilitas pelayanan kesehatan",
     "Surat pernyataan memiliki tempat praktik mandiri, atau surat keterangan dari pimpinan fasilitas pelayanan kesehatan tempat praktik.",
     WAJIB, 1, 1, 1, "pdf", "pernyataan-tempat-praktik"},
    {"Fotokopi ijazah dokter yang dilegalisir", NULL, WAJIB, 1, 0, 0, DOKUMEN, NULL},
    {"Surat persetujuan dari atasan langsung", "Bagi dokter ASN/TNI/Polri yang berpraktik di luar jam kerja.",
     OPSIONAL, 1, 1, 0, DOKUMEN, NULL},
    {"Fotokopi SIP di tempat praktik lain", "Bagi dokter yang sudah berpraktik di tempat lain (SIP ke-2 atau ke-3).",
     OPSIONAL, 1, 1, 0, DOKUMEN, NULL},
    {"SIP lama", "SIP yang akan diperpanjang atau diubah.", WAJIB, 0, 1, 1, DOKUMEN, NULL},
    {"Dokumen pendukung perubahan", "Mis. surat keterangan pindah tempat praktik atau perubahan jadwal praktik.",
     WAJIB, 0, 0, 1, DOKUMEN, NULL},
};

static const demo_field sip_dokter_fields[] = {
    {"jenis_dokter", "Jenis Dokter", "select", 1, "Dokter|Dokter Gigi|Dokter Spesialis|Dokter Gigi Spesialis", NULL, NULL},
    {"no_str", "No. STR", "text", 1, NULL, NULL, "Nomor Surat Tanda Registrasi dari Konsil Kedokteran Indonesia"},
    {"str_berlaku_sampai", "Masa Berlaku STR", "date", 0, NULL, NULL, "Kosongkan bila STR berlaku seumur hidup"},
    {"sip_ke", "SIP Ke-", "select", 1, "SIP ke-1|SIP ke-2|SIP ke-3", NULL, "Dokter dapat memiliki paling banyak 3 SIP"},
    {"nama_fasyankes", "Nama Fasilitas Pelayanan Kesehatan", "text", 1, NULL, NULL, "Mis. RSUD, Puskesmas, klinik, atau praktik mandiri"},
    {"alamat_praktik", "Alamat Tempat Praktik", "textarea", 1, NULL, NULL, NULL},
    {"jadwal_praktik", "Hari dan Jam Praktik", "text", 1, NULL, NULL, "Mis. Senin–Jumat 16.00–20.00"},
    {"no_rekomendasi", "No. Surat Rekomendasi IDI", "text", 0, NULL, NULL, NULL},
};

/* ---- Surat Izin Praktik Bidan ---------------------------------------------------------- */

static const demo_requirement sipb_req[] = {
    {"Formulir permohonan SIPB", "Diisi lengkap dan ditandatangani pemohon di atas meterai Rp10.000.",
     WAJIB, 1, 1, 1, "pdf", "sipb"},
    {"Fotokopi STR Bidan yang masih berlaku dan dilegalisir", NULL, WAJIB, 1, 1, 1, DOKUMEN, NULL},
    {"Surat rekomendasi dari organisasi profesi (IBI)", "Dari Ikatan Bidan Indonesia (IBI) cabang setempat.",
     WAJIB, 1, 1, 0, DOKUMEN, NULL},
    {"Surat keterangan sehat", "Surat keterangan sehat fisik dari dokter yang memiliki SIP.", WAJIB, 1, 1, 0, DOKUMEN, NULL},
    {"Pas foto berwarna 4x6", "Terbaru, latar belakang merah, 2 lembar.", WAJIB, 1, 1, 0, FOTO, NULL},
    {"Fotokopi KTP", NULL, WAJIB, 1, 1, 1, DOKUMEN, NULL},
    {"Surat keterangan dari pimpinan fasilitas pelayanan kesehatan / surat pernyataan memiliki Tempat Praktik Mandiri Bidan (TPMB)",
     NULL, WAJIB, 1, 1, 1, DOKUMEN, NULL},
    {"Fotokopi ijazah D III/D IV/Profesi Bidan yang dilegalisir", NULL, WAJIB, 1, 0, 0, DOKUMEN, NULL},
    {"Surat persetujuan dari atasan langsung", "Bagi bidan ASN yang berpraktik mandiri di luar jam kerja.",
     OPSIONAL, 1, 1, 0, DOKUMEN, NULL},
    {"SIPB lama", NULL, WAJIB, 0, 1, 1, DOKUMEN, NULL},
};

static const demo_field sipb_fields[] = {
    {"no_str", "No. STR Bidan", "text", 1, NULL, NULL, NULL},
    {"str_berlaku_sampai", "Masa Berlaku STR", "date", 0, NULL, NULL, "Kosongkan bila STR berlaku seumur hidup"},
    {"pendidikan", "Pendidikan Terakhir", "select", 1, "D III Kebidanan|D IV/Sarjana Terapan Kebidanan|Profesi Bidan", NULL, NULL},
    {"tempat_praktik", "Tempat Praktik", "select", 1, "Tempat Praktik Mandiri Bidan (TPMB)|Puskesmas|Rumah Sakit|Klinik", NULL, NULL},
    {"nama_fasyankes", "Nama Fasilitas Pelayanan Kesehatan", "text", 1, NULL, NULL, NULL},
    {"alamat_praktik", "Alamat Tempat Praktik", "textarea", 1, NULL, NULL, NULL},
    {"sipb_ke", "SIPB Ke-", "select", 1, "SIPB ke-1|SIPB ke-2", NULL, "Bidan dapat memiliki paling banyak 2 SIPB"},
};

/* ---- Surat Izin Praktik Apoteker -------------------------------------------------------- */

static const demo_requirement sipa_req[] = {
    {"Formulir permohonan SIPA", "Diisi lengkap dan ditandatangani pemohon di atas meterai Rp10.000.",
     WAJIB, 1, 1, 1, "pdf", "sipa"},
    {"Fotokopi STRA yang masih berlaku dan dilegalisir", "Surat Tanda Registrasi Apoteker.", WAJIB, 1, 1, 1, DOKUMEN, NULL},
    {"Surat rekomendasi dari organisasi profesi (IAI)", "Dari Ikatan Apoteker Indonesia (IAI) cabang setempat.",
     WAJIB, 1, 1, 0, DOKUMEN, NULL},
    {"Surat pernyataan mempunyai tempat praktik profesi / surat keterangan dari pimpinan fasilitas pelayanan kefarmasian",
     "Apotek, instalasi farmasi rumah sakit, puskesmas, klinik, atau fasilitas produksi/distribusi.",
     WAJIB, 1, 1, 1, DOKUMEN, NULL},
    {"Surat keterangan sehat", "Surat keterangan sehat fisik dan mental dari dokter yang memiliki SIP.", WAJIB, 1, 1, 0, DOKUMEN, NULL},
    {"Pas foto berwarna 4x6", "Terbaru, latar belakang merah, 2 lembar.", WAJIB, 1, 1, 0, FOTO, NULL},
    {"Fotokopi KTP", NULL, WAJIB, 1, 1, 1, DOKUMEN, NULL},
    {"Fotokopi ijazah apoteker dan sertifikat sumpah apoteker", NULL, WAJIB, 1, 0, 0, DOKUMEN, NULL},
    {"Surat persetujuan dari atasan langsung", "Bagi apoteker ASN.", OPSIONAL, 1, 1, 0, DOKUMEN, NULL},
    {"SIPA lama", NULL, WAJIB, 0, 1, 1, DOKUMEN, NULL},
};

static const demo_field sipa_fields[] = {
    {"no_stra", "No. STRA", "text", 1, NULL, NULL, "Nomor Surat Tanda Registrasi Apoteker"},
    {"stra_berlaku_sampai", "Masa Berlaku STRA", "date", 0, NULL, NULL, "Kosongkan bila STRA berlaku seumur hidup"},
    {"jenis_fasilitas", "Jenis Fasilitas Kefarmasian", "select", 1,
     "Apotek|Instalasi Farmasi Rumah Sakit|Puskesmas|Klinik|Industri Farmasi|Pedagang Besar Farmasi", NULL, NULL},
    {"nama_fasilitas", "Nama Fasilitas Kefarmasian", "text", 1, NULL, NULL, NULL},
    {"alamat_fasilitas", "Alamat Fasilitas Kefarmasian", "textarea", 1, NULL, NULL, NULL},
    {"sipa_ke", "SIPA Ke-", "select", 1, "SIPA ke-1|SIPA ke-2|SIPA ke-3", NULL, NULL},
    {"jam_praktik", "Hari dan Jam Praktik", "text", 1, NULL, NULL, NULL},
};

/* ---- Izin Reklame ------------------------------------------------------------------------ */

static const demo_requirement reklame_req[] = {
    {"Formulir permohonan Izin Reklame", "Diisi lengkap dan ditandatangani pemohon.", WAJIB, 1, 1, 1, "pdf", "izin-reklame"},
    {"Fotokopi KTP pemohon / penanggung jawab", NULL, WAJIB, 1, 1, 1, DOKUMEN, NULL},
    {"Fotokopi NPWP", NULL, WAJIB, 1, 1, 0, DOKUMEN, NULL},
    {"Nomor Induk Berusaha (NIB)", "Bagi pemohon badan usaha.", OPSIONAL, 1, 1, 1, DOKUMEN, NULL},
    {"Desain/gambar reklame berwarna", "Memuat naskah, ukuran (panjang × lebar) dan jumlah sisi.", WAJIB, 1, 0, 1, DOKUMEN, NULL},
    {"Foto lokasi pemasangan", NULL, WAJIB, 1, 1, 1, DOKUMEN, NULL},
    {"Denah lokasi dan titik koordinat", NULL, WAJIB, 1, 0, 1, DOKUMEN, NULL},
    {"Surat persetujuan pemilik lahan/bangunan", "Bila reklame dipasang di lahan atau bangunan milik pihak lain.",
     OPSIONAL, 1, 1, 1, DOKUMEN, NULL},
    {"Gambar konstruksi dan perhitungan struktur", "Untuk reklame permanen berkonstruksi (billboard, videotron).",
     OPSIONAL, 1, 0, 1, "pdf", NULL},
    {"Bukti pelunasan pajak reklame periode sebelumnya", NULL, WAJIB, 0, 1, 0, DOKUMEN, NULL},
    {"Izin reklame lama", NULL, WAJIB, 0, 1, 1, DOKUMEN, NULL},
};

static const demo_field reklame_fields[] = {
    {"jenis_reklame", "Jenis Reklame", "select", 1,
     "Papan/Billboard|Neon Box|Videotron/Megatron|Baliho|Spanduk|Umbul-umbul|Reklame Kain|Stiker", NULL, NULL},
    {"naskah", "Naskah/Teks Reklame", "text", 1, NULL, NULL, NULL},
    {"panjang", "Panjang", "number", 1, NULL, "m", NULL},
    {"lebar", "Lebar", "number", 1, NULL, "m", NULL},
    {"jumlah_sisi", "Jumlah Sisi", "number", 1, NULL, NULL, "1 bila reklame satu muka"},
    {"luas", "Luas Bidang Reklame", "number", 1, NULL, "m²", "Panjang × lebar × jumlah sisi"},
    {"hari", "Jangka Waktu Pemasangan", "number", 1, NULL, "hari", NULL},
    {"kelas_jalan", "Kelas Jalan", "select", 1, "Jalan Protokol|Jalan Kolektor|Jalan Lingkungan", NULL, NULL},
    {"tarif_per_m2", "Tarif Retribusi per m² per Hari", "number", 1, NULL, "Rp",
     "Menurut kelas jalan dalam Perda Pajak Daerah dan Retribusi Daerah; diperiksa petugas"},
    {"lokasi", "Lokasi Pemasangan", "textarea", 1, NULL, NULL, "Nama jalan, kelurahan dan kecamatan"},
    {"koordinat", "Titik Koordinat", "text", 0, NULL, NULL, "Mis. -2.1291, 106.1138"},
};

/* ---- Persetujuan Bangunan Gedung ------------------------------------------------------------- */

static const demo_requirement pbg_req[] = {
    {"Formulir data pemohon dan data bangunan", "Data pemohon/pemilik bangunan, data tanah dan data umum bangunan gedung.",
     WAJIB, 1, 0, 1, "pdf", "pbg"},
    {"Fotokopi KTP pemilik bangunan", NULL, WAJIB, 1, 0, 1, DOKUMEN, NULL},
    {"Bukti kepemilikan tanah (sertifikat hak atas tanah)",
     "Atau surat perjanjian pemanfaatan tanah bila pemilik bangunan bukan pemilik tanah.", WAJIB, 1, 0, 1, DOKUMEN, NULL},
    {"KKPR/PKKPR atau Keterangan Rencana Kota (KRK)", "Kesesuaian Kegiatan Pemanfaatan Ruang.", WAJIB, 1, 0, 0, "pdf", NULL},
    {"Gambar rencana arsitektur", "Situasi, denah, tampak, potongan dan rencana tapak.", WAJIB, 1, 0, 1, "pdf", NULL},
    {"Gambar dan perhitungan rencana struktur", NULL, WAJIB, 1, 0, 1, "pdf", NULL},
    {"Gambar rencana mekanikal, elektrikal dan plumbing (MEP)", NULL, WAJIB, 1, 0, 1, "pdf", NULL},
    {"Spesifikasi teknis bangunan", NULL, WAJIB, 1, 0, 1, "pdf", NULL},
    {"SPPT PBB tahun berjalan dan bukti lunas", NULL, WAJIB, 1, 0, 1, DOKUMEN, NULL},
    {"Surat pernyataan tanah tidak dalam sengketa", "Ditandatangani di atas meterai Rp10.000.", WAJIB, 1, 0, 0, "pdf", "pernyataan-tanah"},
    {"Dokumen lingkungan (SPPL/UKL-UPL/AMDAL)", "Sesuai skala dan dampak kegiatan.", OPSIONAL, 1, 0, 1, "pdf", NULL},
    {"Nomor Induk Berusaha (NIB)", "Bagi pemohon badan usaha.", OPSIONAL, 1, 0, 1, DOKUMEN, NULL},
    {"Foto kondisi eksisting lokasi", NULL, WAJIB, 1, 0, 1, DOKUMEN, NULL},
    {"PBG/IMB lama", "Untuk perubahan bangunan yang telah memiliki PBG atau IMB.", WAJIB, 0, 0, 1, DOKUMEN, NULL},
};

static const demo_field pbg_fields[] = {
    {"fungsi_bangunan", "Fungsi Bangunan", "select", 1, "Hunian|Keagamaan|Usaha|Sosial dan Budaya|Khusus|Campuran", NULL, NULL},
    {"nama_bangunan", "Nama Bangunan", "text", 1, NULL, NULL, "Mis. Rumah Tinggal, Ruko 2 Lantai"},
    {"alamat_bangunan", "Alamat Lokasi Bangunan", "textarea", 1, NULL, NULL, NULL},
    {"no_sertifikat", "No. Sertifikat / Bukti Kepemilikan Tanah", "text", 1, NULL, NULL, NULL},
    {"luas_tanah", "Luas Tanah", "number", 1, NULL, "m²", NULL},
    {"L", "Luas Total Lantai Bangunan (L)", "number", 1, NULL, "m²", NULL},
    {"jumlah_lantai", "Jumlah Lantai", "number", 1, NULL, NULL, NULL},
    {"tinggi_bangunan", "Tinggi Bangunan", "number", 1, NULL, "m", NULL},
    {"It", "Indeks Terintegrasi (It)", "number", 0, NULL, NULL,
     "Hasil perkalian indeks fungsi, klasifikasi (kompleksitas, permanensi, ketinggian) dan faktor kepemilikan; ditetapkan Tim Teknis"},
    {"HSbg", "Harga Satuan Retribusi Bangunan Gedung (HSbg)", "number", 0, NULL, "Rp/m²",
     "Ditetapkan dalam Perda Pajak Daerah dan Retribusi Daerah"},
    {"koordinat", "Titik Koordinat", "text", 0, NULL, NULL, NULL},
};

/* ---- the permit types ------------------------------------------------------------------------ */

#define REQS(a) a, COUNT(a)

const demo_jenis_izin demo_jenis_izin_table[] = {
    {
        .slug = "sip-dokter",
        .name = "Surat Izin Praktik Dokter",
        .short_description = "Izin bagi dokter dan dokter gigi untuk menjalankan praktik kedokteran.",
        .description = "Surat Izin Praktik (SIP) adalah bukti tertulis yang diberikan pemerintah daerah "
                       "kabupaten/kota kepada dokter atau dokter gigi yang akan menjalankan praktik "
                       "kedokteran, paling banyak di 3 (tiga) tempat praktik. SIP berlaku 5 (lima) tahun "
                       "mengikuti STR dan dapat diperpanjang. Tanpa biaya.",
        .document_type = "Surat Izin Praktik Dokter",
        .is_izin = 1, .gratis = 1,
        .settings = {{1, 5, 5, "tahun", "503/{NNN}/SIP/{KANTOR}/{YYYY}"},
                     {1, 5, 5, "tahun", "503/{NNN}/SIP/{KANTOR}/{YYYY}"},
                     {1, 3, 5, "tahun", "503/{NNN}/SIP/{KANTOR}/{YYYY}"}},
        .requirements = REQS(sip_dokter_req),
        .fields = REQS(sip_dokter_fields),
    },
    {
        .slug = "sipb",
        .name = "Surat Izin Praktik Bidan (SIPB)",
        .short_description = "Izin bagi bidan untuk menjalankan praktik kebidanan.",
        .description = "SIPB adalah bukti tertulis pemberian kewenangan untuk menjalankan praktik kebidanan "
                       "di fasilitas pelayanan kesehatan atau Tempat Praktik Mandiri Bidan (TPMB). Berlaku "
                       "5 (lima) tahun mengikuti STR dan dapat diperpanjang. Tanpa biaya.",
        .document_type = "Surat Izin Praktik Bidan",
        .is_izin = 1, .gratis = 1,
        .settings = {{1, 5, 5, "tahun", "503/{NNN}/SIPB/{KANTOR}/{YYYY}"},
                     {1, 5, 5, "tahun", "503/{NNN}/SIPB/{KANTOR}/{YYYY}"},
                     {1, 3, 5, "tahun", "503/{NNN}/SIPB/{KANTOR}/{YYYY}"}},
        .requirements = REQS(sipb_req),
        .fields = REQS(sipb_fields),
    },
    {
        .slug = "sipa",
        .name = "Surat Izin Praktik Apoteker (SIPA)",
        .short_description = "Izin bagi apoteker untuk menjalankan praktik kefarmasian.",
        .description = "SIPA adalah bukti tertulis yang diberikan kepada apoteker untuk menjalankan praktik "
                       "kefarmasian di apotek, instalasi farmasi rumah sakit, puskesmas, klinik atau "
                       "fasilitas produksi dan distribusi. Berlaku 5 (lima) tahun mengikuti STRA dan dapat "
                       "diperpanjang. Tanpa biaya.",
        .document_type = "Surat Izin Praktik Apoteker",
        .is_izin = 1, .gratis = 1,
        .settings = {{1, 7, 5, "tahun", "503/{NNN}/SIPA/{KANTOR}/{YYYY}"},
                     {1, 7, 5, "tahun", "503/{NNN}/SIPA/{KANTOR}/{YYYY}"},
                     {1, 5, 5, "tahun", "503/{NNN}/SIPA/{KANTOR}/{YYYY}"}},
        .requirements = REQS(sipa_req),
        .fields = REQS(sipa_fields),
    },
    {
        .slug = "izin-reklame",
        .name = "Izin Reklame",
        .short_description = "Izin penyelenggaraan reklame: papan/billboard, neon box, videotron, baliho, spanduk.",
        .description = "Izin untuk menyelenggarakan reklame pada lokasi tertentu dalam jangka waktu tertentu. "
                       "Dikenakan retribusi menurut luas bidang reklame, kelas jalan dan jangka waktu "
                       "pemasangan; pajak reklame dibayar terpisah ke Badan Pendapatan Daerah.",
        .document_type = "Surat Izin Reklame",
        .is_izin = 1, .gratis = 0,
        .tarif_formula = "(RT × harga(RT) + RI × harga(RI)) × B",
        .tarif_note = "Retribusi = (luas reklame tetap (m²) × tarif per m² + jumlah reklame insidentil × tarif "
                      "per buah) × jangka waktu pemasangan (bulan); tarif per bulan menurut kelas jalan "
                      "(Perda Pajak Daerah dan Retribusi Daerah). Hitung di Simulasi Tarif.",
        .settings = {{1, 5, 1, "tahun", "503/{NNN}/IR/{KANTOR}/{YYYY}"},
                     {1, 5, 1, "tahun", "503/{NNN}/IR/{KANTOR}/{YYYY}"},
                     {1, 5, 1, "tahun", "503/{NNN}/IR/{KANTOR}/{YYYY}"}},
        .requirements = REQS(reklame_req),
        .fields = REQS(reklame_fields),
    },
    {
        .slug = "pbg",
        .name = "Persetujuan Bangunan Gedung (PBG)",
        .short_description = "Persetujuan untuk membangun baru, mengubah, memperluas atau merawat bangunan gedung.",
        .description = "PBG adalah perizinan yang diberikan kepada pemilik bangunan gedung untuk membangun baru, "
                       "mengubah, memperluas, mengurangi dan/atau merawat bangunan gedung sesuai standar "
                       "teknis (PP 16/2021), menggantikan IMB. PBG berlaku selama bangunan tidak berubah; "
                       "perubahan bangunan memerlukan PBG perubahan.",
        .document_type = "Persetujuan Bangunan Gedung",
        .is_izin = 1, .gratis = 0,
        .tarif_formula = "L × It × 1,00 × HSbg",
        .tarif_note = "Retribusi PBG = L × It × 1,00 × HSbg: L luas total lantai bangunan gedung (m²), It "
                      "indeks terintegrasi, 1,00 indeks bangunan gedung baru, HSbg harga satuan retribusi "
                      "bangunan gedung per m² (PP 16/2021 dan Perda Pajak Daerah dan Retribusi Daerah).",
        .settings = {{1, 28, 0, "tahun", "640/{NNN}/PBG/{KANTOR}/{YYYY}"},
                     {0, 28, 0, "tahun", "640/{NNN}/PBG/{KANTOR}/{YYYY}"},
                     {1, 28, 0, "tahun", "640/{NNN}/PBG/{KANTOR}/{YYYY}"}},
        .requirements = REQS(pbg_req),
        .fields = REQS(pbg_fields),
    },
};
const size_t demo_jenis_izin_count = COUNT(demo_jenis_izin_table);

/* ---- blank forms -------------------------------------------------------------------------------- */

static const char *const lines_praktik_dokter[] = {
    "Nama lengkap (sesuai KTP)", "NIK", "Tempat, tanggal lahir", "Alamat", "No. HP / e-mail",
    "Nomor STR", "Masa berlaku STR", "Nama fasilitas pelayanan kesehatan", "Alamat tempat praktik",
    "Hari dan jam praktik", "SIP ke-", NULL};
static const char *const lines_praktik_bidan[] = {
    "Nama lengkap (sesuai KTP)", "NIK", "Tempat, tanggal lahir", "Alamat", "No. HP / e-mail",
    "Nomor STR Bidan", "Masa berlaku STR", "Nama fasilitas pelayanan kesehatan / TPMB",
    "Alamat tempat praktik", "SIPB ke-", NULL};
static const char *const lines_praktik_apoteker[] = {
    "Nama lengkap (sesuai KTP)", "NIK", "Tempat, tanggal lahir", "Alamat", "No. HP / e-mail",
    "Nomor STRA", "Masa berlaku STRA", "Nama fasilitas kefarmasian", "Alamat fasilitas kefarmasian",
    "Hari dan jam praktik", "SIPA ke-", NULL};
static const char *const lines_tempat_praktik[] = {
    "Nama lengkap", "NIK", "Nomor STR", "Nama tempat praktik", "Alamat tempat praktik",
    "Status tempat (milik sendiri / sewa / fasyankes)", NULL};
static const char *const lines_reklame[] = {
    "Nama pemohon / penanggung jawab", "NIK", "Nama perusahaan (bila ada)", "Alamat", "No. HP / e-mail",
    "Jenis reklame", "Naskah reklame", "Ukuran (panjang × lebar × sisi)", "Lokasi pemasangan",
    "Jangka waktu pemasangan", NULL};
static const char *const lines_pbg[] = {
    "Nama pemilik bangunan", "NIK", "Alamat pemilik", "No. HP / e-mail", "Fungsi bangunan",
    "Nama bangunan", "Alamat lokasi bangunan", "Nomor sertifikat tanah", "Luas tanah (m²)",
    "Luas total lantai bangunan (m²)", "Jumlah lantai / tinggi bangunan", NULL};
static const char *const lines_tanah[] = {
    "Nama", "NIK", "Alamat", "Letak tanah", "Nomor sertifikat / alas hak", "Luas tanah (m²)", NULL};

const demo_form demo_form_table[] = {
    {"sip-dokter", "formulir-permohonan-sip-dokter.pdf", "Formulir Permohonan Surat Izin Praktik Dokter",
     "Yang bertanda tangan di bawah ini:", lines_praktik_dokter,
     "Dengan ini mengajukan permohonan Surat Izin Praktik Dokter. Demikian permohonan ini saya buat "
     "dengan sebenar-benarnya dan data yang saya isikan adalah benar.", NULL},
    {"pernyataan-tempat-praktik", "surat-pernyataan-tempat-praktik.pdf", "Surat Pernyataan Memiliki Tempat Praktik",
     "Yang bertanda tangan di bawah ini:", lines_tempat_praktik,
     "Menyatakan dengan sesungguhnya bahwa saya memiliki tempat praktik sebagaimana tersebut di atas "
     "yang memenuhi persyaratan, dan bersedia dicabut izin praktiknya apabila pernyataan ini tidak benar.",
     "Yang menyatakan,"},
    {"sipb", "formulir-permohonan-sipb.pdf", "Formulir Permohonan Surat Izin Praktik Bidan",
     "Yang bertanda tangan di bawah ini:", lines_praktik_bidan,
     "Dengan ini mengajukan permohonan Surat Izin Praktik Bidan (SIPB). Demikian permohonan ini saya "
     "buat dengan sebenar-benarnya dan data yang saya isikan adalah benar.", NULL},
    {"sipa", "formulir-permohonan-sipa.pdf", "Formulir Permohonan Surat Izin Praktik Apoteker",
     "Yang bertanda tangan di bawah ini:", lines_praktik_apoteker,
     "Dengan ini mengajukan permohonan Surat Izin Praktik Apoteker (SIPA). Demikian permohonan ini saya "
     "buat dengan sebenar-benarnya dan data yang saya isikan adalah benar.", NULL},
    {"izin-reklame", "formulir-permohonan-izin-reklame.pdf", "Formulir Permohonan Izin Reklame",
     "Yang bertanda tangan di bawah ini:", lines_reklame,
     "Dengan ini mengajukan permohonan Izin Reklame dan bersedia mematuhi ketentuan penyelenggaraan "
     "reklame serta bertanggung jawab atas keamanan konstruksi reklame.", NULL},
    {"pbg", "formulir-data-pemohon-pbg.pdf", "Formulir Permohonan Persetujuan Bangunan Gedung (PBG)",
     "Yang bertanda tangan di bawah ini:", lines_pbg,
     "Dengan ini mengajukan permohonan Persetujuan Bangunan Gedung untuk bangunan tersebut di atas dan "
     "menyatakan bahwa data yang saya isikan adalah benar.", NULL},
    {"pernyataan-tanah", "surat-pernyataan-tanah-tidak-sengketa.pdf", "Surat Pernyataan Tanah Tidak dalam Sengketa",
     "Yang bertanda tangan di bawah ini:", lines_tanah,
     "Menyatakan dengan sesungguhnya bahwa tanah tersebut di atas adalah milik saya/dikuasai secara sah, "
     "tidak dalam sengketa dan tidak dijaminkan. Apabila di kemudian hari pernyataan ini tidak benar, "
     "saya bersedia dituntut sesuai ketentuan peraturan perundang-undangan.", "Yang menyatakan,"},
};
const size_t demo_form_count = COUNT(demo_form_table);

const demo_form *demo_form_find(const char *key)
{
    for (size_t i = 0; key && i < demo_form_count; i++)
        if (strcmp(demo_form_table[i].key, key) == 0) return &demo_form_table[i];
    return NULL;
}

/* domain/proses/step_kind.c — the table of step kinds and their checks (see step_kind.h). */
#include "domain/proses/step_kind.h"
#include "domain/tarif/retribusi.h"
#include "domain/izin/izin.h"
#include <string.h>

/* verifikasi berkas: every wajib requirement checked sesuai (SPEC 5.3). */
static lk_err ready_syarat(store_conn *c, const step_ref *s, const char **why)
{
    int64_t open = 0;
    lk_err e = store_query_int(c,
        "SELECT COUNT(*) FROM permohonan_syarat ps JOIN persyaratan q ON q.id = ps.persyaratan_id"
        " WHERE ps.permohonan_id = $1 AND q.wajib = 1 AND (ps.cek IS NULL OR ps.cek <> 'sesuai')",
        STORE_P(SP_I(s->permohonan_id)), &open);
    if (e) return e;
    if (open > 0) {
        *why = "Belum dapat diteruskan: setiap persyaratan wajib harus diperiksa dan dinyatakan Sesuai.";
        return LK_ERR_INVALID;
    }
    return LK_OK;
}

/* tinjau lapangan: a scheduled date and the report. */
static lk_err ready_tinjau(store_conn *c, const step_ref *s, const char **why)
{
    int64_t ok = 0;
    lk_err e = store_query_int(c,
        "SELECT COUNT(*) FROM permohonan_step WHERE id = $1 AND jadwal IS NOT NULL AND laporan_dokumen_id IS NOT NULL",
        STORE_P(SP_I(s->step_id)), &ok);
    if (e) return e;
    if (!ok) {
        *why = "Belum dapat diteruskan: isi jadwal tinjau lapangan dan unggah laporannya.";
        return LK_ERR_INVALID;
    }
    return LK_OK;
}

/* rekomendasi: the recommendation's text. */
static lk_err ready_rekomendasi(store_conn *c, const step_ref *s, const char **why)
{
    int64_t ok = 0;
    lk_err e = store_query_int(c, "SELECT COUNT(*) FROM permohonan_step WHERE id = $1 AND catatan IS NOT NULL",
                               STORE_P(SP_I(s->step_id)), &ok);
    if (e) return e;
    if (!ok) {
        *why = "Belum dapat diteruskan: tulis dan simpan rekomendasinya.";
        return LK_ERR_INVALID;
    }
    return LK_OK;
}

/* The fee steps (domain/tarif/retribusi.c): their predicates answer 1 / 0 with *why / -1. */
static lk_err ready_fee(int got)
{
    return got > 0 ? LK_OK : got == 0 ? LK_ERR_INVALID : LK_ERR_INTERNAL;
}

/* hitung retribusi: the SKRD is confirmed (ditetapkan) or already paid. */
static lk_err ready_retribusi(store_conn *c, const step_ref *s, const char **why)
{
    return ready_fee(retribusi_step_ready(c, s->permohonan_id, why));
}

/* konfirmasi pembayaran: the payment is recorded (lunas). */
static lk_err ready_pembayaran(store_conn *c, const step_ref *s, const char **why)
{
    return ready_fee(pembayaran_step_ready(c, s->permohonan_id, why));
}

/* tanda tangan: the application was granted at penetapan, and the instansi can sign. */
static lk_err ready_tanda_tangan(store_conn *c, const step_ref *s, const char **why)
{
    int64_t granted = 0;
    lk_err e = store_query_int(c,
        "SELECT COUNT(*) FROM permohonan_step WHERE permohonan_id = $1 AND kind = 'penetapan'"
        " AND status = 'selesai' AND outcome = 'disetujui'",
        STORE_P(SP_I(s->permohonan_id)), &granted);
    if (e) return e;
    if (!granted) {
        *why = "Belum dapat diteruskan: permohonan belum disetujui di tahap Penetapan.";
        return LK_ERR_INVALID;
    }
    return izin_ready(c, s->data_dir, s->instansi_id, why);
}

/* tanda tangan done: the permit, signed in the name of the officer who forwards it. */
static lk_err issue_permit(store_conn *c, arena *a, const step_ref *s, const char **why)
{
    izin_issued out;
    return izin_issue(c, a, &(izin_env){s->data_dir, s->base_url, s->tte}, s->permohonan_id, s->officer_id, s->now, &out, why);
}

static const step_kind KINDS[] = {
    {"verifikasi_berkas", "Verifikasi berkas", "syarat", 0, ready_syarat, NULL},
    {"data_teknis", "Data teknis", "data_teknis", 0, NULL, NULL},
    {"tinjau_lapangan", "Tinjau lapangan", "tinjau", 0, ready_tinjau, NULL},
    {"rekomendasi", "Rekomendasi", "rekomendasi", 0, ready_rekomendasi, NULL},
    /* The fee steps: their page is the Bendahara's retribusi page (web/retribusi.c). */
    {"hitung_retribusi", "Hitung retribusi", "retribusi", 0, ready_retribusi, NULL},
    {"konfirmasi_pembayaran", "Konfirmasi pembayaran", "pembayaran", 0, ready_pembayaran, NULL},
    {"penetapan", "Penetapan", NULL, 1, NULL, NULL},
    /* Issuance: tanda tangan signs the permit; penyerahan hands it over. */
    {"tanda_tangan", "Tanda tangan", NULL, 0, ready_tanda_tangan, issue_permit},
    {"penyerahan", "Penyerahan", NULL, 0, NULL, NULL},
};

const step_kind *step_kind_find(const char *key)
{
    for (size_t i = 0; key && i < sizeof KINDS / sizeof *KINDS; i++)
        if (strcmp(KINDS[i].key, key) == 0) return &KINDS[i];
    return NULL;
}

const char *step_kind_label(const char *key)
{
    const step_kind *k = step_kind_find(key);
    return k ? k->label : key;
}

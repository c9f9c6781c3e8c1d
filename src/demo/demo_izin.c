/* demo/demo_izin.c — `loket demo`'s signing keys and permits (SPEC 3, 5.5): a key for
 * each demo office, a demo applicant (pemohon.demo, the demo password) and permits a
 * newcomer can scan at once — in Kota Pangkalpinang one valid, one expired and one
 * revoked, in Kabupaten Muara Enim one valid — issued through izin_finish_and_issue like
 * any other.  The demo Kepala Dinas gets a NIP and jabatan for the signer's block.  Safe
 * to run twice: an existing key, applicant or application is left as it is.  The demo
 * applications use numbers of their own (DEMO/…), not the offices' counters. */
#include "demo/demo.h"
#include "domain/izin/izin.h"
#include "domain/izin/izin_keys.h"
#include "domain/izin/izin_tte.h"
#include "util/crypto.h"
#include "util/datetime.h"
#include <stdio.h>
#include <string.h>

#define DAY_S 86400
#define DEMO_USER "pemohon.demo"

typedef struct {
    const char *instansi, *suffix, *jenis_izin, *nomor, *nip;
    int days_ago;             /* issued this many days before now */
    const char *revoke;       /* a reason: revoked after issuance */
    const char *data_teknis;
} demo_permit;

static const demo_permit PERMITS[] = {
    {"kota-pangkalpinang", "pangkalpinang", "sip-dokter", "DEMO/PKP/0001", "197503122000031002", 0, NULL,
     "{\"jenis_dokter\":\"Dokter\",\"no_str\":\"STR-3171234567890\",\"sip_ke\":\"SIP ke-1\","
     "\"nama_fasyankes\":\"Klinik Pratama Sehat Bersama\",\"alamat_praktik\":\"Jl. Merdeka No. 5, Pangkalpinang\","
     "\"jadwal_praktik\":\"Senin–Jumat 16.00–20.00\"}"},
    {"kota-pangkalpinang", "pangkalpinang", "izin-reklame", "DEMO/PKP/0002", "197503122000031002", 800, NULL, "{}"},
    {"kota-pangkalpinang", "pangkalpinang", "sipb", "DEMO/PKP/0003", "197503122000031002", 120,
     "Contoh izin yang dicabut: STR tidak berlaku lagi.", "{}"},
    {"kabupaten-muara-enim", "muaraenim", "sip-dokter", "DEMO/MNE/0001", "196811041994031005", 10, NULL,
     "{\"jenis_dokter\":\"Dokter Gigi\",\"no_str\":\"STR-1603765432109\",\"sip_ke\":\"SIP ke-1\","
     "\"nama_fasyankes\":\"Praktik Mandiri drg. Rahma\",\"alamat_praktik\":\"Jl. Jenderal Sudirman No. 12, Muara Enim\","
     "\"jadwal_praktik\":\"Senin–Sabtu 08.00–12.00\"}"},
};

static lk_err ensure_key(store *s, const char *data_dir, const char *slug)
{
    char kid[IZIN_KID_CHARS + 1];
    lk_err e = izin_key_create(s, data_dir, slug, 0, time(NULL), kid);
    return e == LK_ERR_CONFLICT ? LK_OK : e;   /* it has one already */
}

/* The demo applicant of Kota Pangkalpinang with a complete profile. */
static lk_err ensure_applicant(store_conn *c, const char *password, int64_t *id)
{
    lk_err e = store_query_int(c, "SELECT id FROM account WHERE username_lower = $1", STORE_P(SP_T(DEMO_USER)), id);
    if (e != LK_ERR_NOTFOUND) return e;
    char hash[PASSWORD_HASH_MAX];
    if (password_hash(password, hash) != 0) return LK_ERR_INTERNAL;
    int64_t instansi_id = 0;
    char kec[16] = "", desa[16] = "";
    e = store_query_int(c, "SELECT id FROM instansi WHERE slug = 'kota-pangkalpinang'", STORE_NOP, &instansi_id);
    store_rows *r = e ? NULL : store_query(c, "SELECT k.code, MIN(d.code) FROM wilayah k JOIN wilayah d ON d.parent_code = k.code"
                                              " WHERE k.parent_code = '19.71' GROUP BY k.code ORDER BY k.code LIMIT 1", STORE_NOP);
    if (r && store_next(r) == 1) {
        snprintf(kec, sizeof kec, "%s", store_text(r, 0));
        snprintf(desa, sizeof desa, "%s", store_text(r, 1));
    }
    store_rows_close(r);
    if (e == LK_OK && !*desa) e = LK_ERR_NOTFOUND;
    if (e == LK_OK) e = store_begin(c);
    if (e) return e;
    e = store_query_int(c,
        "INSERT INTO account (kind, username, username_lower, email, email_lower, nama, instansi_id, status, password_hash)"
        " VALUES ('pemohon', $1, $1, 'pemohon@demo.loket.id', 'pemohon@demo.loket.id', 'dr. Siti Rahmawati', $2,"
        " 'aktif', $3) RETURNING id", STORE_P(SP_T(DEMO_USER), SP_I(instansi_id), SP_T(hash)), id);
    if (e == LK_OK)
        e = store_exec(c,
            "INSERT INTO pemohon_profile (account_id, tipe_identitas, no_identitas, jenis_kelamin, pekerjaan, tempat_lahir,"
            " tanggal_lahir, identity_file, identity_mime, identity_name, telepon, hp, alamat, provinsi_code,"
            " kabupaten_code, kecamatan_code, desa_code, kode_pos) VALUES ($1, 'KTP', '1971015508900001', 'P', 'Dokter',"
            " 'Pangkalpinang', '1990-08-15', 'demo-ktp.pdf', 'application/pdf', 'ktp.pdf', '0717421000', '081200000001',"
            " 'Jl. Demo No. 1', '19', '19.71', $2, $3, '33129')",
            STORE_P(SP_I(*id), SP_T(kec), SP_T(desa)), NULL);
    if (e == LK_OK) return store_commit(c);
    store_rollback(c);
    return e;
}

/* A submitted application of the demo applicant (its own number), or the existing one. */
static lk_err ensure_application(store_conn *c, int64_t account_id, const demo_permit *p, time_t at, int64_t *id)
{
    lk_err e = store_query_int(c, "SELECT id FROM permohonan WHERE nomor = $1", STORE_P(SP_T(p->nomor)), id);
    if (e != LK_ERR_NOTFOUND) return e;
    arena *a = arena_new();
    const char *at_iso = datetime_iso(a, at);
    e = store_query_int(c,
        "INSERT INTO permohonan (account_id, instansi_id, unit_id, jenis_izin_id, jenis_permohonan, tipe_pemohon,"
        " lokasi_nama, lokasi_alamat, data_teknis, status, nomor, submitted_at, created_at, updated_at)"
        " SELECT $1, j.instansi_id, j.unit_id, j.id, 'baru', 'perorangan', 'Klinik Pratama Sehat Bersama',"
        " 'Jl. Merdeka No. 5', $4, 'diajukan', $5, $6, $6, $6 FROM jenis_izin j JOIN instansi i ON i.id = j.instansi_id"
        " WHERE i.slug = $2 AND j.slug = $3 RETURNING id",
        STORE_P(SP_I(account_id), SP_T(p->instansi), SP_T(p->jenis_izin), SP_T(p->data_teknis), SP_T(p->nomor),
                SP_T(at_iso)), id);
    arena_free(a);
    return e;
}

lk_err demo_izin_load(store *s, const char *data_dir, const char *base_url, const char *password, char *err,
                      size_t errlen)
{
    lk_err e = ensure_key(s, data_dir, "kota-pangkalpinang");
    if (e == LK_OK) e = ensure_key(s, data_dir, "kabupaten-muara-enim");
    if (e) {
        snprintf(err, errlen, "cannot create the demo signing keys (%s)", lk_err_name(e));
        return e;
    }
    store_conn *c = store_acquire(s);
    arena *a = arena_new();
    int64_t applicant = 0;
    e = ensure_applicant(c, password, &applicant);
    if (e) snprintf(err, errlen, "cannot create the demo applicant (%s)", lk_err_name(e));
    /* The demo signers' certificates (demo_tte.c), when they have them, sign the PDFs. */
    izin_tte_input tte = {.passphrase = DEMO_TTE_PASSPHRASE};
    izin_env env = {.data_dir = data_dir, .base_url = base_url, .tte = &tte};
    for (size_t i = 0; i < sizeof PERMITS / sizeof *PERMITS && e == LK_OK; i++) {
        const demo_permit *p = &PERMITS[i];
        char signer[64];
        snprintf(signer, sizeof signer, "kadis.%s", p->suffix);
        int64_t signer_id = 0, permohonan_id = 0;
        time_t at = time(NULL) - (time_t)p->days_ago * DAY_S;
        e = store_query_int(c, "SELECT id FROM account WHERE username_lower = $1", STORE_P(SP_T(signer)), &signer_id);
        if (e == LK_OK)
            e = store_exec(c, "UPDATE account SET nip = COALESCE(nip, $2), jabatan = COALESCE(jabatan, 'Kepala Dinas')"
                              " WHERE id = $1", STORE_P(SP_I(signer_id), SP_T(p->nip)), NULL);
        if (e == LK_OK) e = ensure_application(c, applicant, p, at, &permohonan_id);
        izin_issued out;
        const char *msg = NULL;
        if (e == LK_OK) e = izin_finish_and_issue(c, a, &env, permohonan_id, signer_id, at, &out, &msg);
        if (e == LK_OK && p->revoke && !out.already) e = izin_revoke(c, a, 0, signer_id, out.id, p->revoke, at + DAY_S);
        if (e) snprintf(err, errlen, "cannot issue the demo permit %s: %s", p->nomor, msg ? msg : lk_err_name(e));
        else printf("demo permit %-22s %s%s\n", out.nomor, out.verify_url, p->revoke ? " (dicabut)" : p->days_ago > 400 ? " (kedaluwarsa)" : "");
    }
    arena_free(a);
    store_release(c);
    return e;
}

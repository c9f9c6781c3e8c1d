/* domain/tarif/retribusi.c — the SKRD assessment and the payment record (see retribusi.h). */
#include "domain/tarif/retribusi.h"
#include "domain/permohonan/dokumen.h"
#include "domain/proses/audit.h"
#include "domain/surat/outbox.h"
#include "util/buf.h"
#include "util/crypto.h"
#include "util/datetime.h"
#include "util/text.h"
#include <stdio.h>
#include <string.h>

static const char *dup(arena *a, store_rows *r, int col) { return arena_strdup(a, store_text(r, col)); }

lk_err retribusi_permohonan_get(store_conn *c, arena *a, int64_t permohonan_id, int64_t instansi_id,
                                int64_t account_id, retribusi_permohonan *out)
{
    memset(out, 0, sizeof *out);
    if (!instansi_id && !account_id) return LK_ERR_NOTFOUND;
    store_rows *r = store_query(c,
        "SELECT p.id, p.instansi_id, p.account_id, p.jenis_izin_id, COALESCE(p.unit_id, 0), p.nomor, p.status,"
        " j.name, i.office_name, i.wilayah_code, a.nama, a.email, p.data_teknis,"
        " s.kind, s.role_key, s.name"
        " FROM permohonan p JOIN jenis_izin j ON j.id = p.jenis_izin_id JOIN instansi i ON i.id = p.instansi_id"
        " JOIN account a ON a.id = p.account_id"
        " LEFT JOIN permohonan_step s ON s.permohonan_id = p.id AND s.status = 'berjalan'"
        " WHERE p.id = $1 AND p.status <> 'draft' AND ($2 = 0 OR p.instansi_id = $2) AND ($3 = 0 OR p.account_id = $3)"
        " ORDER BY s.position LIMIT 1",
        STORE_P(SP_I(permohonan_id), SP_I(instansi_id), SP_I(account_id)));
    if (!r) return LK_ERR_DB;
    int rc = store_next(r);
    if (rc == 1) {
        out->id = store_int(r, 0);
        out->instansi_id = store_int(r, 1);
        out->account_id = store_int(r, 2);
        out->jenis_izin_id = store_int(r, 3);
        out->unit_id = store_int(r, 4);
        out->nomor = dup(a, r, 5);
        out->status = dup(a, r, 6);
        out->jenis_izin = dup(a, r, 7);
        out->instansi_nama = dup(a, r, 8);
        out->wilayah_code = dup(a, r, 9);
        out->pemohon_nama = dup(a, r, 10);
        out->pemohon_email = dup(a, r, 11);
        out->data_teknis = dup(a, r, 12);
        out->has_step = !store_is_null(r, 13);
        out->step_kind = dup(a, r, 13);
        out->step_role = dup(a, r, 14);
        out->step_name = dup(a, r, 15);
    }
    store_rows_close(r);
    return rc < 0 ? LK_ERR_DB : rc == 0 ? LK_ERR_NOTFOUND : LK_OK;
}

lk_err retribusi_officer_may(store_conn *c, const account *officer, const retribusi_permohonan *p, const char *kind,
                             const char **msg)
{
    *msg = NULL;
    if (!officer || strcmp(officer->kind, "petugas") != 0 || officer->instansi_id != p->instansi_id) {
        *msg = "Permohonan ini bukan milik instansi Anda.";
        return LK_ERR_DENIED;
    }
    if (!p->has_step || strcmp(p->step_kind, kind) != 0) {
        *msg = strcmp(kind, "hitung_retribusi") == 0 ? "Permohonan ini tidak sedang berada pada tahap Hitung Retribusi."
                                                     : "Permohonan ini tidak sedang berada pada tahap Konfirmasi Pembayaran.";
        return LK_ERR_DENIED;
    }
    unsigned need = 0;
    if (roles_parse(p->step_role, &need) != 0 || !(officer->roles & need)) {
        *msg = "Tahap ini dikerjakan oleh peran lain.";
        return LK_ERR_DENIED;
    }
    /* An officer with units listed works only in those (migration 005). */
    int64_t units = 0, here = 0;
    lk_err e = store_query_int(c, "SELECT COUNT(*) FROM account_unit WHERE account_id = $1", STORE_P(SP_I(officer->id)), &units);
    if (!e && units)
        e = store_query_int(c, "SELECT COUNT(*) FROM account_unit WHERE account_id = $1 AND unit_id = $2",
                            STORE_P(SP_I(officer->id), SP_I(p->unit_id)), &here);
    if (e) return e;
    if (units && !here) {
        *msg = "Permohonan ini berada di unit kerja lain.";
        return LK_ERR_DENIED;
    }
    return LK_OK;
}

lk_err retribusi_get(store_conn *c, arena *a, int64_t permohonan_id, retribusi *out)
{
    memset(out, 0, sizeof *out);
    store_rows *r = store_query(c,
        "SELECT r.id, r.permohonan_id, r.tarif_id, r.status, r.masukan, r.total, r.nomor_skrd, r.kode_bayar,"
        " r.jatuh_tempo, r.assessed_at, r.confirmed_at, COALESCE(r.bukti_dokumen_id, 0), r.bukti_at,"
        " b.jumlah, b.referensi, b.tanggal_bayar, b.recorded_at"
        " FROM retribusi r LEFT JOIN pembayaran b ON b.retribusi_id = r.id WHERE r.permohonan_id = $1",
        STORE_P(SP_I(permohonan_id)));
    if (!r) return LK_ERR_DB;
    int rc = store_next(r);
    if (rc == 1) {
        out->id = store_int(r, 0);
        out->permohonan_id = store_int(r, 1);
        out->tarif_id = store_int(r, 2);
        out->status = dup(a, r, 3);
        out->masukan = dup(a, r, 4);
        out->total = store_int(r, 5);
        out->nomor_skrd = dup(a, r, 6);
        out->kode_bayar = dup(a, r, 7);
        out->jatuh_tempo = dup(a, r, 8);
        out->assessed_at = dup(a, r, 9);
        out->confirmed_at = dup(a, r, 10);
        out->bukti_dokumen_id = store_int(r, 11);
        out->bukti_at = dup(a, r, 12);
        out->paid = !store_is_null(r, 13);
        out->paid_amount = store_int(r, 13);
        out->referensi = dup(a, r, 14);
        out->tanggal_bayar = dup(a, r, 15);
        out->recorded_at = dup(a, r, 16);
    }
    store_rows_close(r);
    if (rc < 0) return LK_ERR_DB;
    if (rc == 0) return LK_ERR_NOTFOUND;
    r = store_query(c, "SELECT uraian, rincian, jumlah FROM retribusi_baris WHERE retribusi_id = $1 ORDER BY position",
                    STORE_P(SP_I(out->id)));
    if (!r) return LK_ERR_DB;
    size_t cap = 0;
    while ((rc = store_next(r)) == 1) {
        out->baris = arena_grow(a, out->baris, &cap, out->nbaris, sizeof *out->baris);
        tarif_baris *b = &out->baris[out->nbaris++];
        b->uraian = dup(a, r, 0);
        b->rincian = dup(a, r, 1);
        b->has_jumlah = *store_text(r, 2) != '\0';
        if (!b->has_jumlah || dec_parse(store_text(r, 2), &b->jumlah)) b->jumlah = dec_zero();
    }
    store_rows_close(r);
    return rc < 0 ? LK_ERR_DB : LK_OK;
}

/* Runs `e`'s transaction end: commit when all went well, else roll back. */
static lk_err finish(store_conn *c, lk_err e)
{
    if (e) {
        store_rollback(c);
        return e;
    }
    return store_commit(c);
}

/* A line of the application's history, by the officer in the step's role. */
static lk_err event(store_conn *c, const retribusi_permohonan *p, const account *who, const char *note, const char *at)
{
    return store_exec(c, "INSERT INTO permohonan_event (permohonan_id, at, account_id, role_key, kind, note)"
                         " VALUES ($1, $2, $3, $4, 'catatan', $5)",
                      STORE_P(SP_I(p->id), SP_T(at), SP_I(who->id), SP_T(p->step_role), SP_T(note)), NULL);
}

lk_err retribusi_assess(store_conn *c, arena *a, const account *officer, int64_t permohonan_id,
                        const tarif_masukan *m, time_t now, tarif_hasil *h, const char **msg)
{
    memset(h, 0, sizeof *h);
    *msg = NULL;
    retribusi_permohonan p;
    lk_err e = store_begin(c);
    if (e) return e;
    e = retribusi_permohonan_get(c, a, permohonan_id, officer->instansi_id, 0, &p);
    if (!e) e = retribusi_officer_may(c, officer, &p, "hitung_retribusi", msg);
    retribusi old;
    lk_err old_e = e ? e : retribusi_get(c, a, permohonan_id, &old);
    if (!e && old_e == LK_OK && strcmp(old.status, "draf") != 0) {
        *msg = "SKRD permohonan ini sudah ditetapkan.";
        e = LK_ERR_CONFLICT;
    }
    if (!e && old_e != LK_OK && old_e != LK_ERR_NOTFOUND) e = old_e;
    tarif t;
    if (!e) {
        e = tarif_in_force(c, a, p.jenis_izin_id, tarif_date_of(a, now), &t);
        if (e == LK_ERR_NOTFOUND) {
            *msg = "Tarif jenis izin ini belum ditetapkan; minta Admin Instansi mengisinya di Tarif Retribusi.";
            e = LK_ERR_INVALID;
        }
    }
    if (!e && tarif_hitung(a, &t, m, h) != 0) e = LK_ERR_INVALID;
    int64_t total = 0;
    if (!e && dec_to_int64(h->total, &total)) e = LK_ERR_INVALID;
    const char *at = datetime_iso(a, now);
    if (!e)
        e = store_exec(c, "INSERT INTO retribusi (permohonan_id, instansi_id, tarif_id, status, masukan, total, assessed_by, assessed_at)"
                          " VALUES ($1, $2, $3, 'draf', $4, $5, $6, $7)"
                          " ON CONFLICT (permohonan_id) DO UPDATE SET tarif_id = excluded.tarif_id, masukan = excluded.masukan,"
                          " total = excluded.total, assessed_by = excluded.assessed_by, assessed_at = excluded.assessed_at",
                       STORE_P(SP_I(permohonan_id), SP_I(p.instansi_id), SP_I(t.id), SP_T(tarif_masukan_json(a, &t, m)),
                               SP_I(total), SP_I(officer->id), SP_T(at)),
                       NULL);
    int64_t rid = 0;
    if (!e) e = store_query_int(c, "SELECT id FROM retribusi WHERE permohonan_id = $1", STORE_P(SP_I(permohonan_id)), &rid);
    if (!e) e = store_exec(c, "DELETE FROM retribusi_baris WHERE retribusi_id = $1", STORE_P(SP_I(rid)), NULL);
    for (size_t i = 0; !e && i < h->nbaris; i++)
        e = store_exec(c, "INSERT INTO retribusi_baris (retribusi_id, position, uraian, rincian, jumlah) VALUES ($1, $2, $3, $4, $5)",
                       STORE_P(SP_I(rid), SP_I(i + 1), SP_T(h->baris[i].uraian), SP_T(h->baris[i].rincian),
                               SP_T(h->baris[i].has_jumlah ? dec_str(a, h->baris[i].jumlah) : "")),
                       NULL);
    if (!e) {
        audit_entry en = {officer->id, p.instansi_id, "retribusi.hitung", "permohonan", permohonan_id,
                          arena_printf(a, "Rp %s (tarif versi %d)", dec_rupiah(a, h->total), t.version)};
        e = audit_record(c, &en, now, NULL);
    }
    return finish(c, e);
}

/* A payment code: wilayah digits, two digits of the year, random digits, a Luhn check digit. */
static void payment_code(const char *wilayah, time_t now, char out[17])
{
    size_t n = 0;
    for (const char *s = wilayah; *s && n < 4; s++)
        if (*s >= '0' && *s <= '9') out[n++] = *s;
    while (n < 4) out[n++] = '0';
    struct tm tm;
    time_t wib = now + 7 * 3600;
    gmtime_r(&wib, &tm);
    out[n++] = (char)('0' + (tm.tm_year / 10) % 10);
    out[n++] = (char)('0' + tm.tm_year % 10);
    char token[TOKEN_CHARS + 1];
    token_new(token);
    for (size_t i = 0; n < 15; i++) out[n++] = (char)('0' + (unsigned char)token[i] % 10);
    int sum = 0;
    for (int i = 14, dbl = 1; i >= 0; i--, dbl = !dbl) {
        int d = out[i] - '0';
        if (dbl) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
        sum += d;
    }
    out[15] = (char)('0' + (10 - sum % 10) % 10);
    out[16] = '\0';
}

static const char *lines_text(arena *a, const retribusi *x)
{
    buf b = BUF_INIT;
    for (size_t i = 0; i < x->nbaris; i++)
        buf_printf(&b, "- %s: %s%s%s\n", x->baris[i].uraian, x->baris[i].rincian, x->baris[i].has_jumlah ? " = Rp " : "",
                   x->baris[i].has_jumlah ? dec_id(a, x->baris[i].jumlah) : "");
    const char *s = arena_strdup(a, buf_str(&b));
    buf_free(&b);
    return s;
}

lk_err retribusi_confirm(store_conn *c, arena *a, const account *officer, int64_t permohonan_id, const char *link,
                         time_t now, const char **msg)
{
    *msg = NULL;
    retribusi_permohonan p;
    retribusi x;
    lk_err e = store_begin(c);
    if (e) return e;
    e = retribusi_permohonan_get(c, a, permohonan_id, officer->instansi_id, 0, &p);
    if (!e) e = retribusi_officer_may(c, officer, &p, "hitung_retribusi", msg);
    if (!e) {
        e = retribusi_get(c, a, permohonan_id, &x);
        if (e == LK_ERR_NOTFOUND) *msg = "Hitung retribusi terlebih dahulu.";
    }
    if (!e && strcmp(x.status, "draf") != 0) {
        *msg = "SKRD permohonan ini sudah ditetapkan.";
        e = LK_ERR_CONFLICT;
    }
    char code[17];
    for (int tries = 0; !e; tries++) {
        payment_code(p.wilayah_code, now, code);
        int64_t taken = 0;
        e = store_query_int(c, "SELECT COUNT(*) FROM retribusi WHERE kode_bayar = $1", STORE_P(SP_T(code)), &taken);
        if (e || !taken) break;
        if (tries > 8) e = LK_ERR_INTERNAL;
    }
    const char *due = tarif_date_of(a, now + (time_t)RETRIBUSI_JATUH_TEMPO_DAYS * 86400);
    const char *at = datetime_iso(a, now);
    const char *nomor_skrd = arena_printf(a, "SKRD/%s", p.nomor);
    int64_t changed = 0;
    if (!e)
        e = store_exec(c, "UPDATE retribusi SET status = 'ditetapkan', nomor_skrd = $2, kode_bayar = $3, jatuh_tempo = $4,"
                          " confirmed_by = $5, confirmed_at = $6 WHERE permohonan_id = $1 AND status = 'draf'",
                       STORE_P(SP_I(permohonan_id), SP_T(nomor_skrd), SP_T(code), SP_T(due), SP_I(officer->id), SP_T(at)),
                       &changed);
    if (!e && changed != 1) e = LK_ERR_CONFLICT;
    const char *total = x.total >= 0 ? dec_rupiah(a, dec_from_int(x.total)) : "0";
    if (!e) e = event(c, &p, officer,
                      arena_printf(a, "SKRD %s ditetapkan: Rp %s, kode bayar %s, jatuh tempo %s", nomor_skrd, total, code,
                                   date_long(a, due)),
                      at);
    if (!e) {
        audit_entry en = {officer->id, p.instansi_id, "retribusi.tetapkan", "permohonan", permohonan_id,
                          arena_printf(a, "%s Rp %s", nomor_skrd, total)};
        e = audit_record(c, &en, now, NULL);
    }
    const char *lang = "id";
    if (!e) e = account_lang(c, p.account_id, &lang);
    if (!e) {
        const char *vars[] = {"nama", p.pemohon_nama, "nomor", p.nomor, "jenis_izin", p.jenis_izin,
                              "nomor_skrd", nomor_skrd, "total", total, "kode_bayar", code,
                              "jatuh_tempo", date_long_in(a, due, strcmp(lang, "en") == 0), "rincian", lines_text(a, &x),
                              "link", link, "instansi", p.instansi_nama, NULL};
        const char *subject, *body;
        e = mail_compose(lang, "skrd", vars, a, &subject, &body);
        if (!e) e = outbox_queue(c, p.instansi_id, "skrd", p.pemohon_email, subject, body);
    }
    return finish(c, e);
}

static int reference_ok(const char *s)
{
    if (!s || !utf8_valid(s, strlen(s))) return 0;
    size_t n = utf8_length(s);
    if (n < 3 || n > 100) return 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p == 0x7f) return 0;
    return 1;
}

lk_err pembayaran_record(store_conn *c, arena *a, const account *officer, int64_t permohonan_id, const char *jumlah,
                         const char *referensi, const char *tanggal, const char *link, time_t now, const char **msg)
{
    *msg = NULL;
    int64_t amount = 0;
    time_t paid_day;
    if (!jumlah || parse_int64(jumlah, 1, INT64_MAX, &amount)) {
        *msg = "Isi jumlah pembayaran dalam rupiah, tanpa titik atau koma.";
        return LK_ERR_INVALID;
    }
    if (!reference_ok(referensi)) {
        *msg = "Isi nomor referensi pembayaran (3–100 karakter).";
        return LK_ERR_INVALID;
    }
    if (!tanggal || strlen(tanggal) != 10 || datetime_parse(tanggal, &paid_day) || strcmp(tanggal, tarif_date_of(a, now)) > 0) {
        *msg = "Isi tanggal bayar dengan format TTTT-BB-HH, paling lambat hari ini.";
        return LK_ERR_INVALID;
    }
    retribusi_permohonan p;
    retribusi x;
    lk_err e = store_begin(c);
    if (e) return e;
    e = retribusi_permohonan_get(c, a, permohonan_id, officer->instansi_id, 0, &p);
    if (!e) e = retribusi_officer_may(c, officer, &p, "konfirmasi_pembayaran", msg);
    if (!e) {
        e = retribusi_get(c, a, permohonan_id, &x);
        if (e == LK_ERR_NOTFOUND || (!e && strcmp(x.status, "draf") == 0)) {
            *msg = "SKRD permohonan ini belum ditetapkan.";
            e = LK_ERR_CONFLICT;
        }
    }
    if (!e && strcmp(x.status, "lunas") == 0) {
        *msg = "Pembayaran permohonan ini sudah dicatat.";
        e = LK_ERR_CONFLICT;
    }
    if (!e && amount != x.total) {
        *msg = "Jumlah pembayaran harus sama dengan total SKRD.";
        e = LK_ERR_INVALID;
    }
    if (!e) {
        time_t confirmed;
        if (x.confirmed_at && datetime_parse(x.confirmed_at, &confirmed) == 0 &&
            strcmp(tanggal, tarif_date_of(a, confirmed)) < 0) {
            *msg = "Tanggal bayar tidak boleh sebelum SKRD ditetapkan.";
            e = LK_ERR_INVALID;
        }
    }
    int64_t used = 0;
    if (!e) e = store_query_int(c, "SELECT COUNT(*) FROM pembayaran WHERE instansi_id = $1 AND referensi = $2",
                                STORE_P(SP_I(p.instansi_id), SP_T(referensi)), &used);
    if (!e && used) {
        *msg = "Nomor referensi ini sudah dipakai untuk pembayaran lain.";
        e = LK_ERR_CONFLICT;
    }
    const char *at = datetime_iso(a, now);
    if (!e)
        e = store_exec(c, "INSERT INTO pembayaran (retribusi_id, instansi_id, jumlah, referensi, tanggal_bayar, recorded_by, recorded_at)"
                          " VALUES ($1, $2, $3, $4, $5, $6, $7)",
                       STORE_P(SP_I(x.id), SP_I(p.instansi_id), SP_I(amount), SP_T(referensi), SP_T(tanggal), SP_I(officer->id),
                               SP_T(at)),
                       NULL);
    if (!e) e = store_exec(c, "UPDATE retribusi SET status = 'lunas' WHERE id = $1", STORE_P(SP_I(x.id)), NULL);
    const char *total = dec_rupiah(a, dec_from_int(x.total));
    if (!e) e = event(c, &p, officer,
                      arena_printf(a, "Pembayaran %s diterima: Rp %s, referensi %s, tanggal %s", x.nomor_skrd, total, referensi,
                                   date_long(a, tanggal)),
                      at);
    if (!e) {
        audit_entry en = {officer->id, p.instansi_id, "pembayaran.catat", "permohonan", permohonan_id,
                          arena_printf(a, "%s Rp %s ref %s", x.nomor_skrd, total, referensi)};
        e = audit_record(c, &en, now, NULL);
    }
    const char *lang = "id";
    if (!e) e = account_lang(c, p.account_id, &lang);
    if (!e) {
        const char *vars[] = {"nama", p.pemohon_nama, "nomor", p.nomor, "nomor_skrd", x.nomor_skrd, "total", total,
                              "referensi", referensi, "link", link, "instansi", p.instansi_nama, NULL};
        const char *subject, *body;
        e = mail_compose(lang, "pembayaran_lunas", vars, a, &subject, &body);
        if (!e) e = outbox_queue(c, p.instansi_id, "pembayaran_lunas", p.pemohon_email, subject, body);
    }
    return finish(c, e);
}

lk_err retribusi_bukti(store_conn *c, arena *a, const char *data_dir, int64_t account_id, int64_t permohonan_id,
                       const char *tmp_path, const char *file_name, const char **msg)
{
    *msg = NULL;
    retribusi x;
    lk_err e = retribusi_get(c, a, permohonan_id, &x);
    retribusi_permohonan p;
    if (!e) e = retribusi_permohonan_get(c, a, permohonan_id, 0, account_id, &p);
    if (e) return e;
    if (strcmp(x.status, "ditetapkan") != 0) {
        *msg = strcmp(x.status, "lunas") == 0 ? "Pembayaran sudah dicatat; bukti bayar tidak diperlukan lagi."
                                              : "SKRD belum ditetapkan.";
        return LK_ERR_CONFLICT;
    }
    int64_t dok = 0;
    e = dokumen_store_upload(c, a, data_dir, account_id, "Bukti Pembayaran Retribusi", x.nomor_skrd, "", "", tmp_path,
                             file_name, DOKUMEN_TYPES, &dok, msg);
    if (e) return e;
    int64_t changed = 0;
    e = store_exec(c, "UPDATE retribusi SET bukti_dokumen_id = $2, bukti_at = $3 WHERE id = $1 AND status = 'ditetapkan'",
                   STORE_P(SP_I(x.id), SP_I(dok), SP_T(datetime_iso(a, time(NULL)))), &changed);
    if (!e && changed != 1) {
        *msg = "Pembayaran sudah dicatat; bukti bayar tidak diperlukan lagi.";
        e = LK_ERR_CONFLICT;
    }
    return e;
}

static int ready(store_conn *c, int64_t permohonan_id, const char *sql, const char *not_yet, const char **msg)
{
    int64_t n = 0;
    if (store_query_int(c, sql, STORE_P(SP_I(permohonan_id)), &n)) {
        *msg = "Status retribusi tidak dapat dibaca.";
        return -1;
    }
    *msg = n ? NULL : not_yet;
    return n ? 1 : 0;
}

int retribusi_step_ready(store_conn *c, int64_t permohonan_id, const char **msg)
{
    return ready(c, permohonan_id,
                 "SELECT COUNT(*) FROM retribusi WHERE permohonan_id = $1 AND status IN ('ditetapkan', 'lunas')",
                 "SKRD belum ditetapkan: hitung retribusi lalu tetapkan SKRD.", msg);
}

int pembayaran_step_ready(store_conn *c, int64_t permohonan_id, const char **msg)
{
    return ready(c, permohonan_id, "SELECT COUNT(*) FROM retribusi WHERE permohonan_id = $1 AND status = 'lunas'",
                 "Pembayaran retribusi belum dicatat.", msg);
}

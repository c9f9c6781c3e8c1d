/* domain/izin/survei.c — the satisfaction survey, the IKM and the instansi's permit
 * settings (see survei.h). */
#include "domain/izin/survei.h"
#include "domain/izin/izin.h"
#include "domain/proses/audit.h"
#include "util/datetime.h"
#include "util/text.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const survei_unsur SURVEI_UNSUR_LIST[SURVEI_UNSUR] = {
    {"Persyaratan", "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
     {"Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"}},
    {"Sistem, Mekanisme, dan Prosedur", "Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
     {"Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"}},
    {"Waktu Penyelesaian", "Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?",
     {"Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"}},
    {"Biaya/Tarif", "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
     {"Sangat mahal", "Cukup mahal", "Murah", "Gratis"}},
    {"Produk Spesifikasi Jenis Pelayanan",
     "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar pelayanan dengan hasil yang diberikan?",
     {"Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"}},
    {"Kompetensi Pelaksana", "Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?",
     {"Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten"}},
    {"Perilaku Pelaksana", "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?",
     {"Tidak sopan dan ramah", "Kurang sopan dan ramah", "Sopan dan ramah", "Sangat sopan dan ramah"}},
    {"Penanganan Pengaduan, Saran dan Masukan", "Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?",
     {"Tidak ada", "Ada tetapi tidak berfungsi", "Berfungsi kurang maksimal", "Dikelola dengan baik"}},
    {"Sarana dan Prasarana", "Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
     {"Buruk", "Cukup", "Baik", "Sangat baik"}},
};

lk_err survei_answered(store_conn *c, int64_t izin_id, int *answered)
{
    int64_t n = 0;
    lk_err e = store_query_int(c, "SELECT COUNT(*) FROM survei WHERE izin_id = $1", STORE_P(SP_I(izin_id)), &n);
    *answered = n > 0;
    return e;
}

lk_err survei_submit(store_conn *c, arena *a, int64_t account_id, int64_t izin_id, const int scores[SURVEI_UNSUR],
                     const char *komentar, time_t now, const char **msg)
{
    *msg = NULL;
    for (int i = 0; i < SURVEI_UNSUR; i++)
        if (scores[i] < 1 || scores[i] > 4) {
            *msg = "Setiap unsur harus diberi nilai 1 sampai 4.";
            return LK_ERR_INVALID;
        }
    if (komentar && (!utf8_valid(komentar, strlen(komentar)) || utf8_length(komentar) > SURVEI_KOMENTAR_MAX)) {
        *msg = "Saran dan masukan paling banyak 1000 karakter.";
        return LK_ERR_INVALID;
    }
    lk_err e = store_begin(c);
    if (e) return e;
    izin_rec z;
    e = izin_get(c, a, account_id, izin_id, &z);
    int64_t inserted = 0;
    const char *bulan = NULL;
    if (e == LK_OK) {
        bulan = arena_strndup(a, izin_today(a, now), 7);
        e = store_exec(c,
            "INSERT INTO survei (izin_id, instansi_id, jenis_izin_id, u1, u2, u3, u4, u5, u6, u7, u8, u9, komentar,"
            " bulan, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)"
            " ON CONFLICT (izin_id) DO NOTHING",
            STORE_P(SP_I(izin_id), SP_I(z.instansi_id), SP_I(z.jenis_izin_id), SP_I(scores[0]), SP_I(scores[1]),
                    SP_I(scores[2]), SP_I(scores[3]), SP_I(scores[4]), SP_I(scores[5]), SP_I(scores[6]),
                    SP_I(scores[7]), SP_I(scores[8]), SP_T(komentar && !is_blank(komentar) ? komentar : NULL),
                    SP_T(bulan), SP_T(datetime_iso(a, now))),
            &inserted);
    }
    if (e == LK_OK && inserted != 1) {
        *msg = "Survei untuk izin ini sudah diisi. Terima kasih.";
        e = LK_ERR_CONFLICT;
    }
    if (e == LK_OK) return store_commit(c);
    store_rollback(c);
    return e;
}

void ikm_of(const int64_t sums[SURVEI_UNSUR], int64_t responden, ikm_result *out)
{
    memset(out, 0, sizeof *out);
    double total = 0;
    for (int i = 0; i < SURVEI_UNSUR; i++) {
        out->nrr[i] = responden > 0 ? (double)sums[i] / (double)responden : 0;
        total += out->nrr[i];
    }
    out->ikm = total / SURVEI_UNSUR * 25.0;
    /* Compared at two decimals, as the regulation's table is written. */
    double v = (double)(long long)(out->ikm * 100 + 0.5) / 100;
    if (v >= 88.31) out->mutu = 'A', out->kinerja = "Sangat Baik";
    else if (v >= 76.61) out->mutu = 'B', out->kinerja = "Baik";
    else if (v >= 65.00) out->mutu = 'C', out->kinerja = "Kurang Baik";
    else out->mutu = 'D', out->kinerja = "Tidak Baik";
}

lk_err ikm_report(store_conn *c, arena *a, int64_t instansi_id, const char *from, const char *to, ikm_row **out,
                  size_t *n)
{
    *out = NULL;
    *n = 0;
    size_t cap = 0;
    store_rows *r = store_query(c,
        "SELECT s.bulan, s.jenis_izin_id, j.name, COUNT(*), SUM(s.u1), SUM(s.u2), SUM(s.u3), SUM(s.u4), SUM(s.u5),"
        " SUM(s.u6), SUM(s.u7), SUM(s.u8), SUM(s.u9) FROM survei s JOIN jenis_izin j ON j.id = s.jenis_izin_id"
        " WHERE s.instansi_id = $1 AND (CAST($2 AS TEXT) IS NULL OR s.bulan >= $2)"
        " AND (CAST($3 AS TEXT) IS NULL OR s.bulan <= $3)"
        " GROUP BY s.bulan, s.jenis_izin_id, j.name ORDER BY s.bulan DESC, j.name",
        STORE_P(SP_I(instansi_id), SP_T(from), SP_T(to)));
    if (!r) return LK_ERR_DB;
    int rc;
    while ((rc = store_next(r)) == 1) {
        *out = arena_grow(a, *out, &cap, *n, sizeof **out);
        ikm_row *row = &(*out)[(*n)++];
        row->bulan = arena_strdup(a, store_text(r, 0));
        row->jenis_izin_id = store_int(r, 1);
        row->jenis_izin = arena_strdup(a, store_text(r, 2));
        row->responden = store_int(r, 3);
        int64_t sums[SURVEI_UNSUR];
        for (int i = 0; i < SURVEI_UNSUR; i++) sums[i] = store_int(r, 4 + i);
        ikm_of(sums, row->responden, &row->r);
    }
    store_rows_close(r);
    return rc < 0 ? LK_ERR_DB : LK_OK;
}

static int cmp_desc(const void *x, const void *y)
{
    return *(const int *)y - *(const int *)x;
}

int izin_reminder_days_parse(const char *text, izin_setting *out, const char **msg)
{
    out->n_reminders = 0;
    const char *p = text ? text : "";
    while (*p) {
        while (*p == ' ' || *p == ',') p++;
        if (!*p) break;
        char *end = NULL;
        long d = strtol(p, &end, 10);
        if (end == p || d < 1 || d > 365 || (*end && *end != ',' && *end != ' ')) {
            *msg = "Hari pengingat berupa angka 1 sampai 365, dipisahkan koma (contoh: 30, 7).";
            return -1;
        }
        for (int i = 0; i < out->n_reminders; i++)
            if (out->reminder_days[i] == d) {
                *msg = "Hari pengingat tidak boleh sama.";
                return -1;
            }
        if (out->n_reminders == IZIN_REMINDER_MAX) {
            *msg = "Paling banyak 5 hari pengingat.";
            return -1;
        }
        out->reminder_days[out->n_reminders++] = (int)d;
        p = end;
    }
    qsort(out->reminder_days, (size_t)out->n_reminders, sizeof(int), cmp_desc);
    return 0;
}

lk_err izin_setting_get(store_conn *c, int64_t instansi_id, izin_setting *out)
{
    memset(out, 0, sizeof *out);
    out->reminder_days[0] = 30;
    out->reminder_days[1] = 7;
    out->n_reminders = 2;
    store_rows *r = store_query(c, "SELECT reminder_days, survei_required FROM izin_setting WHERE instansi_id = $1",
                                STORE_P(SP_I(instansi_id)));
    if (!r) return LK_ERR_DB;
    int rc = store_next(r);
    if (rc == 1) {
        const char *msg;
        izin_setting parsed;
        if (izin_reminder_days_parse(store_text(r, 0), &parsed, &msg) == 0) {
            memcpy(out->reminder_days, parsed.reminder_days, sizeof out->reminder_days);
            out->n_reminders = parsed.n_reminders;
        }
        out->survei_required = (int)store_int(r, 1);
    }
    store_rows_close(r);
    return rc < 0 ? LK_ERR_DB : LK_OK;
}

lk_err izin_setting_save(store_conn *c, arena *a, int64_t instansi_id, int64_t account_id, const izin_setting *s,
                         time_t now)
{
    buf days = BUF_INIT;
    for (int i = 0; i < s->n_reminders; i++) buf_printf(&days, "%s%d", i ? "," : "", s->reminder_days[i]);
    const char *text = arena_strdup(a, buf_str(&days));
    buf_free(&days);
    lk_err e = store_begin(c);
    if (e) return e;
    e = store_exec(c, "INSERT INTO izin_setting (instansi_id, reminder_days, survei_required) VALUES ($1, $2, $3)"
                      " ON CONFLICT (instansi_id) DO UPDATE SET reminder_days = excluded.reminder_days,"
                      " survei_required = excluded.survei_required",
                   STORE_P(SP_I(instansi_id), SP_T(text), SP_I(s->survei_required ? 1 : 0)), NULL);
    if (e == LK_OK)
        e = audit_record(c, &(audit_entry){account_id, instansi_id, "izin.pengaturan", "instansi", instansi_id,
                                           arena_printf(a, "pengingat %s hari; survei %s", *text ? text : "-",
                                                        s->survei_required ? "wajib" : "opsional")}, now, NULL);
    if (e == LK_OK) return store_commit(c);
    store_rollback(c);
    return e;
}

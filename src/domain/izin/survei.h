/* domain/izin/survei.h — *Survei Kepuasan Masyarakat* (SPEC 4.15, 5.7; PermenPANRB 14/2017)
 * and what an instansi chose about its permits (izin_setting).
 *
 * After issuance the holder may answer, once per permit, the nine unsur with a score of
 * 1–4 and an optional comment; the instansi may require the answer before the permit's
 * download.  The index (IKM) of a group of answers is the mean of the nine unsur means
 * (NRR) × 25; its mutu pelayanan follows the interval table of the regulation:
 *   25,00–64,99 D (Tidak Baik) · 65,00–76,60 C (Kurang Baik) · 76,61–88,30 B (Baik) ·
 *   88,31–100,00 A (Sangat Baik).
 * Memory: strings are allocated in the caller's arena; messages are static Indonesian
 * sentences. */
#ifndef LOKET_SURVEI_H
#define LOKET_SURVEI_H
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include "store/store.h"
#include "util/arena.h"
#include "util/err.h"

#define SURVEI_UNSUR 9
#define SURVEI_KOMENTAR_MAX 1000   /* characters */
#define IZIN_REMINDER_MAX 5        /* thresholds an instansi may set */

typedef struct {
    const char *name;              /* "Persyaratan" */
    const char *question;
    const char *answers[4];        /* the words of scores 1..4 */
} survei_unsur;
extern const survei_unsur SURVEI_UNSUR_LIST[SURVEI_UNSUR];

/* The holder's answer for permit `izin_id`, in one transaction.
 *   LK_ERR_NOTFOUND: not the applicant's permit.
 *   LK_ERR_INVALID: a score outside 1–4 or a comment too long (*msg); nothing stored.
 *   LK_ERR_CONFLICT: answered already (*msg); nothing changed. */
lk_err survei_submit(store_conn *c, arena *a, int64_t account_id, int64_t izin_id, const int scores[SURVEI_UNSUR],
                     const char *komentar, time_t now, const char **msg);
/* 1 if permit izin_id has its answer. */
lk_err survei_answered(store_conn *c, int64_t izin_id, int *answered);

typedef struct {
    double nrr[SURVEI_UNSUR];      /* mean score per unsur */
    double ikm;                    /* mean NRR × 25, 25..100 */
    char mutu;                     /* 'A'..'D' */
    const char *kinerja;           /* "Sangat Baik", "Baik", "Kurang Baik", "Tidak Baik" */
} ikm_result;
/* The index of `responden` answers whose scores sum to sums[] per unsur (responden > 0). */
void ikm_of(const int64_t sums[SURVEI_UNSUR], int64_t responden, ikm_result *out);

typedef struct {
    const char *bulan;             /* "2026-12" (WIB) */
    int64_t jenis_izin_id;
    const char *jenis_izin;
    int64_t responden;
    ikm_result r;
} ikm_row;
/* Per month and jenis izin of an instansi, newest month first; months "YYYY-MM" from..to
 * inclusive (NULL = open). */
lk_err ikm_report(store_conn *c, arena *a, int64_t instansi_id, const char *from, const char *to, ikm_row **out,
                  size_t *n);

typedef struct {
    int reminder_days[IZIN_REMINDER_MAX];   /* descending, e.g. 30, 7 */
    int n_reminders;
    int survei_required;
} izin_setting;
/* An instansi's choices (defaults 30 and 7 days, survey optional without a row). */
lk_err izin_setting_get(store_conn *c, int64_t instansi_id, izin_setting *out);
/* Parses "30, 7" (1–365 each, at most IZIN_REMINDER_MAX, "" for none); 0 or -1 with *msg. */
int izin_reminder_days_parse(const char *text, izin_setting *out, const char **msg);
/* Saves them with an audit record (action "izin.pengaturan") in one transaction. */
lk_err izin_setting_save(store_conn *c, arena *a, int64_t instansi_id, int64_t account_id, const izin_setting *s,
                         time_t now);

#endif

/* domain/surat/mailer.c — the outbox sender thread (see mailer.h): claims due mails, turns each
 * into an RFC 5322 message, hands it to the SMTP server through libcurl or writes it as
 * an .eml file, and records the outcome with a retry schedule.
 *
 * The thread holds a pooled database connection only for the short claim and record
 * statements, never during SMTP (up to 30 s), so request handlers are not starved. */
#include "domain/surat/mailer.h"
#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sodium.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "domain/surat/outbox.h"
#include "util/alloc.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/datetime.h"
#include "util/log.h"

enum {
    CLAIM_BATCH = 8,              /* mails taken per claim */
    SMTP_CONNECT_TIMEOUT_S = 5,
    SMTP_TOTAL_TIMEOUT_S = 30,
    POLL_MS = 1000,
    BACKOFF_CAP_S = 3600,
    DEFAULT_BACKOFF_MS = 30000,
    LAST_ERROR_MAX = 300,         /* bytes kept of an error for the admin */
    SMTP_LINE_MAX = 998,          /* RFC 5322 2.1.1, without the CRLF */
    QP_LINE_MAX = 76,             /* RFC 2045 6.7, including a soft break's '=' */
    SUBJECT_WORD_BYTES = 42,      /* bytes per encoded-word: each header line stays < 78 */
};
/* A claim must outlast sending one mail.  A batch is claimed for that long, and before
 * each further mail of the batch this sender renews its claim on that mail — only if it
 * still holds it (see renew_claim).  So when a process dies, the mails it had claimed
 * are taken over within this time, not after a whole batch's worth. */
#define CLAIM_LEASE_S (SMTP_TOTAL_TIMEOUT_S + 5)

struct mailer {
    store *db;
    char *smtp_url;              /* NULL: write .eml files to mail_dir */
    char *mail_dir;
    char *from_addr;
    const char *from_domain;     /* inside from_addr: the right side of Message-IDs */
    bool db_failing;             /* the thread's own: log a database outage once */
    pthread_t thread;
    pthread_mutex_t lock;        /* guards the fields below */
    pthread_cond_t wake;
    bool woken, stopping;
    int64_t backoff_base_ms;
    _Atomic uint64_t sent_count, failed_count;   /* attempts since start, for /metrics */
};

/* A mail this sender has claimed; strings live in the batch's arena. */
typedef struct {
    int64_t id, attempts;
    int64_t lease;               /* the claimed_until this sender wrote */
    const char *kind, *to, *subject, *body, *created_at;
} claimed_mail;

/* ---- the message ---------------------------------------------------------------- */

/* RFC 5322 date in UTC, with English names whatever the locale. */
static void format_date(time_t t, char *out, size_t outlen)
{
    static const char days[7][4] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char months[12][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    struct tm tm;
    gmtime_r(&t, &tm);
    snprintf(out, outlen, "%s, %02d %s %04d %02d:%02d:%02d +0000", days[tm.tm_wday],
             tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
             tm.tm_sec);
}

/* The Subject header.  Not plain ASCII (or containing "=?", which a reader would try to
 * decode) → RFC 2047 B encoded-words, split between characters, one per folded line. */
static void put_subject(buf *out, const char *subject)
{
    bool plain = !strstr(subject, "=?");
    for (const unsigned char *p = (const unsigned char *)subject; *p && plain; p++)
        plain = *p < 0x80;
    buf_puts(out, "Subject: ");
    if (plain) {
        buf_puts(out, subject);   /* at most OUTBOX_SUBJECT_MAX: far below the line limit */
        buf_puts(out, "\r\n");
        return;
    }
    const char *p = subject;
    size_t left = strlen(subject);
    while (left) {
        size_t n = left < SUBJECT_WORD_BYTES ? left : SUBJECT_WORD_BYTES;
        while (n < left && ((unsigned char)p[n] & 0xC0) == 0x80) n--;   /* a continuation byte */
        char b64[sodium_base64_ENCODED_LEN(SUBJECT_WORD_BYTES, sodium_base64_VARIANT_ORIGINAL)];
        sodium_bin2base64(b64, sizeof b64, (const unsigned char *)p, n,
                          sodium_base64_VARIANT_ORIGINAL);
        buf_printf(out, "%s=?UTF-8?B?%s?=", p == subject ? "" : "\r\n ", b64);
        p += n;
        left -= n;
    }
    buf_puts(out, "\r\n");
}

typedef void put_line_fn(buf *out, const char *line, size_t len);

/* Calls put() for each line of `text`, whether it ends in LF, CRLF or CR. */
static void each_line(const char *text, buf *out, put_line_fn *put)
{
    const char *p = text;
    while (*p) {
        size_t n = strcspn(p, "\r\n");
        put(out, p, n);
        p += n;
        if (p[0] == '\r' && p[1] == '\n') p += 2;
        else if (*p) p++;
    }
}

static size_t longest_line(const char *text)
{
    size_t longest = 0;
    for (const char *p = text; *p;) {
        size_t n = strcspn(p, "\r\n");
        if (n > longest) longest = n;
        p += n;
        if (*p) p++;
    }
    return longest;
}

static void put_8bit_line(buf *out, const char *line, size_t len)
{
    buf_put(out, line, len);
    buf_puts(out, "\r\n");
}

/* One line in quoted-printable (RFC 2045 6.7): bytes outside printable ASCII, '=' and
 * whitespace at the end of the line as =XX, soft breaks keeping lines ≤ 76. */
static void put_qp_line(buf *out, const char *line, size_t len)
{
    size_t column = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)line[i];
        bool blank = ch == ' ' || ch == '\t';
        bool literal = (ch > ' ' && ch < 0x7f && ch != '=') || (blank && i + 1 < len);
        size_t width = literal ? 1 : 3;
        if (column + width > QP_LINE_MAX - 1) {
            buf_puts(out, "=\r\n");
            column = 0;
        }
        if (literal) buf_putc(out, (char)ch);
        else buf_printf(out, "=%02X", ch);
        column += width;
    }
    buf_puts(out, "\r\n");
}

/* The whole message, CRLF line endings.  The Message-ID depends only on the mail, so a
 * mail sent twice (see mailer.h) carries the same one. */
static void build_message(const mailer *m, const claimed_mail *mail, time_t now, buf *out)
{
    char date[64], created_digits[32];
    size_t digits = 0;
    for (const char *p = mail->created_at; *p && digits + 1 < sizeof created_digits; p++) {
        if (*p >= '0' && *p <= '9') created_digits[digits++] = *p;
    }
    created_digits[digits] = '\0';
    format_date(now, date, sizeof date);
    bool quoted_printable = longest_line(mail->body) > SMTP_LINE_MAX;

    buf_printf(out, "Date: %s\r\nFrom: %s\r\nTo: %s\r\n", date, m->from_addr, mail->to);
    put_subject(out, mail->subject);
    buf_printf(out,
               "Message-ID: <loket.%lld.%s@%s>\r\n"
               "MIME-Version: 1.0\r\n"
               "Content-Type: text/plain; charset=UTF-8\r\n"
               "Content-Transfer-Encoding: %s\r\n"
               "Auto-Submitted: auto-generated\r\n"
               "\r\n",
               (long long)mail->id, created_digits, m->from_domain,
               quoted_printable ? "quoted-printable" : "8bit");
    each_line(mail->body, out, quoted_printable ? put_qp_line : put_8bit_line);
}

/* ---- delivery ------------------------------------------------------------------- */

typedef struct {
    const char *data;
    size_t len, sent;
} upload;

static size_t read_upload(char *dst, size_t size, size_t count, void *arg)
{
    upload *u = arg;
    size_t n = u->len - u->sent;
    if (n > size * count) n = size * count;
    memcpy(dst, u->data + u->sent, n);
    u->sent += n;
    return n;
}

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static CURLcode curl_init_result;

static void curl_init(void)
{
    curl_init_result = curl_global_init(CURL_GLOBAL_DEFAULT);
}

/* One SMTP transaction.  libcurl does the dot-stuffing of the DATA. */
static lk_err send_smtp(const mailer *m, const claimed_mail *mail, const buf *message,
                        char *err, size_t errlen)
{
    char curl_err[CURL_ERROR_SIZE] = "";
    upload body = {message->data, message->len, 0};
    struct curl_slist *recipients = curl_slist_append(NULL, mail->to);
    CURL *curl = curl_easy_init();
    if (!curl || !recipients) lk_oom(0);   /* both fail only without memory */
    curl_easy_setopt(curl, CURLOPT_URL, m->smtp_url);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, m->from_addr);
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
    /* STARTTLS whenever the server offers it (submission servers on port 587 do). */
    curl_easy_setopt(curl, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_upload);
    curl_easy_setopt(curl, CURLOPT_READDATA, &body);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, (long)SMTP_CONNECT_TIMEOUT_S);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, (long)SMTP_TOTAL_TIMEOUT_S);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);   /* timeouts without SIGALRM: threads */
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, curl_err);

    lk_err e = LK_OK;
    CURLcode rc = curl_easy_perform(curl);
    if (rc != CURLE_OK) {
        long reply = 0;
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply);
        snprintf(err, errlen, "smtp: %s (last reply %ld)",
                 curl_err[0] ? curl_err : curl_easy_strerror(rc), reply);
        /* 5xx: the server refuses this mail for good (unknown mailbox, policy); 4xx and
         * no answer at all are temporary and retried. */
        e = reply >= 500 && reply <= 599 ? LK_ERR_INVALID : LK_ERR_IO;
    }
    curl_slist_free_all(recipients);
    curl_easy_cleanup(curl);
    return e;
}

static lk_err write_all(int fd, const char *data, size_t len)
{
    while (len) {
        ssize_t n = write(fd, data, len);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return LK_ERR_IO;
        data += n;
        len -= (size_t)n;
    }
    return LK_OK;
}

/* mail_dir/<id>-<kind>.eml, written whole or not at all: a temporary file, fsync, rename,
 * fsync of the folder.  A second delivery of the same mail replaces the file. */
static lk_err write_eml(const mailer *m, arena *a, const claimed_mail *mail,
                        const buf *message, char *err, size_t errlen)
{
    const char *path = arena_printf(a, "%s/%lld-%s.eml", m->mail_dir, (long long)mail->id,
                                    mail->kind);
    char *tmp_path = arena_printf(a, "%s/.%lld-%s.eml.XXXXXX", m->mail_dir,
                                  (long long)mail->id, mail->kind);
    const char *step = "create";
    int dir_fd = -1, closed;
    int fd = mkostemp(tmp_path, O_CLOEXEC);   /* mode 0600 */
    if (fd < 0) goto out;
    step = "write";
    if (write_all(fd, message->data, message->len) != LK_OK) goto out;
    step = "fsync";
    if (fsync(fd) != 0) goto out;
    closed = close(fd);
    fd = -1;
    step = "close";
    if (closed != 0) goto out;
    step = "rename";
    if (rename(tmp_path, path) != 0) goto out;
    tmp_path = NULL;
    step = "fsync the folder of";
    dir_fd = open(m->mail_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir_fd < 0 || fsync(dir_fd) != 0) goto out;
    step = NULL;
out:
    if (step) snprintf(err, errlen, "cannot %s %s: %s", step, path, strerror(errno));
    if (fd >= 0) close(fd);
    if (dir_fd >= 0) close(dir_fd);
    if (step && tmp_path) unlink(tmp_path);
    return step ? LK_ERR_IO : LK_OK;
}

/* ---- the outbox table ----------------------------------------------------------- */

static const char due_exists_sql[] =
    "SELECT EXISTS (SELECT 1 FROM outbox WHERE status = 'pending' AND next_attempt_at <= $1 "
    "AND claimed_until <= $1)";

/* One statement marks up to $3 due mails as ours until $1 and returns them.  SQLite
 * runs it under its single writer lock.  PostgreSQL: FOR UPDATE SKIP LOCKED passes over
 * rows another sender is claiming, and a row it does lock is re-checked against the
 * WHERE clause in its newest version, so a claim committed meanwhile is respected;
 * MATERIALIZED makes the locking subquery run exactly once. */
static const char claim_sqlite_sql[] =
    "UPDATE outbox SET claimed_until = $1 WHERE id IN ("
    "SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= $2 "
    "AND claimed_until <= $2 ORDER BY next_attempt_at, id LIMIT $3) "
    "RETURNING id, attempts, kind, to_addr, subject, body, created_at";
static const char claim_pg_sql[] =
    "WITH due AS MATERIALIZED ("
    "SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= $2 "
    "AND claimed_until <= $2 ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED) "
    "UPDATE outbox SET claimed_until = $1 FROM due WHERE outbox.id = due.id "
    "RETURNING outbox.id, outbox.attempts, outbox.kind, outbox.to_addr, outbox.subject, "
    "outbox.body, outbox.created_at";

static void note_db_outcome(mailer *m, store_conn *c, bool ok)
{
    if (!ok && !m->db_failing) log_error("mailer: cannot read the outbox: %s", store_errmsg(c));
    if (ok && m->db_failing) log_info("mailer: the outbox is readable again");
    m->db_failing = !ok;
}

/* Claims up to CLAIM_BATCH due mails into out[]; returns how many, or -1. */
static int claim_due(mailer *m, arena *a, claimed_mail *out)
{
    int64_t now = time(NULL), due = 0;
    int n = 0;
    store_conn *c = store_acquire(m->db);
    /* A read first: most polls find nothing, and need not take SQLite's write lock. */
    lk_err e = store_query_int(c, due_exists_sql, STORE_P(SP_I(now)), &due);
    if (e != LK_OK || !due) goto out;
    const char *sql = store_kind_of(m->db) == STORE_PG ? claim_pg_sql : claim_sqlite_sql;
    store_rows *r = store_query(c, sql, STORE_P(SP_I(now + CLAIM_LEASE_S), SP_I(now),
                                                SP_I(CLAIM_BATCH)));
    if (!r) {
        e = LK_ERR_DB;
        goto out;
    }
    /* Read to the end: on SQLite the statement commits when it is done.  LIMIT $3 keeps
     * the rows within out[]. */
    int more;
    while ((more = store_next(r)) == 1) {
        if (n == CLAIM_BATCH) continue;
        out[n++] = (claimed_mail){
            .id = store_int(r, 0),
            .attempts = store_int(r, 1),
            .lease = now + CLAIM_LEASE_S,
            .kind = arena_strdup(a, store_text(r, 2)),
            .to = arena_strdup(a, store_text(r, 3)),
            .subject = arena_strdup(a, store_text(r, 4)),
            .body = arena_strdup(a, store_text(r, 5)),
            .created_at = arena_strdup(a, store_text(r, 6)),
        };
    }
    store_rows_close(r);
    /* A failed statement claimed nothing: it is rolled back whole. */
    if (more < 0) e = LK_ERR_DB;
out:
    note_db_outcome(m, c, e == LK_OK);
    store_release(c);
    return e == LK_OK ? n : -1;
}

static void record_outcome(mailer *m, const char *sql, const store_param *p, int count,
                           int64_t id)
{
    store_conn *c = store_acquire(m->db);
    if (store_exec(c, sql, p, count, NULL) != LK_OK)
        log_error("mailer: cannot record the outcome of mail %lld: %s", (long long)id,
                  store_errmsg(c));
    store_release(c);
}

static void format_iso_time(time_t t, char *out, size_t outlen)
{
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, outlen, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void record_sent(mailer *m, const claimed_mail *mail)
{
    char now[32];
    format_iso_time(time(NULL), now, sizeof now);
    /* last_error stays: a mail sent on a later attempt shows why the earlier failed.
     * Mails that carry a secret (a one-time password, a verification or reset link)
     * lose their body once delivered: the database keeps only hashes of such tokens. */
    record_outcome(m,
                   "UPDATE outbox SET status = 'sent', attempts = attempts + 1, sent_at = $2, "
                   "claimed_until = 0, body = CASE WHEN kind IN ('kredensial', 'verifikasi', 'reset_password') "
                   "THEN '(isi dihapus setelah terkirim: memuat data rahasia)' ELSE body END WHERE id = $1",
                   STORE_P(SP_I(mail->id), SP_T(now)), mail->id);
}

/* Keeps what an admin can read: printable ASCII (SMTP replies may hold any byte). */
static void clean_error(char *s)
{
    for (; *s; s++) {
        if (*s < ' ' || *s > '~') *s = '?';
    }
}

static void record_failure(mailer *m, const claimed_mail *mail, char *error, bool permanent)
{
    pthread_mutex_lock(&m->lock);
    int64_t base_ms = m->backoff_base_ms;
    pthread_mutex_unlock(&m->lock);

    int64_t attempts = mail->attempts + 1;
    /* A temporary failure is retried until the mail is MAILER_GIVE_UP_S old, however
     * many attempts that takes, so a long SMTP outage loses nothing. */
    time_t queued = 0;
    bool too_old = mail->created_at && datetime_parse(mail->created_at, &queued) == 0 &&
                   time(NULL) - queued >= MAILER_GIVE_UP_S;
    bool give_up = permanent || too_old;
    int shift = attempts - 1 < 20 ? (int)(attempts - 1) : 20;
    int64_t delay_ms = base_ms << shift;
    if (delay_ms > BACKOFF_CAP_S * INT64_C(1000)) delay_ms = BACKOFF_CAP_S * INT64_C(1000);
    /* Rounded up: a retry never comes before its backoff has passed. */
    int64_t next_attempt = time(NULL) + (delay_ms + 999) / 1000;
    clean_error(error);
    if (give_up)
        log_warn("mailer: mail %lld (%s) failed for good (%s) after %lld attempts: %s",
                 (long long)mail->id, mail->kind, permanent ? "refused by the server" : "too old",
                 (long long)attempts, error);
    else
        log_warn("mailer: mail %lld (%s), attempt %lld: %s", (long long)mail->id, mail->kind,
                 (long long)attempts, error);
    record_outcome(m,
                   "UPDATE outbox SET status = $2, attempts = $3, next_attempt_at = $4, "
                   "last_error = $5, claimed_until = 0 WHERE id = $1",
                   STORE_P(SP_I(mail->id), SP_T(give_up ? "failed" : "pending"),
                           SP_I(attempts), SP_I(next_attempt), SP_T(error)),
                   mail->id);
}

/* Extends the claim on a mail about to be sent, if it is still ours: its lease may have
 * run out while earlier mails of the batch were sent, and another sender may have taken
 * it since (it then wrote a later claimed_until).  1 still ours, 0 not. */
static int renew_claim(mailer *m, claimed_mail *mail)
{
    int64_t lease = time(NULL) + CLAIM_LEASE_S, changed = 0;
    store_conn *c = store_acquire(m->db);
    lk_err e = store_exec(c, "UPDATE outbox SET claimed_until = $1 WHERE id = $2 AND claimed_until = $3 "
                             "AND status = 'pending'",
                          STORE_P(SP_I(lease), SP_I(mail->id), SP_I(mail->lease)), &changed);
    if (e != LK_OK) log_error("mailer: cannot renew the claim on mail %lld: %s", (long long)mail->id, store_errmsg(c));
    store_release(c);
    if (e != LK_OK || changed != 1) return 0;
    mail->lease = lease;
    return 1;
}

/* Hands an unsent claimed mail back, for this or another sender to take at once. */
static void release_claim(mailer *m, const claimed_mail *mail)
{
    record_outcome(m, "UPDATE outbox SET claimed_until = 0 WHERE id = $1",
                   STORE_P(SP_I(mail->id)), mail->id);
}

/* ---- the thread ----------------------------------------------------------------- */

static bool stop_requested(mailer *m)
{
    pthread_mutex_lock(&m->lock);
    bool stop = m->stopping;
    pthread_mutex_unlock(&m->lock);
    return stop;
}

static void deliver(mailer *m, arena *a, const claimed_mail *mail)
{
    buf message = BUF_INIT;
    char error[LAST_ERROR_MAX + 1] = "";
    build_message(m, mail, time(NULL), &message);
    lk_err e = m->smtp_url ? send_smtp(m, mail, &message, error, sizeof error)
                           : write_eml(m, a, mail, &message, error, sizeof error);
    if (e == LK_OK) {
        record_sent(m, mail);
        atomic_fetch_add(&m->sent_count, 1);
    } else {
        record_failure(m, mail, error, e == LK_ERR_INVALID);
        atomic_fetch_add(&m->failed_count, 1);
    }
    buf_free(&message);
}

/* Claims one batch and delivers it; returns how many mails were claimed (-1: none, the
 * database failed). */
static int deliver_batch(mailer *m)
{
    arena *a = arena_new();
    claimed_mail mails[CLAIM_BATCH];
    int n = claim_due(m, a, mails);
    int i = 0;
    for (; i < n && !stop_requested(m); i++)
        if (i == 0 || renew_claim(m, &mails[i])) deliver(m, a, &mails[i]);
    for (; i < n; i++) release_claim(m, &mails[i]);
    arena_free(a);
    return n;
}

/* Sleeps until mailer_wake, mailer_stop or the next poll. */
static void wait_for_work(mailer *m)
{
    struct timespec deadline;
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    deadline.tv_sec += POLL_MS / 1000;
    deadline.tv_nsec += (long)(POLL_MS % 1000) * 1000000L;
    if (deadline.tv_nsec >= 1000000000L) {
        deadline.tv_sec++;
        deadline.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&m->lock);
    while (!m->woken && !m->stopping) {
        if (pthread_cond_timedwait(&m->wake, &m->lock, &deadline) == ETIMEDOUT) break;
    }
    pthread_mutex_unlock(&m->lock);
}

static void *mailer_main(void *arg)
{
    mailer *m = arg;
    for (;;) {
        pthread_mutex_lock(&m->lock);
        bool stop = m->stopping;
        m->woken = false;   /* a wake from now on is seen by wait_for_work */
        pthread_mutex_unlock(&m->lock);
        if (stop) break;
        /* A full batch: more may be due, so go on without waiting. */
        if (deliver_batch(m) < CLAIM_BATCH) wait_for_work(m);
    }
    return NULL;
}

mailer *mailer_start(store *s, const char *smtp_url, const char *mail_dir,
                     const char *from_addr)
{
    bool to_files = !smtp_url || !*smtp_url;
    if (!from_addr || !mail_address_valid(from_addr)) {
        log_error("mailer: the sender address \"%s\" is not valid", from_addr ? from_addr : "");
        return NULL;
    }
    if (to_files && (!mail_dir || !*mail_dir)) {
        log_error("mailer: no SMTP server and no mail folder");
        return NULL;
    }
    if (to_files && mkdir(mail_dir, 0700) != 0 && errno != EEXIST) {
        log_error("mailer: cannot create the mail folder %s: %s", mail_dir, strerror(errno));
        return NULL;
    }
    if (!to_files) {
        pthread_once(&curl_once, curl_init);
        if (curl_init_result != CURLE_OK) {
            log_error("mailer: libcurl: %s", curl_easy_strerror(curl_init_result));
            return NULL;
        }
    }

    mailer *m = xcalloc(1, sizeof *m);
    m->db = s;
    m->smtp_url = to_files ? NULL : xstrdup(smtp_url);
    m->mail_dir = mail_dir ? xstrdup(mail_dir) : NULL;
    m->from_addr = xstrdup(from_addr);
    m->from_domain = strchr(m->from_addr, '@') + 1;
    m->backoff_base_ms = DEFAULT_BACKOFF_MS;
    pthread_mutex_init(&m->lock, NULL);
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);   /* polls ignore clock changes */
    pthread_cond_init(&m->wake, &attr);
    pthread_condattr_destroy(&attr);
    int rc = pthread_create(&m->thread, NULL, mailer_main, m);
    if (rc != 0) {
        log_error("mailer: cannot start its thread: %s", strerror(rc));
        pthread_cond_destroy(&m->wake);
        pthread_mutex_destroy(&m->lock);
        free(m->smtp_url);
        free(m->mail_dir);
        free(m->from_addr);
        free(m);
        return NULL;
    }
    /* Not the URL: it may hold a password. */
    log_info("mailer: started; mail goes %s", to_files ? "to .eml files" : "over SMTP");
    return m;
}

void mailer_wake(mailer *m)
{
    pthread_mutex_lock(&m->lock);
    m->woken = true;
    pthread_cond_signal(&m->wake);
    pthread_mutex_unlock(&m->lock);
}

void mailer_set_backoff_ms(mailer *m, int64_t base_ms)
{
    pthread_mutex_lock(&m->lock);
    int64_t cap_ms = BACKOFF_CAP_S * INT64_C(1000);
    m->backoff_base_ms = base_ms < 1 ? 1 : base_ms > cap_ms ? cap_ms : base_ms;
    pthread_mutex_unlock(&m->lock);
}

void mailer_stop(mailer *m)
{
    if (!m) return;
    pthread_mutex_lock(&m->lock);
    m->stopping = true;
    pthread_cond_signal(&m->wake);
    pthread_mutex_unlock(&m->lock);
    pthread_join(m->thread, NULL);
    pthread_cond_destroy(&m->wake);
    pthread_mutex_destroy(&m->lock);
    free(m->smtp_url);
    free(m->mail_dir);
    free(m->from_addr);
    free(m);
}

void mailer_counts(mailer *m, uint64_t *sent, uint64_t *failed)
{
    *sent = m ? atomic_load(&m->sent_count) : 0;
    *failed = m ? atomic_load(&m->failed_count) : 0;
}

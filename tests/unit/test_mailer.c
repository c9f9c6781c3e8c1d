/* tests/unit/test_mailer.c — the mail outbox and its sender against real databases and a
 * real SMTP server.
 *
 * The same tests run on SQLite (files in a temporary folder) and, when LOKET_TEST_PG_URL
 * is set, on PostgreSQL (scripts/pg-test-server.sh starts one), each on a fresh database
 * — a new SQLite file, or a new PostgreSQL schema first on the search_path — migrated
 * with every embedded migration.  Mail goes to tests/lib/smtp_sink.py (aiosmtpd), started
 * per test on a free port; its interpreter is LOKET_TEST_PYTHON (default /usr/bin/python3,
 * Debian's, which has python3-aiosmtpd); run from the repository root, as `make unit`
 * does.  Tests assert what a recipient would see in the delivered files.  Mailer threads
 * never call cmocka's asserts; the main thread polls the database for their results. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <dirent.h>
#include <ftw.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sodium.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "html/i18n.h"
#include "util/phrase.h"
#include "domain/surat/mailer.h"
#include "domain/surat/outbox.h"
#include "store/store.h"
#include "util/alloc.h"
#include "util/arena.h"
#include "util/log.h"

extern char **environ;

enum { POOL_SIZE = 4, WAIT_MS = 20000 };

static const char FROM[] = "noreply@dpmptsp.muaraenimkab.go.id";
static const char LINK[] = "https://loket.muaraenimkab.go.id/verifikasi?t="
                           "q3Jx9Zk2LmN8pQrStUvWxYz0AbCdEfGhIjKlMnOpQrS";

/* The database the current group runs against. */
static struct {
    store_kind kind;
    char dir[256];          /* temporary folder: SQLite files, mail folders */
    const char *pg_url;     /* PostgreSQL: the server from LOKET_TEST_PG_URL */
    store *pg_admin;        /* PostgreSQL: creates and drops the per-test schemas */
    int tests_started;
} backend;

typedef struct {
    store *s;
    char url[1024];
    char schema[64];        /* PostgreSQL only */
    char mail_dir[300];     /* where the mailer writes .eml files */
    char sink_dir[300];     /* where the SMTP sink writes what it received */
    pid_t sink_pid;
    int sink_port;
} fixture;

/* ---- fixture ---- */

static int admin_exec(const char *sql)
{
    store_conn *c = store_acquire(backend.pg_admin);
    lk_err e = store_exec(c, sql, STORE_NOP, NULL);
    if (e) print_error("%s: %s\n", sql, store_errmsg(c));
    store_release(c);
    return e ? -1 : 0;
}

static int fixture_setup(void **state)
{
    fixture *f = xcalloc(1, sizeof *f);
    int n = ++backend.tests_started;
    snprintf(f->mail_dir, sizeof f->mail_dir, "%s/mail-%d", backend.dir, n);
    snprintf(f->sink_dir, sizeof f->sink_dir, "%s/sink-%d", backend.dir, n);
    if (backend.kind == STORE_SQLITE) {
        snprintf(f->url, sizeof f->url, "%s/test-%d.db", backend.dir, n);
    } else {
        /* Schema names are identifiers, which cannot be parameters; this one is made of
         * numbers only.  public stays on the path for the extension 001 creates there. */
        snprintf(f->schema, sizeof f->schema, "loket_mt_%d_%d", (int)getpid(), n);
        char sql[128];
        snprintf(sql, sizeof sql, "CREATE SCHEMA %s", f->schema);
        if (admin_exec(sql)) goto fail;
        snprintf(f->url, sizeof f->url, "%s%soptions=-csearch_path%%3D%s,public", backend.pg_url,
                 strchr(backend.pg_url, '?') ? "&" : "?", f->schema);
    }
    char err[512];
    f->s = store_open(f->url, POOL_SIZE, err, sizeof err);
    if (!f->s) {
        print_error("store_open: %s\n", err);
        goto fail;
    }
    if (store_migrate(f->s, NULL, err, sizeof err) != LK_OK) {
        print_error("store_migrate: %s\n", err);
        store_close(f->s);
        goto fail;
    }
    *state = f;
    return 0;
fail:
    free(f);
    return -1;
}

static void sink_stop(fixture *f);

static int fixture_teardown(void **state)
{
    fixture *f = *state;
    sink_stop(f);
    store_close(f->s);
    int rc = 0;
    if (backend.kind == STORE_PG) {
        char sql[128];
        snprintf(sql, sizeof sql, "DROP SCHEMA %s CASCADE", f->schema);
        rc = admin_exec(sql);
    }
    free(f);
    return rc;
}

static int remove_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    return remove(path);
}

static void remove_tree(const char *dir)
{
    nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* ---- the SMTP sink ---- */

/* Starts tests/lib/smtp_sink.py on `port` (0: a free one) and waits for its "ready
 * PORT" line.  fail_first / reject_first: messages answered 451 / 550 first. */
static void sink_start_on(fixture *f, int port, int fail_first, int reject_first)
{
    const char *python = getenv("LOKET_TEST_PYTHON") ? getenv("LOKET_TEST_PYTHON")
                                                     : "/usr/bin/python3";
    char fail_arg[16], reject_arg[16], port_arg[16];
    snprintf(fail_arg, sizeof fail_arg, "%d", fail_first);
    snprintf(reject_arg, sizeof reject_arg, "%d", reject_first);
    snprintf(port_arg, sizeof port_arg, "%d", port);
    char *argv[] = {(char *)python, "tests/lib/smtp_sink.py", "--port", port_arg, "--dir",
                    f->sink_dir, "--fail-first", fail_arg, "--reject-first", reject_arg, NULL};
    int out[2];
    assert_int_equal(pipe(out), 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    posix_spawn_file_actions_addclose(&actions, out[1]);
    int rc = posix_spawn(&f->sink_pid, python, &actions, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    close(out[1]);
    if (rc != 0) print_error("cannot run %s: %s\n", python, strerror(rc));
    assert_int_equal(rc, 0);

    char line[64] = "";
    size_t len = 0;
    struct pollfd pfd = {.fd = out[0], .events = POLLIN};
    while (len + 1 < sizeof line && !strchr(line, '\n') && poll(&pfd, 1, 10000) == 1) {
        ssize_t n = read(out[0], line + len, sizeof line - 1 - len);
        if (n <= 0) break;
        len += (size_t)n;
        line[len] = '\0';
    }
    close(out[0]);
    if (sscanf(line, "ready %d", &f->sink_port) != 1) {
        print_error("smtp_sink did not start (python3-aiosmtpd missing?): \"%s\"\n", line);
        fail();
    }
}

static void sink_start(fixture *f, int fail_first)
{
    sink_start_on(f, 0, fail_first, 0);
}

static void sink_stop(fixture *f)
{
    if (!f->sink_pid) return;
    kill(f->sink_pid, SIGTERM);
    waitpid(f->sink_pid, NULL, 0);
    f->sink_pid = 0;
}

static char *smtp_url(const fixture *f)
{
    static char url[64];
    snprintf(url, sizeof url, "smtp://127.0.0.1:%d", f->sink_port);
    return url;
}

/* A loopback port nothing listens on (bound, then closed). */
static int closed_port(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof sa;
    assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof sa), 0);
    assert_int_equal(getsockname(fd, (struct sockaddr *)&sa, &len), 0);
    close(fd);
    return ntohs(sa.sin_port);
}

/* ---- helpers ---- */

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static int64_t query_int(store *s, const char *sql, const store_param *p, int n)
{
    store_conn *c = store_acquire(s);
    int64_t v = -1;
    lk_err e = store_query_int(c, sql, p, n, &v);
    if (e) print_error("%s: %s\n", sql, store_errmsg(c));
    store_release(c);
    assert_int_equal(e, LK_OK);
    return v;
}

/* Polls `sql` until it returns `want`, for at most WAIT_MS. */
static void wait_for(store *s, const char *sql, int64_t want)
{
    int64_t v = -1;
    for (int waited = 0; waited < WAIT_MS; waited += 20) {
        v = query_int(s, sql, STORE_NOP);
        if (v == want) return;
        sleep_ms(20);
    }
    print_error("waited %d ms for %s = %lld; still %lld\n", WAIT_MS, sql, (long long)want,
                (long long)v);
    fail();
}

/* Queues one mail in its own transaction, as a request handler would. */
static void queue_committed(store *s, const char *kind, const char *to, const char *subject,
                            const char *body)
{
    store_conn *c = store_acquire(s);
    assert_int_equal(store_begin(c), LK_OK);
    lk_err e = outbox_queue(c, 0, kind, to, subject, body);
    if (e) print_error("outbox_queue: %s %s\n", lk_err_name(e), store_errmsg(c));
    assert_int_equal(e, LK_OK);
    assert_int_equal(store_commit(c), LK_OK);
    store_release(c);
}

static int count_files(const char *dir, const char *suffix)
{
    DIR *d = opendir(dir);
    if (!d) return 0;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name), slen = strlen(suffix);
        if (e->d_name[0] != '.' && len > slen && strcmp(e->d_name + len - slen, suffix) == 0)
            n++;
    }
    closedir(d);
    return n;
}

static int count_hidden(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) return 0;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.' && strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) n++;
    }
    closedir(d);
    return n;
}

/* The whole file, NUL-terminated; caller frees. */
static char *slurp(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) print_error("cannot open %s\n", path);
    assert_non_null(fp);
    char *data = NULL;
    size_t len = 0, cap = 0, n;
    char chunk[4096];
    while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) {
        if (len + n + 1 > cap) {
            cap = (len + n + 1) * 2;
            data = xrealloc(data, cap);
        }
        memcpy(data + len, chunk, n);
        len += n;
    }
    fclose(fp);
    if (!data) data = xstrdup("");
    else data[len] = '\0';
    return data;
}

/* Every line ends in CRLF and holds at most `max` bytes. */
static void assert_crlf_lines(const char *msg, size_t max)
{
    for (const char *p = msg; *p;) {
        const char *eol = strstr(p, "\r\n");
        assert_non_null(eol);
        assert_null(memchr(p, '\n', (size_t)(eol - p)));
        assert_null(memchr(p, '\r', (size_t)(eol - p)));
        assert_true((size_t)(eol - p) <= max);
        p = eol + 2;
    }
}

/* The unfolded value of header `name` (from the header section only); caller frees. */
static char *header(const char *msg, const char *name)
{
    size_t name_len = strlen(name);
    const char *end = strstr(msg, "\r\n\r\n");
    assert_non_null(end);
    for (const char *line = msg; line < end;) {
        if (strncasecmp(line, name, name_len) == 0 && line[name_len] == ':') {
            const char *v = line + name_len + 1;
            while (*v == ' ') v++;
            char *out = xmalloc((size_t)(end - v) + 1);
            size_t n = 0;
            for (const char *p = v; p < end; p++) {
                if (p[0] == '\r' && p[1] == '\n') {
                    if (p[2] != ' ' && p[2] != '\t') break;   /* not a continuation */
                    p++;
                    continue;
                }
                out[n++] = *p;
            }
            out[n] = '\0';
            return out;
        }
        line = strstr(line, "\r\n") + 2;
    }
    print_error("no %s: header\n", name);
    fail();
    return NULL;
}

/* Decodes a header value made of RFC 2047 "=?UTF-8?B?...?=" words; caller frees. */
static char *decode_words(const char *value)
{
    char *out = xmalloc(strlen(value) + 1);
    size_t n = 0;
    const char *p = value;
    while (*p) {
        if (*p == ' ' || *p == '\t') {   /* whitespace between encoded-words is dropped */
            p++;
            continue;
        }
        assert_memory_equal(p, "=?UTF-8?B?", 10);
        p += 10;
        const char *end = strstr(p, "?=");
        assert_non_null(end);
        size_t decoded = 0;
        assert_int_equal(sodium_base642bin((unsigned char *)out + n, strlen(value) - n, p,
                                           (size_t)(end - p), NULL, &decoded, NULL,
                                           sodium_base64_VARIANT_ORIGINAL),
                         0);
        n += decoded;
        assert_true(end + 2 - (p - 10) <= 75);   /* RFC 2047: an encoded-word ≤ 75 */
        p = end + 2;
    }
    out[n] = '\0';
    return out;
}

/* Decodes a quoted-printable body; caller frees. */
static char *decode_qp(const char *body)
{
    char *out = xmalloc(strlen(body) + 1);
    size_t n = 0;
    for (const char *p = body; *p; p++) {
        if (p[0] == '=' && p[1] == '\r' && p[2] == '\n') {
            p += 2;
        } else if (p[0] == '=') {
            unsigned v;
            assert_int_equal(sscanf(p + 1, "%2X", &v), 1);
            out[n++] = (char)v;
            p += 2;
        } else {
            out[n++] = *p;
        }
    }
    out[n] = '\0';
    return out;
}

static const char *body_of(const char *msg)
{
    const char *end = strstr(msg, "\r\n\r\n");
    assert_non_null(end);
    return end + 4;
}

static char *sink_file(const fixture *f, int n)
{
    char path[400];
    snprintf(path, sizeof path, "%s/%d.eml", f->sink_dir, n);
    return slurp(path);
}

/* ---- tests ---- */

static void test_rollback_leaves_no_mail(void **state)
{
    fixture *f = *state;
    store_conn *c = store_acquire(f->s);
    assert_int_equal(store_begin(c), LK_OK);
    assert_int_equal(outbox_queue(c, 0, "registrasi_diterima", "siti@example.com",
                                  "Registrasi Pemohon", "Terima kasih."),
                     LK_OK);
    store_rollback(c);
    int64_t pending, sent, failed;
    assert_int_equal(outbox_stats(c, &pending, &sent, &failed), LK_OK);
    assert_int_equal(pending + sent + failed, 0);

    assert_int_equal(store_begin(c), LK_OK);
    assert_int_equal(outbox_queue(c, 0, "registrasi_diterima", "siti@example.com",
                                  "Registrasi Pemohon", "Terima kasih."),
                     LK_OK);
    assert_int_equal(store_commit(c), LK_OK);
    assert_int_equal(outbox_stats(c, &pending, &sent, &failed), LK_OK);
    assert_int_equal(pending, 1);
    assert_int_equal(sent + failed, 0);
    /* An instansi that does not exist is refused by the foreign key. */
    assert_int_equal(outbox_queue(c, 424242, "registrasi_diterima", "siti@example.com",
                                  "Registrasi Pemohon", "Terima kasih."),
                     LK_ERR_CONFLICT);
    store_release(c);
}

static void test_bad_input_is_refused(void **state)
{
    fixture *f = *state;
    store_conn *c = store_acquire(f->s);
    const char *ok_to = "siti@example.com", *ok_subject = "Registrasi Pemohon", *ok_body = "Isi.";
    /* Header injection through the subject or the address. */
    assert_int_equal(outbox_queue(c, 0, "verifikasi", ok_to, "Halo\r\nBcc: all@example.com",
                                  ok_body),
                     LK_ERR_INVALID);
    assert_int_equal(outbox_queue(c, 0, "verifikasi", ok_to, "Halo\nBcc: all@example.com", ok_body),
                     LK_ERR_INVALID);
    assert_int_equal(outbox_queue(c, 0, "verifikasi", ok_to, "Halo\r", ok_body), LK_ERR_INVALID);
    assert_int_equal(outbox_queue(c, 0, "verifikasi", "siti@example.com\r\nBcc: x@example.com",
                                  ok_subject, ok_body),
                     LK_ERR_INVALID);
    const char *bad_addresses[] = {"", "siti", "@example.com", "siti@", "si ti@example.com",
                                   "<siti@example.com>", "a@b@example.com", "siti@example..com",
                                   "siti@example.com,x@example.com", "sïti@example.com"};
    for (size_t i = 0; i < sizeof bad_addresses / sizeof *bad_addresses; i++)
        assert_int_equal(outbox_queue(c, 0, "verifikasi", bad_addresses[i], ok_subject, ok_body),
                         LK_ERR_INVALID);
    /* Invalid UTF-8, empty parts, kinds that would not make a file name. */
    assert_int_equal(outbox_queue(c, 0, "verifikasi", ok_to, "Bad \xc3(", ok_body), LK_ERR_INVALID);
    assert_int_equal(outbox_queue(c, 0, "verifikasi", ok_to, ok_subject, "\xff\xfe"), LK_ERR_INVALID);
    assert_int_equal(outbox_queue(c, 0, "verifikasi", ok_to, "", ok_body), LK_ERR_INVALID);
    assert_int_equal(outbox_queue(c, 0, "verifikasi", ok_to, ok_subject, ""), LK_ERR_INVALID);
    assert_int_equal(outbox_queue(c, 0, "../x", ok_to, ok_subject, ok_body), LK_ERR_INVALID);
    assert_int_equal(outbox_queue(c, 0, "", ok_to, ok_subject, ok_body), LK_ERR_INVALID);
    /* Limits. */
    char long_subject[OUTBOX_SUBJECT_MAX + 2];
    memset(long_subject, 'x', sizeof long_subject - 1);
    long_subject[sizeof long_subject - 1] = '\0';
    assert_int_equal(outbox_queue(c, 0, "verifikasi", ok_to, long_subject, ok_body), LK_ERR_TOOBIG);
    long_subject[OUTBOX_SUBJECT_MAX] = '\0';
    char *big_body = xmalloc(OUTBOX_BODY_MAX + 2);
    memset(big_body, 'y', OUTBOX_BODY_MAX + 1);
    big_body[OUTBOX_BODY_MAX + 1] = '\0';
    assert_int_equal(outbox_queue(c, 0, "verifikasi", ok_to, ok_subject, big_body), LK_ERR_TOOBIG);
    big_body[OUTBOX_BODY_MAX] = '\0';
    /* Exactly at the limits is fine (and fits the table's CHECKs). */
    assert_int_equal(outbox_queue(c, 0, "verifikasi", ok_to, long_subject, big_body), LK_OK);
    free(big_body);

    int64_t pending, sent, failed;
    assert_int_equal(outbox_stats(c, &pending, &sent, &failed), LK_OK);
    assert_int_equal(pending, 1);
    store_release(c);
}

static void test_compose_texts(void **state)
{
    arena *a = arena_new();
    const char *subject = NULL, *body = NULL;
    const char *signature_end = "DPMPTSP Kabupaten Muara Enim\n\nEmail ini dikirim secara "
                                "otomatis oleh sistem; mohon tidak membalas email ini.\n";

    const char *const received[] = {"instansi", "DPMPTSP Kabupaten Muara Enim", "kontak",
                                    "Hubungi DPMPTSP:\n  WhatsApp: 081200000000\n", NULL};
    assert_int_equal(mail_compose("id", "registrasi_diterima", received, a, &subject, &body), LK_OK);
    assert_non_null(strstr(body, "\n\nHubungi DPMPTSP:\n  WhatsApp: 081200000000\n"));
    assert_string_equal(subject, "Registrasi Pemohon");
    const char *thanks = "Terima kasih telah melakukan pendaftaran. Anda akan mendapatkan "
                         "notifikasi jika pendaftaran anda telah disetujui.";
    assert_memory_equal(body, thanks, strlen(thanks));
    assert_string_equal(body + strlen(body) - strlen(signature_end), signature_end);

    const char *const verify[] = {"nama", "Siti Rahayu", "link", LINK, "berlaku_sampai",
                                  "12 Mei 2025 pukul 14.00 WIB", "instansi",
                                  "DPMPTSP Kabupaten Muara Enim", NULL};
    assert_int_equal(mail_compose("id", "verifikasi", verify, a, &subject, &body), LK_OK);
    assert_non_null(strstr(body, "Hi Siti Rahayu, klik link berikut ini untuk verifikasi "
                                 "pendaftaran anda"));
    char link_line[200];
    snprintf(link_line, sizeof link_line, "\n%s\n", LINK);
    assert_non_null(strstr(body, link_line));
    assert_non_null(strstr(body, "12 Mei 2025 pukul 14.00 WIB"));
    assert_string_equal(body + strlen(body) - strlen(signature_end), signature_end);

    const char *const refused[] = {"nama", "Siti", "alasan", "Foto KTP tidak terbaca.",
                                   "instansi", "DPMPTSP Kabupaten Muara Enim", NULL};
    assert_int_equal(mail_compose("id", "registrasi_ditolak", refused, a, &subject, &body), LK_OK);
    assert_non_null(strstr(body, "\nFoto KTP tidak terbaca.\n"));

    const char *const credentials[] = {"nama", "Budi", "username", "budi99", "password",
                                       "Xk7pQ2mWz9", "link", "https://loket.example.id/login",
                                       "instansi", "DPMPTSP & NAKER Kota Pangkalpinang", NULL};
    assert_int_equal(mail_compose("id", "kredensial", credentials, a, &subject, &body), LK_OK);
    assert_non_null(strstr(body, "Hi Budi, berikut ini adalah informasi user anda"));
    assert_non_null(strstr(body, "\nUsername : budi99\nPassword : Xk7pQ2mWz9\n"));
    assert_non_null(strstr(body, "wajib diganti"));
    assert_non_null(strstr(body, "\nhttps://loket.example.id/login\n"));
    assert_non_null(strstr(body, "\nDPMPTSP & NAKER Kota Pangkalpinang\n"));

    const char *const reset[] = {"nama", "Budi", "link", LINK, "berlaku_sampai", "1 jam",
                                 "instansi", "DPMPTSP Kabupaten Muara Enim", NULL};
    assert_int_equal(mail_compose("id", "reset_password", reset, a, &subject, &body), LK_OK);
    assert_non_null(strstr(body, "Lupa password"));
    assert_non_null(strstr(body, link_line));

    /* A value is inserted once, as it is: no second expansion, no escaping. */
    const char *const curly[] = {"nama", "{link} <b>&", "alasan", "x", "instansi", "y", NULL};
    assert_int_equal(mail_compose("id", "registrasi_ditolak", curly, a, &subject, &body), LK_OK);
    assert_non_null(strstr(body, "Hi {link} <b>&, "));

    assert_int_equal(mail_compose("id", "no_such_mail", received, a, &subject, &body), LK_ERR_INVALID);
    const char *const missing[] = {"nama", "Siti", "instansi", "x", NULL};   /* no link */
    assert_int_equal(mail_compose("id", "verifikasi", missing, a, &subject, &body), LK_ERR_INVALID);
    const char *const not_utf8[] = {"nama", "Siti \xc0\xaf", "alasan", "x", "instansi", "y", NULL};
    assert_int_equal(mail_compose("id", "registrasi_ditolak", not_utf8, a, &subject, &body),
                     LK_ERR_INVALID);
    arena_free(a);
}

/* Every mail in English: each line of each text has its translation (a line the same in
 * both languages is a forgotten one, apart from the few that are the same words), and the
 * Indonesian text is untouched by the switch. */
static void test_compose_english(void **state)
{
    (void)state;
    phrase_translator_set(i18n);
    static const char *const kinds[] = {
        "registrasi_diterima", "verifikasi", "registrasi_ditolak", "kredensial", "reset_password",
        "permohonan_dibuat", "permohonan_diproses", "permohonan_perbaikan", "permohonan_ditolak",
        "permohonan_disetujui", "permohonan_selesai", "skrd", "pembayaran_lunas", "keluhan_verifikasi",
        "keluhan_dijawab", "izin_terbit", "izin_pengingat", NULL};
    static const char *const same[] = {"Username : ", "Password : ", NULL};
    const char *const vars[] = {"nama", "V", "link", "V", "berlaku_sampai", "V", "instansi", "V", "kontak", "V",
                                "alasan", "V", "username", "V", "password", "V", "nomor", "V", "jenis_izin", "V",
                                "tahap_selesai", "V", "tahap_berikut", "V", "catatan", "V", "nomor_skrd", "V",
                                "total", "V", "kode_bayar", "V", "jatuh_tempo", "V", "rincian", "V",
                                "referensi", "V", "kategori", "V", "status", "V", "jawaban", "V",
                                "masa_berlaku", "V", "verifikasi", "V", "hari", "V", NULL};
    arena *a = arena_new();
    for (int k = 0; kinds[k]; k++) {
        const char *id_subject, *id_body, *en_subject, *en_body;
        assert_int_equal(mail_compose("id", kinds[k], vars, a, &id_subject, &id_body), LK_OK);
        assert_int_equal(mail_compose("en", kinds[k], vars, a, &en_subject, &en_body), LK_OK);
        if (strcmp(id_subject, en_subject) == 0) fail_msg("%s: the subject is not translated: %s", kinds[k], id_subject);
        char *id_copy = arena_strdup(a, id_body), *en_copy = arena_strdup(a, en_body);
        char *id_save = NULL, *en_save = NULL;
        char *il = strtok_r(id_copy, "\n", &id_save), *el = strtok_r(en_copy, "\n", &en_save);
        for (; il && el; il = strtok_r(NULL, "\n", &id_save), el = strtok_r(NULL, "\n", &en_save)) {
            int kept = strcmp(il, "V") == 0;
            for (int i = 0; same[i]; i++) kept |= strncmp(il, same[i], strlen(same[i])) == 0;
            if (!kept && strcmp(il, el) == 0) fail_msg("%s: a line is not translated: %s", kinds[k], il);
        }
        if (il || el) fail_msg("%s: the English text has another number of lines", kinds[k]);
    }
    const char *subject, *body;
    assert_int_equal(mail_compose("id", "kredensial", vars, a, &subject, &body), LK_OK);
    assert_non_null(strstr(body, "berikut ini adalah informasi user anda"));
    assert_int_equal(mail_compose("xx", "kredensial", vars, a, &subject, &body), LK_OK);
    assert_non_null(strstr(body, "berikut ini adalah informasi user anda"));   /* unknown: Indonesian */
    assert_int_equal(mail_compose("en", "kredensial", vars, a, &subject, &body), LK_OK);
    assert_string_equal(subject, "User information");
    assert_non_null(strstr(body, "Hi V, here is your user information:"));
    assert_non_null(strstr(body, "Yours sincerely,"));
    arena_free(a);
    phrase_translator_set(NULL);
}

static void test_delivered_over_smtp(void **state)
{
    fixture *f = *state;
    sink_start(f, 0);
    mailer *m = mailer_start(f->s, smtp_url(f), NULL, FROM);
    assert_non_null(m);

    arena *a = arena_new();
    const char *subject = NULL, *body = NULL;
    const char *const vars[] = {"nama", "Siti Rahayu", "link", LINK, "berlaku_sampai",
                                "12 Mei 2025 pukul 14.00 WIB", "instansi",
                                "DPMPTSP Kabupaten Muara Enim", NULL};
    assert_int_equal(mail_compose("id", "verifikasi", vars, a, &subject, &body), LK_OK);
    /* Non-ASCII and longer than one encoded-word. */
    const char *utf8_subject = "Verifikasi Pendaftaran — Siti Rahayu · Kabupaten Muara Enim ✓";
    queue_committed(f->s, "verifikasi", "siti@example.com", utf8_subject, body);
    mailer_wake(m);
    wait_for(f->s, "SELECT count(*) FROM outbox WHERE status = 'sent'", 1);
    mailer_stop(m);

    assert_int_equal(count_files(f->sink_dir, ".eml"), 1);
    char *msg = sink_file(f, 1);
    assert_crlf_lines(msg, 998);
    char *to = header(msg, "To"), *from = header(msg, "From"), *raw_subject = header(msg, "Subject");
    assert_string_equal(to, "siti@example.com");
    assert_string_equal(from, FROM);
    char *decoded = decode_words(raw_subject);
    assert_string_equal(decoded, utf8_subject);
    char *content_type = header(msg, "Content-Type"), *mime = header(msg, "MIME-Version");
    assert_string_equal(content_type, "text/plain; charset=UTF-8");
    assert_string_equal(mime, "1.0");
    char *date = header(msg, "Date"), *id = header(msg, "Message-ID");
    assert_non_null(strstr(date, " +0000"));
    assert_non_null(strstr(id, "@dpmptsp.muaraenimkab.go.id>"));
    /* The link whole, on a line of its own. */
    char link_line[200];
    snprintf(link_line, sizeof link_line, "\r\n%s\r\n", LINK);
    assert_non_null(strstr(body_of(msg), link_line));
    assert_non_null(strstr(body_of(msg), "Hi Siti Rahayu, klik link berikut ini"));

    assert_int_equal(query_int(f->s, "SELECT attempts FROM outbox", STORE_NOP), 1);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM outbox WHERE sent_at IS NOT NULL "
                                     "AND last_error IS NULL AND claimed_until = 0", STORE_NOP),
                     1);
    free(to), free(from), free(raw_subject), free(decoded), free(content_type), free(mime);
    free(date), free(id), free(msg);
    arena_free(a);
}

static void test_temporary_failure_is_retried(void **state)
{
    fixture *f = *state;
    sink_start(f, 1);   /* the first message gets 451 */
    log_set_level(LOG_ERROR);   /* the failure is logged as a warning by design */
    mailer *m = mailer_start(f->s, smtp_url(f), NULL, FROM);
    assert_non_null(m);
    mailer_set_backoff_ms(m, 1);   /* rounded up to the next whole second */
    queue_committed(f->s, "registrasi_diterima", "budi@example.com", "Registrasi Pemohon",
                    "Terima kasih telah melakukan pendaftaran.\n");
    mailer_wake(m);
    wait_for(f->s, "SELECT count(*) FROM outbox WHERE status = 'sent'", 1);
    mailer_stop(m);
    log_set_level(LOG_WARN);

    assert_int_equal(count_files(f->sink_dir, ".eml"), 1);
    assert_int_equal(query_int(f->s, "SELECT attempts FROM outbox", STORE_NOP), 2);
    /* The first failure stays readable for the admin. */
    store_conn *c = store_acquire(f->s);
    store_rows *r = store_query(c, "SELECT last_error FROM outbox", STORE_NOP);
    assert_non_null(r);
    assert_int_equal(store_next(r), 1);
    assert_non_null(strstr(store_text(r, 0), "451"));
    store_rows_close(r);
    store_release(c);
    char *msg = sink_file(f, 1);
    char *to = header(msg, "To");
    assert_string_equal(to, "budi@example.com");
    free(to);
    free(msg);
}

static void test_unreachable_server_keeps_mail_pending(void **state)
{
    fixture *f = *state;
    char url[64];
    snprintf(url, sizeof url, "smtp://127.0.0.1:%d", closed_port());
    queue_committed(f->s, "registrasi_diterima", "budi@example.com", "Registrasi Pemohon",
                    "Terima kasih.\n");
    /* A second mail queued longer ago than the mailer keeps trying. */
    queue_committed(f->s, "verifikasi", "siti@example.com", "Verifikasi Pendaftaran", "Link.\n");
    store_conn *c = store_acquire(f->s);
    char old[32];
    time_t long_ago = time(NULL) - MAILER_GIVE_UP_S - 60;
    struct tm tm;
    strftime(old, sizeof old, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&long_ago, &tm));
    assert_int_equal(store_exec(c, "UPDATE outbox SET attempts = 40, created_at = $1 WHERE kind = 'verifikasi'",
                                STORE_P(SP_T(old)), NULL),
                     LK_OK);
    store_release(c);

    int64_t before = time(NULL);
    log_set_level(LOG_ERROR);   /* the failures are logged as warnings by design */
    mailer *m = mailer_start(f->s, url, NULL, FROM);
    assert_non_null(m);
    wait_for(f->s, "SELECT count(*) FROM outbox WHERE attempts > 0 AND claimed_until = 0 "
                   "AND last_error IS NOT NULL AND kind = 'registrasi_diterima'", 1);
    wait_for(f->s, "SELECT count(*) FROM outbox WHERE status = 'failed'", 1);
    mailer_stop(m);
    log_set_level(LOG_WARN);

    /* First failure: pending, retried no sooner than the default 30 s backoff. */
    assert_int_equal(query_int(f->s, "SELECT attempts FROM outbox WHERE kind = 'registrasi_diterima'",
                               STORE_NOP),
                     1);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM outbox WHERE status = 'pending' "
                                     "AND next_attempt_at >= $1",
                               STORE_P(SP_I(before + 30))),
                     1);
    assert_int_equal(query_int(f->s, "SELECT attempts FROM outbox WHERE kind = 'verifikasi'",
                               STORE_NOP),
                     41);
    store_conn *c2 = store_acquire(f->s);
    store_rows *r = store_query(c2, "SELECT last_error FROM outbox ORDER BY id", STORE_NOP);
    assert_non_null(r);
    while (store_next(r) == 1) assert_non_null(strstr(store_text(r, 0), "smtp: "));
    store_rows_close(r);
    int64_t pending, sent, failed;
    assert_int_equal(outbox_stats(c2, &pending, &sent, &failed), LK_OK);
    assert_int_equal(pending, 1);
    assert_int_equal(sent, 0);
    assert_int_equal(failed, 1);
    store_release(c2);
}

/* A 5xx answer is final: the mail is failed at once with the reason, never retried. */
static void test_permanent_refusal_fails_at_once(void **state)
{
    fixture *f = *state;
    sink_start_on(f, 0, 0, 1);   /* the first message gets 550 */
    log_set_level(LOG_ERROR);
    mailer *m = mailer_start(f->s, smtp_url(f), NULL, FROM);
    assert_non_null(m);
    mailer_set_backoff_ms(m, 1);
    queue_committed(f->s, "verifikasi", "tidak.ada@example.com", "Verifikasi Pendaftaran", "Link.\n");
    mailer_wake(m);
    wait_for(f->s, "SELECT count(*) FROM outbox WHERE status = 'failed'", 1);
    queue_committed(f->s, "verifikasi", "budi@example.com", "Verifikasi Pendaftaran", "Link.\n");
    mailer_wake(m);
    wait_for(f->s, "SELECT count(*) FROM outbox WHERE status = 'sent'", 1);
    sleep_ms(1500);   /* a retry, were there one, would come within this */
    mailer_stop(m);
    log_set_level(LOG_WARN);
    assert_int_equal(query_int(f->s, "SELECT attempts FROM outbox WHERE to_addr = 'tidak.ada@example.com'",
                               STORE_NOP), 1);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM outbox WHERE status = 'failed' AND last_error LIKE '%550%'",
                               STORE_NOP), 1);
    assert_int_equal(count_files(f->sink_dir, ".eml"), 1);
}

/* The SMTP server down for two days (simulated: the mails look queued two days ago and
 * already tried forty times), then back: every mail arrives exactly once. */
static void test_long_outage_delivers_each_mail_once(void **state)
{
    fixture *f = *state;
    int port = closed_port();
    char url[64];
    snprintf(url, sizeof url, "smtp://127.0.0.1:%d", port);
    static const char *const to[] = {"a@example.com", "b@example.com", "c@example.com", "d@example.com", "e@example.com"};
    for (size_t i = 0; i < 5; i++) queue_committed(f->s, "verifikasi", to[i], "Verifikasi Pendaftaran", "Link.\n");
    char old[32];
    time_t two_days_ago = time(NULL) - 2 * 86400;
    struct tm tm;
    strftime(old, sizeof old, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&two_days_ago, &tm));
    store_conn *c = store_acquire(f->s);
    assert_int_equal(store_exec(c, "UPDATE outbox SET attempts = 40, created_at = $1", STORE_P(SP_T(old)), NULL), LK_OK);
    store_release(c);

    log_set_level(LOG_ERROR);
    mailer *m = mailer_start(f->s, url, NULL, FROM);
    assert_non_null(m);
    mailer_set_backoff_ms(m, 1);
    mailer_wake(m);
    /* Still down: each is tried again and stays pending. */
    wait_for(f->s, "SELECT count(*) FROM outbox WHERE attempts = 41 AND status = 'pending' AND claimed_until = 0", 5);
    /* Back up on the same address; the next attempts (brought forward) deliver. */
    sink_start_on(f, port, 0, 0);
    c = store_acquire(f->s);
    assert_int_equal(store_exec(c, "UPDATE outbox SET next_attempt_at = 0", STORE_NOP, NULL), LK_OK);
    store_release(c);
    mailer_wake(m);
    wait_for(f->s, "SELECT count(*) FROM outbox WHERE status = 'sent'", 5);
    sleep_ms(1500);
    mailer_stop(m);
    log_set_level(LOG_WARN);
    assert_int_equal(count_files(f->sink_dir, ".eml"), 5);
    for (int i = 1; i <= 5; i++) {
        char *msg = sink_file(f, i);
        char *addr = header(msg, "To");
        int seen = 0;
        for (size_t k = 0; k < 5; k++) seen += strcmp(addr, to[k]) == 0;
        assert_int_equal(seen, 1);
        free(addr);
        free(msg);
    }
    assert_int_equal(query_int(f->s, "SELECT count(DISTINCT to_addr) FROM outbox WHERE status = 'sent'", STORE_NOP), 5);
}

static void test_eml_files_without_smtp(void **state)
{
    fixture *f = *state;
    mailer *m = mailer_start(f->s, "", f->mail_dir, FROM);
    assert_non_null(m);
    arena *a = arena_new();
    const char *subject = NULL, *body = NULL;
    const char *const vars[] = {"nama", "Budi Santoso", "username", "budi99", "password",
                                "Xk7pQ2mWz9", "link", "https://loket.example.id/login",
                                "instansi", "DPMPTSP Kabupaten Muara Enim", NULL};
    assert_int_equal(mail_compose("id", "kredensial", vars, a, &subject, &body), LK_OK);
    queue_committed(f->s, "kredensial", "budi@example.com", subject, body);
    /* A reason typed as one long paragraph with non-ASCII: too long for one SMTP line. */
    char *long_line = xmalloc(3001);
    for (int i = 0; i < 1000; i++) memcpy(long_line + 3 * i, i % 10 ? "ab " : "é ", 3);
    long_line[3000] = '\0';
    char *long_body = arena_printf(a, "Alasan:\n%s \nSelesai=ok\n", long_line);
    queue_committed(f->s, "registrasi_ditolak", "siti@example.com", "Registrasi Pemohon Ditolak",
                    long_body);
    mailer_wake(m);
    wait_for(f->s, "SELECT count(*) FROM outbox WHERE status = 'sent'", 2);
    mailer_stop(m);

    assert_int_equal(count_files(f->mail_dir, ".eml"), 2);
    assert_int_equal(count_hidden(f->mail_dir), 0);   /* no temporary file left */
    int64_t id = query_int(f->s, "SELECT id FROM outbox WHERE kind = 'kredensial'", STORE_NOP);
    char path[400];
    snprintf(path, sizeof path, "%s/%lld-kredensial.eml", f->mail_dir, (long long)id);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);   /* it holds a password */
    char *msg = slurp(path);
    assert_crlf_lines(msg, 998);
    char *to = header(msg, "To"), *raw_subject = header(msg, "Subject");
    char *encoding = header(msg, "Content-Transfer-Encoding");
    assert_string_equal(to, "budi@example.com");
    assert_string_equal(raw_subject, "Informasi User");
    assert_string_equal(encoding, "8bit");
    assert_non_null(strstr(body_of(msg), "\r\nUsername : budi99\r\nPassword : Xk7pQ2mWz9\r\n"));
    free(to), free(raw_subject), free(encoding), free(msg);

    id = query_int(f->s, "SELECT id FROM outbox WHERE kind = 'registrasi_ditolak'", STORE_NOP);
    snprintf(path, sizeof path, "%s/%lld-registrasi_ditolak.eml", f->mail_dir, (long long)id);
    msg = slurp(path);
    assert_crlf_lines(msg, 76);
    encoding = header(msg, "Content-Transfer-Encoding");
    assert_string_equal(encoding, "quoted-printable");
    char *decoded = decode_qp(body_of(msg));
    /* Decoded, it is the text as queued, in CRLF lines; the trailing space survives. */
    assert_string_equal(decoded, arena_printf(a, "Alasan:\r\n%s \r\nSelesai=ok\r\n", long_line));
    free(encoding), free(decoded), free(msg), free(long_line);
    arena_free(a);
}

static void test_two_mailers_deliver_each_mail_once(void **state)
{
    fixture *f = *state;
    enum { MAILS = 20 };
    sink_start(f, 0);
    char err[512];
    store *second = store_open(f->url, 2, err, sizeof err);   /* another "process" */
    assert_non_null(second);
    mailer *one = mailer_start(f->s, smtp_url(f), NULL, FROM);
    mailer *two = mailer_start(second, smtp_url(f), NULL, FROM);
    assert_non_null(one);
    assert_non_null(two);

    store_conn *c = store_acquire(f->s);
    assert_int_equal(store_begin(c), LK_OK);
    for (int i = 0; i < MAILS; i++) {
        char to[64], body[64];
        snprintf(to, sizeof to, "pemohon%d@example.com", i);
        snprintf(body, sizeof body, "Mail nomor %d.\n", i);
        assert_int_equal(outbox_queue(c, 0, "registrasi_diterima", to, "Registrasi Pemohon", body),
                         LK_OK);
    }
    assert_int_equal(store_commit(c), LK_OK);
    store_release(c);
    mailer_wake(one);
    mailer_wake(two);
    wait_for(f->s, "SELECT count(*) FROM outbox WHERE status = 'sent'", MAILS);
    mailer_stop(one);
    mailer_stop(two);
    store_close(second);

    assert_int_equal(count_files(f->sink_dir, ".eml"), MAILS);
    int seen[MAILS] = {0};
    for (int n = 1; n <= MAILS; n++) {
        char *msg = sink_file(f, n);
        char *to = header(msg, "To");
        int i = -1;
        assert_int_equal(sscanf(to, "pemohon%d@", &i), 1);
        assert_in_range(i, 0, MAILS - 1);
        seen[i]++;
        free(to);
        free(msg);
    }
    for (int i = 0; i < MAILS; i++) assert_int_equal(seen[i], 1);
    assert_int_equal(query_int(f->s, "SELECT sum(attempts) FROM outbox", STORE_NOP), MAILS);
}

/* A sender that died with mails claimed: once its claims run out another takes them over
 * and delivers each once. */
static void test_claims_of_a_dead_sender_are_taken_over(void **state)
{
    fixture *f = *state;
    sink_start(f, 0);
    for (int i = 0; i < 3; i++) {
        char to[64];
        snprintf(to, sizeof to, "yatim%d@example.com", i);
        queue_committed(f->s, "registrasi_diterima", to, "Registrasi Pemohon", "Mail dari pengirim yang mati.\n");
    }
    store_conn *c = store_acquire(f->s);
    assert_int_equal(store_exec(c, "UPDATE outbox SET claimed_until = $1", STORE_P(SP_I(time(NULL) + 2)), NULL), LK_OK);
    store_release(c);
    mailer *m = mailer_start(f->s, smtp_url(f), NULL, FROM);
    assert_non_null(m);
    mailer_wake(m);
    /* Not before the dead sender's claim ran out. */
    usleep(500 * 1000);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM outbox WHERE status = 'sent'", STORE_NOP), 0);
    wait_for(f->s, "SELECT count(*) FROM outbox WHERE status = 'sent'", 3);
    mailer_stop(m);
    assert_int_equal(count_files(f->sink_dir, ".eml"), 3);
    assert_int_equal(query_int(f->s, "SELECT sum(attempts) FROM outbox", STORE_NOP), 3);
}

static void test_invalid_configuration_is_refused(void **state)
{
    fixture *f = *state;
    log_set_level(LOG_ERROR + 1);   /* the refusals are logged by design */
    assert_null(mailer_start(f->s, "", f->mail_dir, "not an address"));
    assert_null(mailer_start(f->s, NULL, NULL, FROM));
    assert_null(mailer_start(f->s, NULL, "/nonexistent-loket-dir/mail", FROM));
    log_set_level(LOG_WARN);
    mailer_stop(NULL);
}

/* ---- groups ---- */

static int make_temp_dir(void)
{
    snprintf(backend.dir, sizeof backend.dir, "%s/loket-test-mailer-XXXXXX",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    return mkdtemp(backend.dir) ? 0 : -1;
}

static int sqlite_group_setup(void **state)
{
    return make_temp_dir();
}

static int sqlite_group_teardown(void **state)
{
    remove_tree(backend.dir);
    return 0;
}

static int pg_group_setup(void **state)
{
    char err[512];
    if (make_temp_dir()) return -1;
    backend.pg_admin = store_open(backend.pg_url, 1, err, sizeof err);
    if (!backend.pg_admin) print_error("%s\n", err);
    return backend.pg_admin ? 0 : -1;
}

static int pg_group_teardown(void **state)
{
    store_close(backend.pg_admin);
    backend.pg_admin = NULL;
    remove_tree(backend.dir);
    return 0;
}

int main(void)
{
    log_set_level(LOG_WARN);   /* no "applied migration" lines between test results */
    signal(SIGPIPE, SIG_IGN);
#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_compose_texts),
        cmocka_unit_test(test_compose_english),
        T(test_rollback_leaves_no_mail),
        T(test_bad_input_is_refused),
        T(test_delivered_over_smtp),
        T(test_temporary_failure_is_retried),
        T(test_unreachable_server_keeps_mail_pending),
        T(test_permanent_refusal_fails_at_once),
        T(test_long_outage_delivers_each_mail_once),
        T(test_eml_files_without_smtp),
        T(test_two_mailers_deliver_each_mail_once),
        T(test_claims_of_a_dead_sender_are_taken_over),
        T(test_invalid_configuration_is_refused),
    };
#undef T
    int failed = 0;
    backend.kind = STORE_SQLITE;
    failed += cmocka_run_group_tests_name("mailer on SQLite", tests, sqlite_group_setup,
                                          sqlite_group_teardown);
    backend.pg_url = getenv("LOKET_TEST_PG_URL");
    if (backend.pg_url && *backend.pg_url) {
        backend.kind = STORE_PG;
        failed += cmocka_run_group_tests_name("mailer on PostgreSQL", tests, pg_group_setup,
                                              pg_group_teardown);
    } else {
        fflush(stdout);   /* cmocka writes its summaries to stderr; keep the order */
        fprintf(stderr, "[  SKIPPED ] mailer on PostgreSQL: LOKET_TEST_PG_URL is not set\n");
    }
    return failed ? 1 : 0;
}

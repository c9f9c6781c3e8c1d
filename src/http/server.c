/* http/server.c — the libmicrohttpd daemon: listening, the request cycle, sending
 * responses, the access log and graceful stop.
 *
 * Request cycle (libmicrohttpd calls on_request several times per request):
 *   1st call   create the req (arena), check the path, route it, refuse an over-size
 *              Content-Length at once (413), start the body parser;
 *   body calls feed the parser (http/form.c);
 *   last call  the whole body is in: call the handler, then queue its response.
 * A response is only queued after the body was read, so keep-alive connections stay
 * open (queueing early makes libmicrohttpd close them).
 * Every response gets the security headers; text bodies over 1 KB are gzip-compressed
 * when the client accepts it (slow links).
 * A driven server (http_server_start_driven) runs the same daemon and request cycle
 * without listener or threads, in its caller's thread (the fuzz target). */
#include "http/internal.h"
#include "util/alloc.h"
#include "util/gzip.h"
#include "util/log.h"
#include "util/text.h"
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

struct http_server {
    struct MHD_Daemon *daemon;
    http_router *router;
    http_limits limits;
    void *app;
    char *upload_dir;
    int listen_fd;
    unsigned port;
    atomic_int in_flight;
    int access_log_fd;          /* -1: off */
    background *bg;
    http_stats *stats;
    conn_guard *guard;          /* accepts connections (http/guard.c) */
};

/* Request threads run at this nice value, the hashing workers (http/background.c) at 0:
 * when log-ins are waiting, a worker keeps about a core's worth of CPU even with every
 * request thread busy (weight 1024 against 526 per request thread; four request
 * threads and one worker on two cores), and when none wait the pages have it all.  Raising the
 * workers' priority instead would need CAP_SYS_NICE, which the service does not hold. */
enum { REQUEST_NICE = 3 };

/* The answer when the background pool is full or a job waited too long (the web layer's
 * error page translates it). */
static const char BUSY_REASON[] = "Terlalu banyak permintaan masuk saat ini. Silakan coba lagi sebentar lagi.";


static const char *SECURITY_HEADERS[][2] = {
    {"Content-Security-Policy",
     "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
     "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"},
    {"X-Content-Type-Options", "nosniff"},
    {"Referrer-Policy", "same-origin"},
    {"X-Frame-Options", "DENY"},
    {"Cross-Origin-Opener-Policy", "same-origin"},
    {"Permissions-Policy", "camera=(), microphone=(), geolocation=()"},
};

http_limits http_limits_default(void)
{
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned threads = cores > 0 ? (unsigned)cores * 2 : 4;
    if (threads < 4) threads = 4;
    return (http_limits){
        .max_body = 8u << 20,
        .max_fields = 200,
        .max_field_len = 64u << 10,
        .max_upload = 5u << 20,
        .max_uploads = 5,
        .header_memory = 16u << 10,
        .threads = threads,
        .timeout_s = 30,
        /* One hashing worker per two cores: each hash in flight holds 7 MiB (19 MiB
         * before the parameters of util/crypto.c changed, when two workers on two cores
         * took the server's peak memory from 64 to 84 MB in the bench).  What share of
         * the CPU they get under full page load is set by REQUEST_NICE below. */
        .background_threads = cores > 2 ? (unsigned)cores / 2 : 1,
        /* The queue holds about 1.5 s of argon2id work per worker (~30-50 ms a hash):
         * past that a clear "try again" serves the visitor better than a page that
         * hangs.  The waiting limit only stops a stalled queue (a machine saturated by
         * something else): at 1.5 s it refused browser tests' log-ins while a benchmark
         * ran beside them. */
        .background_queue = 32 * (cores > 2 ? (unsigned)cores / 2 : 1),
        .background_wait_ms = 5000,
        /* A log-in admitted waits at most about a second before its hash starts (issue
         * 12: log-in p50 < 1 s, p99 < 3 s): on a machine too busy to hash 20 a second
         * the excess hears "coba lagi" at once rather than everyone waiting seconds.
         * A log-in that finds the queue empty is always admitted. */
        .background_expected_wait_ms = 1000,
        .access_log = 1,
        .max_conns = 4000,
        .max_conns_per_ip = 64,
        .header_timeout_s = 10,
        .min_body_rate = 1024,
    };
}

const http_limits *server_limits(const struct http_server *srv)
{
    return &srv->limits;
}

const char *server_upload_dir(const struct http_server *srv)
{
    return srv->upload_dir;
}

unsigned http_server_port(const http_server *srv)
{
    return srv->port;
}

/* Percent-decoding for the path and query.  A malformed escape ("%zz", "%4") becomes a
 * 0xFF byte, which is never valid UTF-8, so the request is refused with 400 later
 * instead of being guessed at. */
static size_t unescape_strict(void *cls, struct MHD_Connection *c, char *s)
{
    char *out = s;
    for (char *p = s; *p; p++) {
        if (*p == '+') {
            *out++ = ' ';
        } else if (*p == '%') {
            int hi = p[1] ? (p[1] >= '0' && p[1] <= '9' ? p[1] - '0' : (p[1] | 32) >= 'a' && (p[1] | 32) <= 'f' ? (p[1] | 32) - 'a' + 10 : -1) : -1;
            int lo = hi >= 0 && p[2] ? (p[2] >= '0' && p[2] <= '9' ? p[2] - '0' : (p[2] | 32) >= 'a' && (p[2] | 32) <= 'f' ? (p[2] | 32) - 'a' + 10 : -1) : -1;
            if (hi < 0 || lo < 0) {
                *out++ = (char)0xFF;
            } else {
                char ch = (char)(hi * 16 + lo);
                *out++ = ch ? ch : (char)0xFF;   /* %00 is refused the same way */
                p += 2;
            }
        } else {
            *out++ = *p;
        }
    }
    *out = '\0';
    return (size_t)(out - s);
}

static enum MHD_Result check_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    int *bad = cls;
    if ((key && !utf8_valid(key, strlen(key))) || (value && !utf8_valid(value, strlen(value)))) {
        *bad = 1;
        return MHD_NO;
    }
    return MHD_YES;
}

static int is_compressible(const char *ctype)
{
    return ctype && (strncmp(ctype, "text/", 5) == 0 || strncmp(ctype, "application/json", 16) == 0 ||
                     strncmp(ctype, "application/javascript", 22) == 0 || strncmp(ctype, "image/svg", 9) == 0);
}

static const char *find_header(req_full *rq, const char *name)
{
    for (kv *h = rq->headers; h; h = h->next)
        if (strcasecmp(h->name, name) == 0) return h->value;
    return NULL;
}

static enum MHD_Result send_response(req_full *rq)
{
    struct MHD_Response *resp = NULL;
    int head = strcmp(rq->pub.method, "HEAD") == 0;
    const char *ctype = find_header(rq, "Content-Type");
    int gz = 0;

    if (rq->body_kind == BODY_FILE) {
        int fd = open(rq->file_path, O_RDONLY | O_CLOEXEC);
        struct stat st;
        if (fd < 0 || fstat(fd, &st) != 0) {
            if (fd >= 0) close(fd);
            log_error("cannot open %s for sending: %s", rq->file_path, strerror(errno));
            rq->status = 500;
            rq->body_kind = BODY_BUF;
            buf_reset(&rq->body);
            buf_puts(&rq->body, "Berkas tidak dapat dibaca.\n");
        } else {
            resp = MHD_create_response_from_fd((uint64_t)st.st_size, fd);
        }
    }
    if (!resp && rq->body_kind == BODY_SHARED) {
        resp = shared_response(rq, req_accepts_gzip(&rq->pub), &gz);
        if (!resp) return MHD_NO;
    }
    if (!resp && rq->body_kind == BODY_STATIC) {
        resp = MHD_create_response_from_buffer(rq->static_len, (void *)rq->static_data,
                                               MHD_RESPMEM_PERSISTENT);
    }
    if (!resp) {
        size_t len = rq->body.len;
        if (len > 1024 && !head && is_compressible(ctype) && req_accepts_gzip(&rq->pub)) {
            buf z = BUF_INIT;
            if (gzip_bytes(rq->body.data, len, GZIP_LEVEL_DYNAMIC, &z)) {
                buf_free(&rq->body);
                rq->body = z;
                gz = 1;
            } else {
                buf_free(&z);
            }
        }
        len = rq->body.len;
        char *data = buf_steal(&rq->body);
        resp = MHD_create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE);
    }
    if (!resp) return MHD_NO;
    /* A handler may tighten or adapt one of these (e.g. a file shown inside a page of
     * ours needs frame-ancestors 'self'); its own value then replaces the default. */
    for (size_t i = 0; i < sizeof SECURITY_HEADERS / sizeof *SECURITY_HEADERS; i++)
        if (!find_header(rq, SECURITY_HEADERS[i][0]))
            MHD_add_response_header(resp, SECURITY_HEADERS[i][0], SECURITY_HEADERS[i][1]);
    for (kv *h = rq->headers; h; h = h->next) MHD_add_response_header(resp, h->name, h->value);
    MHD_add_response_header(resp, "X-Request-Id", rq->request_id);
    if (gz) MHD_add_response_header(resp, "Content-Encoding", "gzip");
    if (is_compressible(ctype)) MHD_add_response_header(resp, "Vary", "Accept-Encoding");
    if (!rq->status) rq->status = 200;
    enum MHD_Result ret = MHD_queue_response(rq->conn, (unsigned)rq->status, resp);
    MHD_destroy_response(resp);
    rq->queued = 1;
    return ret;
}

/* An error found by this layer (bad path, limits, unknown route): the web layer renders
 * the page; without an error handler a plain text answer is sent. */
static enum MHD_Result send_error(req_full *rq, int status, const char *reason)
{
    http_error_handler eh = router_error_handler(rq->srv->router);
    rq->status = status;
    if (eh) {
        eh(&rq->pub, status, reason);
        rq->status = status;
    } else {
        resp_text(&rq->pub, status, "text/plain; charset=utf-8", reason);
    }
    return send_response(rq);
}

/* The request id: the one a proxy in front sent (nginx: proxy_set_header X-Request-Id
 * $request_id) when it looks like an id, else 16 random hex digits. */
static void take_request_id(req_full *rq)
{
    const char *given = MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND, "X-Request-Id");
    size_t n = given ? strlen(given) : 0;
    int ok = n >= 8 && n < sizeof rq->request_id;
    for (size_t i = 0; ok && i < n; i++)
        ok = (given[i] >= '0' && given[i] <= '9') || ((given[i] | 32) >= 'a' && (given[i] | 32) <= 'z') ||
             given[i] == '-' || given[i] == '_' || given[i] == '.';
    if (ok) {
        memcpy(rq->request_id, given, n + 1);
        return;
    }
    unsigned char rnd[8] = {0};
    if (getrandom(rnd, sizeof rnd, 0) != (ssize_t)sizeof rnd) {
        uint64_t t = (uint64_t)rq->started.tv_nsec ^ ((uint64_t)rq->started.tv_sec << 20) ^ (uint64_t)(uintptr_t)rq;
        memcpy(rnd, &t, sizeof rnd);
    }
    for (size_t i = 0; i < sizeof rnd; i++) snprintf(rq->request_id + 2 * i, 3, "%02x", rnd[i]);
}

/* Size of the request line and headers as sent (near enough: separators counted), for
 * the stated limit; libmicrohttpd's own memory limit leaves room for the body buffer. */
static enum MHD_Result add_size(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    size_t *total = cls;
    *total += (key ? strlen(key) : 0) + (value ? strlen(value) : 0) + 4;
    return MHD_YES;
}

static size_t request_head_size(struct MHD_Connection *conn, const char *method, const char *url)
{
    size_t total = strlen(method) + strlen(url) + 12;
    MHD_get_connection_values(conn, MHD_HEADER_KIND, add_size, &total);
    MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, add_size, &total);
    return total;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_size, void **con_cls)
{
    http_server *srv = cls;
    req_full *rq = *con_cls;

    if (!rq) {
        static __thread int reniced;   /* Linux applies nice per thread */
        if (!reniced) {
            reniced = 1;
            /* Only ever lowered: a server started under `nice -n 19` (or a driven one,
             * whose caller's thread this is) keeps its lower priority. */
            id_t tid = (id_t)syscall(SYS_gettid);
            errno = 0;
            int now = getpriority(PRIO_PROCESS, tid);
            if (errno == 0 && now < REQUEST_NICE &&
                setpriority(PRIO_PROCESS, tid, REQUEST_NICE) != 0) { /* best effort */ }
        }
        rq = xcalloc(1, sizeof *rq);
        *con_cls = rq;
        atomic_fetch_add(&srv->in_flight, 1);
        clock_gettime(CLOCK_MONOTONIC, &rq->started);
        rq->pub.a = arena_new();
        rq->pub.app = srv->app;
        rq->pub.method = arena_strdup(rq->pub.a, method);
        rq->srv = srv;
        rq->conn = conn;
        rq->upload_fd = -1;
        guard_headers_done(conn);
        if (request_head_size(conn, method, url) > srv->limits.header_memory) {
            rq->pub.path = "/";
            return send_error(rq, 431, "Baris permintaan dan header terlalu besar (paling banyak 16 KB).");
        }
        take_request_id(rq);
        size_t ulen = strlen(url);
        rq->pub.path = arena_strndup(rq->pub.a, url, ulen);
        int bad_args = 0;
        MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, check_arg, &bad_args);
        if (url[0] != '/' || !utf8_valid(url, ulen) || bad_args) {
            rq->pub.path = "/";
            rq->bad_status = 400;
            rq->bad_reason = "Alamat halaman tidak sah (penyandian persen atau UTF-8 rusak).";
        } else {
            router_match(srv->router, rq->pub.a, rq->pub.method, rq->pub.path, &rq->route);
        }
        const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (cl && strtoull(cl, NULL, 10) > srv->limits.max_body)
            return send_error(rq, 413, "Kiriman terlalu besar.");
        if (!rq->bad_status && rq->route.handler && strcmp(rq->pub.method, "POST") == 0)
            form_start(rq);
        return MHD_YES;
    }

    if (*upload_size) {
        size_t n = *upload_size;
        *upload_size = 0;
        guard_body_bytes(conn, n);
        form_feed(rq, upload_data, n);
        /* A body far over its limit is not read to the end: answer now and close. */
        if (rq->bad_status == 413 && rq->body_bytes > srv->limits.max_body)
            return send_error(rq, 413, rq->bad_reason);
        return MHD_YES;
    }

    if (rq->queued) return MHD_YES;
    if (rq->deferred_done) return send_response(rq);
    guard_handling(conn);
    form_finish(rq);
    if (rq->bad_status) return send_error(rq, rq->bad_status, rq->bad_reason);
    if (!rq->route.handler) {
        if (rq->route.method_mismatch) {
            resp_header(&rq->pub, "Allow", rq->route.allow);
            return send_error(rq, 405, "Metode tidak diizinkan untuk alamat ini.");
        }
        return send_error(rq, 404, "Halaman tidak ditemukan.");
    }
    http_guard guard = router_guard(srv->router);
    if (!guard || guard(&rq->pub, rq->route.tag)) rq->route.handler(&rq->pub);
    if (rq->deferred) {
        /* Resumed by the background pool once the work has written the response. */
        clock_gettime(CLOCK_MONOTONIC, &rq->deferred_at);
        if (background_push(srv->bg, rq) != 0) {
            rq->deferred = NULL;
            return send_error(rq, 503, BUSY_REASON);
        }
        MHD_suspend_connection(conn);
        return MHD_YES;
    }
    return send_response(rq);
}

/* Called on a background thread for a job that waited too long: the 503 page instead. */
void server_refuse_deferred(req_full *rq)
{
    http_error_handler eh = router_error_handler(rq->srv->router);
    rq->status = 503;
    if (eh) eh(&rq->pub, 503, BUSY_REASON);
    else resp_text(&rq->pub, 503, "text/plain; charset=utf-8", BUSY_REASON);
    rq->status = 503;
}

/* Called on a background thread when deferred work is done. */
void server_resume(req_full *rq)
{
    rq->deferred_done = 1;
    MHD_resume_connection(rq->conn);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    http_server *srv = cls;
    req_full *rq = *con_cls;
    guard_request_done(conn);
    if (!rq) return;
    *con_cls = NULL;
    struct timespec end;
    clock_gettime(CLOCK_MONOTONIC, &end);
    double ms = (double)(end.tv_sec - rq->started.tv_sec) * 1e3 +
                (double)(end.tv_nsec - rq->started.tv_nsec) / 1e6;
    int status = toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? rq->status : 0;
    stats_record(srv->stats, rq->route.index, status, ms);
    if (srv->access_log_fd >= 0) {
        /* The path only, never the query: queries can carry tokens and search terms. */
        char line[2048], num[32];
        size_t n = log_prefix(line, sizeof line, LOG_INFO);
        log_kv(line, sizeof line, &n, "msg", "request");
        log_kv(line, sizeof line, &n, "id", rq->request_id);
        log_kv(line, sizeof line, &n, "ip", req_client_ip(&rq->pub));
        log_kv(line, sizeof line, &n, "method", rq->pub.method);
        log_kv(line, sizeof line, &n, "path", rq->pub.path);
        const char *method = NULL, *pattern = NULL;
        if (rq->route.index >= 0) router_route(srv->router, (size_t)rq->route.index, &method, &pattern);
        log_kv(line, sizeof line, &n, "route", pattern);
        snprintf(num, sizeof num, "%d", rq->status);
        log_kv(line, sizeof line, &n, "status", num);
        snprintf(num, sizeof num, "%.2f", ms);
        log_kv(line, sizeof line, &n, "ms", num);
        if (toe != MHD_REQUEST_TERMINATED_COMPLETED_OK) log_kv(line, sizeof line, &n, "aborted", "yes");
        log_raw_line(line, srv->access_log_fd);
    }
    form_cleanup(rq);
    shared_drop(rq);
    buf_free(&rq->body);
    arena_free(rq->pub.a);
    free(rq);
    atomic_fetch_sub(&srv->in_flight, 1);
}

/* Splits "host:port" / "[v6]:port" and binds a listening socket, so a port in use is
 * reported in words rather than as a failed daemon start. */
static int bind_listen(const char *listen_addr, unsigned *port_out, char *err, size_t errlen)
{
    char host[256];
    const char *port;
    if (listen_addr[0] == '[') {
        const char *end = strchr(listen_addr, ']');
        if (!end || end[1] != ':' || (size_t)(end - listen_addr - 1) >= sizeof host) goto bad;
        memcpy(host, listen_addr + 1, (size_t)(end - listen_addr - 1));
        host[end - listen_addr - 1] = '\0';
        port = end + 2;
    } else {
        const char *colon = strrchr(listen_addr, ':');
        if (!colon || (size_t)(colon - listen_addr) >= sizeof host) goto bad;
        memcpy(host, listen_addr, (size_t)(colon - listen_addr));
        host[colon - listen_addr] = '\0';
        port = colon + 1;
    }
    int64_t portnum;
    if (parse_int64(port, 0, 65535, &portnum) != 0) goto bad;
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM,
                             .ai_flags = AI_PASSIVE | AI_NUMERICSERV};
    struct addrinfo *res = NULL;
    int gai = getaddrinfo(host[0] ? host : NULL, port, &hints, &res);
    if (gai != 0) {
        snprintf(err, errlen, "cannot listen on %s: %s", listen_addr, gai_strerror(gai));
        return -1;
    }
    int fd = socket(res->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int one = 1;
    if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
        bind(fd, res->ai_addr, res->ai_addrlen) != 0 || listen(fd, 1024) != 0) {
        snprintf(err, errlen, "cannot listen on %s: %s", listen_addr, strerror(errno));
        if (fd >= 0) close(fd);
        freeaddrinfo(res);
        return -1;
    }
    freeaddrinfo(res);
    struct sockaddr_storage ss;
    socklen_t sl = sizeof ss;
    getsockname(fd, (struct sockaddr *)&ss, &sl);
    *port_out = ntohs(ss.ss_family == AF_INET6 ? ((struct sockaddr_in6 *)&ss)->sin6_port
                                                : ((struct sockaddr_in *)&ss)->sin_port);
    return fd;
bad:
    snprintf(err, errlen, "bad listen address \"%s\": expected HOST:PORT, e.g. 127.0.0.1:8080", listen_addr);
    return -1;
}

/* libmicrohttpd's own messages (a malformed request, a socket error) as Loket log lines
 * at warn level: quoted like every other line, and silenced with the log level. */
__attribute__((format(printf, 2, 0)))
static void mhd_log(void *cls, const char *fmt, va_list ap)
{
    char msg[1024];
    vsnprintf(msg, sizeof msg, fmt, ap);
    size_t n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == '\r')) msg[--n] = '\0';
    log_warn("libmicrohttpd: %s", msg);
}

/* Starts the daemon.  listen_addr NULL: a driven server (http_server_start_driven) with
 * no listening socket, guard threads or request threads; its caller runs it. */
static http_server *start_server(const char *listen_addr, const http_limits *lim, http_router *rt,
                                 void *app, const char *upload_dir, char *err, size_t errlen)
{
    const char *where = listen_addr ? listen_addr : "(driven)";
    http_server *srv = xcalloc(1, sizeof *srv);
    srv->router = rt;
    srv->limits = *lim;
    srv->app = app;
    srv->upload_dir = xstrdup(upload_dir);
    srv->limits.trusted_proxies = lim->trusted_proxies ? xstrdup(lim->trusted_proxies) : NULL;
    srv->access_log_fd = lim->access_log ? STDOUT_FILENO : -1;
    srv->stats = stats_new(router_count(rt));
    srv->listen_fd = -1;
    if (listen_addr) {
        srv->listen_fd = bind_listen(listen_addr, &srv->port, err, errlen);
        if (srv->listen_fd < 0) goto fail;
    }
    srv->guard = guard_new(srv->listen_fd, lim);
    if (!srv->guard) {
        snprintf(err, errlen, "cannot start the HTTP server on %s: %s", where, strerror(errno));
        if (srv->listen_fd >= 0) close(srv->listen_fd);
        goto fail;
    }
    srv->bg = background_start(lim->background_threads ? lim->background_threads : 1,
                               lim->background_queue ? lim->background_queue : 1, lim->background_wait_ms,
                               lim->background_expected_wait_ms);

    /* The guard accepts and hands connections over (MHD_add_connection); the daemon's
     * own limit sits above the guard's so the guard is the one that answers 503. */
    unsigned int flags = MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG | MHD_USE_TURBO |
                         MHD_USE_NO_LISTEN_SOCKET | MHD_USE_ITC;
    /* Driven: epoll without threads, so MHD_add_connection and MHD_run work in the
     * caller's thread (a thread pool would need the caller to be MHD's worker). */
    flags |= listen_addr ? MHD_USE_EPOLL_INTERNAL_THREAD : MHD_USE_EPOLL;
    srv->daemon = MHD_start_daemon(
        flags, 0, NULL, NULL, on_request, srv,
        MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)lim->timeout_s,
        /* libmicrohttpd clears a connection's whole memory pool between requests, so its
         * size is paid on every request (an 80 KB pool was a fifth of a cached page's
         * cost): room for the stated header limit and as much again for reading bodies. */
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)lim->header_memory * 2,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned int)lim->max_conns + 64,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv,
        MHD_OPTION_NOTIFY_CONNECTION, guard_notify, srv->guard,
        MHD_OPTION_UNESCAPE_CALLBACK, unescape_strict, NULL,
        /* Last, as a driven server has no pool (libmicrohttpd warns about a size 0). */
        listen_addr ? MHD_OPTION_THREAD_POOL_SIZE : MHD_OPTION_END, (unsigned int)lim->threads,
        MHD_OPTION_END);
    int guard_ok = srv->daemon && (listen_addr ? guard_run(srv->guard, srv->daemon) == 0
                                               : (guard_set_daemon(srv->guard, srv->daemon), 1));
    if (!guard_ok) {
        snprintf(err, errlen, "cannot start the HTTP server on %s", where);
        if (srv->daemon) MHD_stop_daemon(srv->daemon);
        guard_free(srv->guard);
        if (srv->listen_fd >= 0) close(srv->listen_fd);
        background_stop(srv->bg);
        goto fail;
    }
    return srv;
fail:
    stats_free(srv->stats);
    free((char *)srv->limits.trusted_proxies);
    free(srv->upload_dir);
    free(srv);
    return NULL;
}

http_server *http_server_start(const char *listen_addr, const http_limits *lim, http_router *rt,
                               void *app, const char *upload_dir, char *err, size_t errlen)
{
    return start_server(listen_addr, lim, rt, app, upload_dir, err, errlen);
}

http_server *http_server_start_driven(const http_limits *lim, http_router *rt, void *app,
                                      const char *upload_dir, char *err, size_t errlen)
{
    return start_server(NULL, lim, rt, app, upload_dir, err, errlen);
}

int http_server_adopt(http_server *srv, int fd, const struct sockaddr *peer, socklen_t peer_len)
{
    return guard_admit(srv->guard, fd, peer, peer_len);
}

void http_server_run(http_server *srv)
{
    MHD_run(srv->daemon);
}

void http_server_stop(http_server *srv, unsigned grace_s)
{
    if (!srv) return;
    /* Stop accepting; requests already being served run to their end. */
    guard_stop_accepting(srv->guard);
    if (srv->listen_fd >= 0) close(srv->listen_fd);
    for (unsigned waited = 0; atomic_load(&srv->in_flight) > 0 && waited < grace_s * 100; waited++)
        usleep(10000);
    background_stop(srv->bg);
    MHD_stop_daemon(srv->daemon);
    stats_free(srv->stats);
    free((char *)srv->limits.trusted_proxies);
    guard_free(srv->guard);
    free(srv->upload_dir);
    free(srv);
}

void req_write_http_metrics(req *r, buf *out)
{
    http_server *srv = ((req_full *)r)->srv;
    stats_write(srv->stats, srv->router, out);
    buf_printf(out, "# HELP loket_http_requests_in_flight Requests being served now.\n"
                    "# TYPE loket_http_requests_in_flight gauge\nloket_http_requests_in_flight %d\n",
               atomic_load(&srv->in_flight));
    buf_printf(out, "# HELP loket_background_queue_length Deferred jobs (password hashing) waiting for a worker.\n"
                    "# TYPE loket_background_queue_length gauge\nloket_background_queue_length %u\n",
               background_queued(srv->bg));
}

/* fuzz/fuzz_http.c — libFuzzer target for everything Loket parses of an HTTP request:
 * the request line and headers, percent-decoding of the path and query (unescape_strict),
 * cookies, urlencoded and multipart forms with streamed uploads (http/form.c), the
 * header limit, the connection guard's bookkeeping (http/guard.c) and the access log.
 *
 * The real server runs in this process, driven in this thread (http_server_start_driven):
 * each input is the raw bytes of one connection, one end of a socketpair handed to the
 * guard and libmicrohttpd (http_server_exchange, http/driven.c).  The input is written,
 * the connection half-closed and the answer read until the server closes, turning the
 * server's loop in between, so an input costs no thread switch, TCP set-up or wait (over
 * loopback TCP to the threaded server it was a tenth of the inputs per second, with
 * random waits of seconds).  The guard's deadlines (its reaper thread) are not fuzzed.
 * The handler reads every kind of value and checks what the HTTP layer promises (valid
 * UTF-8 strings, bounded uploads, next= stays on this site).  A memory error aborts the
 * process, so libFuzzer reports the input that caused it.  Connections the server left
 * open after the client's half-close, with nothing left to move, are counted and the
 * count printed at exit; libmicrohttpd's idle timeout (1 s here) ends them. */
#include "fuzz/fuzz_common.h"
#include "http/http.h"
#include "util/log.h"
#include "util/text.h"
#include "web/auth.h"
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <unistd.h>

static http_server *srv;
static unsigned long long inputs, left_open;
static char upload_dir[] = "/dev/shm/loket-fuzz-http-XXXXXX";

static void check_utf8(const char *s)
{
    if (s) CHECK(utf8_valid(s, strlen(s)));
}

static void handler(req *r)
{
    CHECK(r->path[0] == '/');
    check_utf8(r->path);
    const char *q = req_query(r, "q");
    check_utf8(q);
    const char *next = web_local_path(req_query(r, "next"));
    CHECK(next[0] == '/' && next[1] != '/' && next[1] != '\\');
    req_cookie(r, "sid");
    req_cookie(r, "lang");
    req_header(r, "Content-Type");
    const char **all = NULL;
    size_t n = req_form_all(r, "a", &all);
    for (size_t i = 0; i < n; i++) check_utf8(all[i]);
    check_utf8(req_form(r, "b"));
    check_utf8(req_param(r, "x"));
    http_upload *u = req_upload(r, "berkas");
    if (u) {
        CHECK(u->size >= 0 && (size_t)u->size <= (64u << 10));
        check_utf8(u->file_name);
    }
    resp_text(r, 200, "text/plain; charset=utf-8", "ok\n");
}

static void at_exit(void)
{
    fprintf(stderr, "fuzz_http: %llu connections, %llu left open by the server after the client's half-close\n",
            inputs, left_open);
    rmdir(upload_dir);   /* every upload was removed with its request */
}

static void start(void)
{
    /* Uploads are fsync'ed before the handler sees them: on tmpfs that costs nothing. */
    if (!mkdtemp(upload_dir)) {
        static const char fallback[] = "/tmp/loket-fuzz-http-XXXXXX";
        _Static_assert(sizeof fallback <= sizeof upload_dir, "the fallback fits");
        memcpy(upload_dir, fallback, sizeof fallback);
        CHECK(mkdtemp(upload_dir));
    }
    /* The access log is written for every request (hostile paths through log_kv), to
     * /dev/null: libFuzzer reports on stderr. */
    int devnull = open("/dev/null", O_WRONLY | O_CLOEXEC);
    CHECK(devnull >= 0 && dup2(devnull, STDOUT_FILENO) == STDOUT_FILENO);
    close(devnull);
    /* libmicrohttpd's warnings (a malformed request, TCP options a socketpair lacks)
     * would fill the run's log: errors only. */
    log_set_level(LOG_ERROR);
    http_limits lim = http_limits_default();
    lim.access_log = 1;
    lim.background_threads = 1;
    lim.max_upload = 64u << 10;
    lim.max_body = 256u << 10;
    lim.timeout_s = 1;
    lim.max_conns_per_ip = 0;
    http_router *rt = http_router_new();
    http_route(rt, "GET", "/", handler);
    http_route(rt, "POST", "/", handler);
    http_route(rt, "GET", "/a/:x", handler);
    http_route(rt, "POST", "/a/:x", handler);
    http_route(rt, "GET", "/s/*", handler);
    char err[200];
    srv = http_server_start_driven(&lim, rt, NULL, upload_dir, err, sizeof err);
    CHECK(srv);
    atexit(at_exit);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!srv) start();
    if (size > (300u << 10)) return 0;
    struct sockaddr_in peer = {.sin_family = AF_INET, .sin_port = htons(40000)};
    peer.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    char answer[4096];
    size_t got;
    int closed = http_server_exchange(srv, (struct sockaddr *)&peer, sizeof peer, data, size,
                                      answer, sizeof answer, &got);
    CHECK(closed >= 0);   /* no per-address share here: never refused */
    inputs++;
    if (!closed) left_open++;
    if (got >= 8) CHECK(memcmp(answer, "HTTP/1.", 7) == 0);
    return 0;
}

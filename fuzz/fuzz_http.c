/* fuzz/fuzz_http.c — libFuzzer target for everything Loket parses of an HTTP request:
 * the request line and headers, percent-decoding of the path and query (unescape_strict),
 * cookies, urlencoded and multipart forms with streamed uploads (http/form.c), the
 * header limit, the connection guard's bookkeeping (http/guard.c) and the access log.
 *
 * The real server runs in this process, driven in this thread (http_server_start_driven):
 * each input is the raw bytes of one connection, one end of a socketpair handed to the
 * guard and libmicrohttpd with http_server_adopt.  The input is written, the connection
 * half-closed and the answer read until the server closes, turning the server's loop
 * (http_server_run) in between, so an input costs no thread switch, TCP set-up or wait:
 * about 20 times the inputs per second of sending it over loopback TCP to a threaded
 * server.  The guard's deadlines (its reaper thread) are not fuzzed.  The handler reads
 * every kind of value and checks what the HTTP layer promises (valid UTF-8 strings,
 * bounded uploads, next= stays on this site).  A memory error aborts the process, so
 * libFuzzer reports the input that caused it.  A connection the server leaves open after
 * the client's half-close, with nothing left to read or write, is counted and printed at
 * exit ("connections left open"); libmicrohttpd's idle timeout (1 s here) ends it. */
#include "fuzz/fuzz_common.h"
#include "http/http.h"
#include "util/log.h"
#include "util/text.h"
#include "web/auth.h"
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

static http_server *srv;
static unsigned long long inputs, left_open;

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

static void report(void)
{
    fprintf(stderr, "fuzz_http: %llu connections, %llu left open by the server after the client's half-close\n",
            inputs, left_open);
}

static void start(void)
{
    /* Uploads are fsync'ed before the handler sees them: on tmpfs that costs nothing. */
    char dir[] = "/dev/shm/loket-fuzz-http-XXXXXX", tmpdir[] = "/tmp/loket-fuzz-http-XXXXXX";
    char *updir = mkdtemp(dir);
    if (!updir) updir = mkdtemp(tmpdir);
    CHECK(updir);
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
    srv = http_server_start_driven(&lim, rt, NULL, updir, err, sizeof err);
    CHECK(srv);
    atexit(report);
}

/* Turns of the server's loop with nothing moving before a connection counts as left open. */
enum { IDLE_TURNS = 64 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!srv) start();
    if (size > (300u << 10)) return 0;
    int sv[2];
    CHECK(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, sv) == 0);
    struct sockaddr_in peer = {.sin_family = AF_INET, .sin_port = htons(40000)};
    peer.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    CHECK(http_server_adopt(srv, sv[1], (struct sockaddr *)&peer, sizeof peer) == 0);
    inputs++;
    char answer[4096];
    size_t sent = 0, got = 0;
    int half_closed = 0, closed = 0;
    for (unsigned idle = 0; !closed;) {
        int moved = 0;
        if (sent < size) {
            ssize_t w = send(sv[0], data + sent, size - sent, MSG_NOSIGNAL);
            if (w > 0) sent += (size_t)w, moved = 1;
            else if (w < 0 && errno != EAGAIN) sent = size;   /* closed early (413, 431): fine */
        }
        if (sent == size && !half_closed) {
            shutdown(sv[0], SHUT_WR);
            half_closed = moved = 1;
        }
        http_server_run(srv);
        for (;;) {
            char chunk[4096];
            ssize_t n = recv(sv[0], chunk, sizeof chunk, 0);
            if (n > 0) {
                if (got < sizeof answer)
                    memcpy(answer + got, chunk, (size_t)n < sizeof answer - got ? (size_t)n : sizeof answer - got);
                got += (size_t)n;
                moved = 1;
            } else {
                if (n == 0 || errno != EAGAIN) closed = 1;
                break;
            }
        }
        idle = moved ? 0 : idle + 1;
        if (idle > IDLE_TURNS) {
            left_open++;
            break;
        }
    }
    if (got >= 8) CHECK(memcmp(answer, "HTTP/1.", 7) == 0);
    close(sv[0]);
    return 0;
}

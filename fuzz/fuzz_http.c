/* fuzz/fuzz_http.c — libFuzzer target for everything Loket parses of an HTTP request:
 * the request line and headers, percent-decoding of the path and query (unescape_strict),
 * cookies, urlencoded and multipart forms with streamed uploads (http/form.c), the
 * header limit and the connection guard (http/guard.c).
 *
 * The real server runs in this process on a loopback port; each input is sent as the
 * raw bytes of one connection, which is then half-closed and read to its end.  The
 * handler reads every kind of value and checks what the HTTP layer promises (valid
 * UTF-8 strings, bounded uploads).  A memory error in any server thread aborts the
 * process, so libFuzzer reports the input that caused it. */
#include "fuzz/fuzz_common.h"
#include "http/http.h"
#include "util/text.h"
#include "web/auth.h"
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

static http_server *srv;
static unsigned port;

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

static void start(void)
{
    char dir[] = "/tmp/loket-fuzz-http-XXXXXX";
    CHECK(mkdtemp(dir));
    http_limits lim = http_limits_default();
    lim.threads = 2;
    lim.background_threads = 1;
    lim.max_upload = 64u << 10;
    lim.max_body = 256u << 10;
    lim.header_timeout_s = 2;
    lim.max_conns_per_ip = 0;
    http_router *rt = http_router_new();
    http_route(rt, "GET", "/", handler);
    http_route(rt, "POST", "/", handler);
    http_route(rt, "GET", "/a/:x", handler);
    http_route(rt, "POST", "/a/:x", handler);
    http_route(rt, "GET", "/s/*", handler);
    char err[200];
    setenv("LOKET_ACCESS_LOG", "off", 1);
    srv = http_server_start("127.0.0.1:0", &lim, rt, NULL, dir, err, sizeof err);
    CHECK(srv);
    port = http_server_port(srv);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!srv) start();
    if (size > (300u << 10)) return 0;
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    CHECK(fd >= 0);
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    CHECK(connect(fd, (struct sockaddr *)&sa, sizeof sa) == 0);
    size_t sent = 0;
    while (sent < size) {
        ssize_t w = send(fd, data + sent, size - sent, MSG_NOSIGNAL);
        if (w <= 0) break;   /* the server closed early (413, 431): fine */
        sent += (size_t)w;
    }
    shutdown(fd, SHUT_WR);
    char answer[4096];
    size_t got = 0;
    struct pollfd pf = {.fd = fd, .events = POLLIN};
    while (poll(&pf, 1, 5000) > 0) {
        ssize_t n = recv(fd, answer + (got < sizeof answer ? got : 0),
                         got < sizeof answer ? sizeof answer - got : sizeof answer, 0);
        if (n <= 0) break;
        got += (size_t)n;
    }
    if (got >= 8) CHECK(memcmp(answer, "HTTP/1.", 7) == 0);
    close(fd);
    return 0;
}

/* tests/unit/test_http_driven.c — the HTTP layer driven in the test's thread
 * (http_server_start_driven + http_server_exchange), as fuzz_http uses it: a request's
 * raw bytes through a socketpair get the handler's answer with the security headers, the
 * peer address handed over is the client's address, a malformed form never reaches the
 * handler, a request cut short is closed without an answer, and the guard's share per
 * address answers 503 to the excess while another address still gets in. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "http/http.h"
#include "util/log.h"

static int handled;

static void echo(req *r)
{
    handled++;
    buf *b = resp_body(r);
    const char *q = req_query(r, "q"), *nama = req_form(r, "nama");
    buf_printf(b, "ip=%s q=%s nama=%s\n", req_client_ip(r), q ? q : "-", nama ? nama : "-");
    resp_status(r, 200);
    resp_header(r, "Content-Type", "text/plain; charset=utf-8");
}

static http_server *start(char *dir, unsigned per_ip)
{
    assert_non_null(mkdtemp(dir));
    http_limits lim = http_limits_default();
    lim.access_log = 0;
    lim.max_conns_per_ip = per_ip;
    http_router *rt = http_router_new();
    http_route(rt, "GET", "/", echo);
    http_route(rt, "POST", "/", echo);
    char err[200];
    http_server *srv = http_server_start_driven(&lim, rt, NULL, dir, err, sizeof err);
    assert_non_null(srv);
    assert_int_equal(http_server_port(srv), 0);
    return srv;
}

static struct sockaddr_in peer(const char *ip)
{
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons(51000)};
    assert_int_equal(inet_pton(AF_INET, ip, &sa.sin_addr), 1);
    return sa;
}

/* The answer to `request` from `ip` (NUL-terminated, cut at 4 KB); *closed gets the
 * exchange's result. */
static const char *ask(http_server *srv, const char *ip, const char *request, int *closed)
{
    static char answer[4097];
    size_t got;
    struct sockaddr_in sa = peer(ip);
    *closed = http_server_exchange(srv, (struct sockaddr *)&sa, sizeof sa, request, strlen(request),
                                   answer, sizeof answer - 1, &got);
    answer[got < sizeof answer - 1 ? got : sizeof answer - 1] = '\0';
    return answer;
}

static void test_request_answered(void **st)
{
    (void)st;
    char dir[] = "/tmp/loket-test-driven-XXXXXX";
    http_server *srv = start(dir, 0);
    int closed;
    handled = 0;
    const char *a = ask(srv, "192.0.2.7", "GET /?q=izin%20usaha HTTP/1.1\r\nHost: x\r\n\r\n", &closed);
    assert_int_equal(closed, 1);
    assert_int_equal(handled, 1);
    assert_non_null(strstr(a, "HTTP/1.1 200"));
    assert_non_null(strstr(a, "X-Content-Type-Options: nosniff"));
    assert_non_null(strstr(a, "ip=192.0.2.7 q=izin usaha nama=-"));

    a = ask(srv, "192.0.2.7",
            "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            "Content-Length: 12\r\n\r\nnama=Sri+Ayu", &closed);
    assert_non_null(strstr(a, "nama=Sri Ayu\n"));
    http_server_stop(srv, 1);
    rmdir(dir);
}

static void test_bad_input_refused(void **st)
{
    (void)st;
    char dir[] = "/tmp/loket-test-driven-XXXXXX";
    http_server *srv = start(dir, 0);
    int closed;
    handled = 0;
    /* Invalid UTF-8 in a form value: 400, and the handler never sees it. */
    const char *a = ask(srv, "192.0.2.8",
                        "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                        "Content-Length: 9\r\n\r\nnama=%FF!", &closed);
    assert_non_null(strstr(a, "HTTP/1.1 400"));
    assert_int_equal(handled, 0);
    /* A body cut short by the client's close: closed, no answer, no handler. */
    a = ask(srv, "192.0.2.8",
            "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            "Content-Length: 100\r\n\r\nnama=", &closed);
    assert_int_equal(closed, 1);
    assert_string_equal(a, "");
    assert_int_equal(handled, 0);
    /* A header block over the stated 16 KB: 431. */
    char *big = malloc(20000);
    int n = snprintf(big, 20000, "GET / HTTP/1.1\r\nHost: x\r\nX-Pad: ");
    memset(big + n, 'a', 17000);
    strcpy(big + n + 17000, "\r\n\r\n");
    a = ask(srv, "192.0.2.8", big, &closed);
    free(big);
    assert_non_null(strstr(a, "HTTP/1.1 431"));
    assert_int_equal(handled, 0);
    http_server_stop(srv, 1);
    rmdir(dir);
}

static void test_share_per_address(void **st)
{
    (void)st;
    char dir[] = "/tmp/loket-test-driven-XXXXXX";
    http_server *srv = start(dir, 2);
    /* Two connections from one address held open without a byte sent. */
    int held[2][2];
    struct sockaddr_in sa = peer("198.51.100.9");
    for (int i = 0; i < 2; i++) {
        assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, held[i]), 0);
        assert_int_equal(http_server_adopt(srv, held[i][1], (struct sockaddr *)&sa, sizeof sa), 0);
    }
    http_server_run(srv);
    int closed;
    const char *a = ask(srv, "198.51.100.9", "GET / HTTP/1.1\r\nHost: x\r\n\r\n", &closed);
    assert_int_equal(closed, -1);
    assert_non_null(strstr(a, "HTTP/1.1 503"));
    assert_non_null(strstr(a, "Retry-After: 10"));
    a = ask(srv, "198.51.100.10", "GET / HTTP/1.1\r\nHost: x\r\n\r\n", &closed);
    assert_int_equal(closed, 1);
    assert_non_null(strstr(a, "HTTP/1.1 200"));
    /* Once the held ones are gone the address is let in again. */
    for (int i = 0; i < 2; i++) close(held[i][0]);
    for (int i = 0; i < 4; i++) http_server_run(srv);
    a = ask(srv, "198.51.100.9", "GET / HTTP/1.1\r\nHost: x\r\n\r\n", &closed);
    assert_int_equal(closed, 1);
    assert_non_null(strstr(a, "HTTP/1.1 200"));
    http_server_stop(srv, 1);
    rmdir(dir);
}

int main(void)
{
    log_set_level(LOG_ERROR);   /* libmicrohttpd's warnings about TCP options on a socketpair */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_request_answered),
        cmocka_unit_test(test_bad_input_refused),
        cmocka_unit_test(test_share_per_address),
    };
    return cmocka_run_group_tests_name("http_driven", tests, NULL, NULL);
}

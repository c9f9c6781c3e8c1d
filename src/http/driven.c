/* http/driven.c — one connection's whole exchange with a driven server
 * (http_server_start_driven), in the caller's thread: the fuzz target and the HTTP
 * layer's unit test send raw bytes through a socketpair and read what the server
 * answered, with no thread switch, TCP set-up or wait. */
#include "http/http.h"
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* Turns of the server's loop with nothing moving before a connection counts as left open. */
enum { IDLE_TURNS = 64 };

/* Reads what is there; 1 once the server has closed its end. */
static int drain(int fd, char *answer, size_t cap, size_t *got, int *moved)
{
    for (;;) {
        char chunk[4096];
        ssize_t n = recv(fd, chunk, sizeof chunk, 0);
        if (n > 0) {
            if (*got < cap) memcpy(answer + *got, chunk, (size_t)n < cap - *got ? (size_t)n : cap - *got);
            *got += (size_t)n;
            *moved = 1;
        } else {
            return n == 0 || errno != EAGAIN;
        }
    }
}

int http_server_exchange(http_server *srv, const struct sockaddr *peer, socklen_t peer_len,
                         const void *data, size_t len, char *answer, size_t cap, size_t *answer_len)
{
    int sv[2];
    *answer_len = 0;
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, sv) != 0) return -1;
    int moved = 0;
    if (http_server_adopt(srv, sv[1], peer, peer_len) != 0) {
        /* Refused: the guard wrote its 503 and closed. */
        drain(sv[0], answer, cap, answer_len, &moved);
        close(sv[0]);
        return -1;
    }
    const char *bytes = data;
    size_t sent = 0;
    int half_closed = 0, closed = 0;
    for (unsigned idle = 0; !closed && idle <= IDLE_TURNS;) {
        moved = 0;
        if (sent < len) {
            ssize_t w = send(sv[0], bytes + sent, len - sent, MSG_NOSIGNAL);
            if (w > 0) sent += (size_t)w, moved = 1;
            else if (w < 0 && errno != EAGAIN) sent = len;   /* closed early (413, 431) */
        }
        if (sent == len && !half_closed) {
            shutdown(sv[0], SHUT_WR);
            half_closed = moved = 1;
        }
        http_server_run(srv);
        closed = drain(sv[0], answer, cap, answer_len, &moved);
        idle = moved ? 0 : idle + 1;
    }
    close(sv[0]);
    return closed;
}

/* http/guard.c — the connection guard: Loket accepts its own connections so that no
 * single client can take every connection slot (SPEC 8, SECURITY.md "Connections").
 *
 *   accept    an accept thread takes each connection from the listening socket; a client
 *             address over its share (max_conns_per_ip; IPv6 counted per /64) or a full
 *             server gets a short 503 with Retry-After and is closed, instead of silence;
 *             the rest are handed to libmicrohttpd (MHD_add_connection).
 *   deadlines libmicrohttpd's own timeout is an idle timeout that every byte resets, so a
 *             client trickling one header byte every few seconds would keep its slot
 *             forever.  A reaper thread therefore holds each connection to fixed
 *             deadlines: the request line and headers within header_timeout_s of the
 *             connection (after an answer on a keep-alive connection: within the idle
 *             timeout plus header_timeout_s), and the body at min_body_rate bytes per
 *             second on average after that grace.  A connection past its header
 *             deadline is closed silently (as nginx does: a browser may hold a spare
 *             connection unused and take a 408 on it as the answer to the request it
 *             sends just then); one past its body deadline gets 408.  libmicrohttpd then
 *             closes it.
 *   proxies   connections from a trusted proxy (trusted_proxies) are not limited per
 *             address: the proxy carries many clients and enforces its own limits (nginx
 *             limit_conn, client_header_timeout, client_body_timeout); the deadlines
 *             still apply.
 *
 * Each connection has an entry (socket context of libmicrohttpd's connection notices)
 * holding a dup() of its socket: shutting down the dup ends the connection and, as the
 * dup is only closed when libmicrohttpd reports the connection closed, it can never hit
 * a reused descriptor. */
#include "http/internal.h"
#include "util/alloc.h"
#include "util/log.h"
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* HEADERS: a new connection's first request; IDLE: a keep-alive connection between
 * requests (the next may come any time within the idle timeout, and then must be in
 * within the header deadline); BODY; HANDLING: the handler runs, no deadline. */
enum { PHASE_HEADERS, PHASE_IDLE, PHASE_BODY, PHASE_HANDLING };

typedef struct guard_entry {
    unsigned char addr[16];     /* the client's address key (IPv4-mapped, IPv6 /64) */
    int trusted;                /* a trusted proxy: no per-address limit */
    int dup_fd;
    atomic_int phase;
    atomic_llong since_ms;      /* start of the current phase */
    atomic_llong body_bytes;
    int ended;                  /* shut down by the reaper */
    struct guard_entry *prev, *next;
} guard_entry;

struct conn_guard {
    http_limits lim;
    int listen_fd;
    int wake[2];                /* a byte here stops both threads */
    struct MHD_Daemon *daemon;
    pthread_mutex_t mu;
    guard_entry *live;          /* every connection handed to libmicrohttpd */
    unsigned live_count;
    guard_entry **by_fd;        /* accepted, not yet seen by libmicrohttpd's notice */
    size_t by_fd_cap;
    pthread_t accepter, reaper;
    int threads_started;
    atomic_llong refused;
    atomic_llong timed_out;
};

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The key an address is counted under: IPv4 as IPv4-mapped IPv6, IPv6 by its /64
 * (one subscriber usually holds a whole /64). */
static void address_key(const struct sockaddr *sa, unsigned char key[16])
{
    memset(key, 0, 16);
    if (sa->sa_family == AF_INET) {
        key[10] = key[11] = 0xff;
        memcpy(key + 12, &((const struct sockaddr_in *)sa)->sin_addr, 4);
    } else if (sa->sa_family == AF_INET6) {
        const unsigned char *a = ((const struct sockaddr_in6 *)sa)->sin6_addr.s6_addr;
        static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
        memcpy(key, a, memcmp(a, mapped, 12) == 0 ? 16 : 8);
    }
}

int http_address_trusted(const char *list, const struct sockaddr *sa)
{
    if (!list || !*list || !sa) return 0;
    char host[INET6_ADDRSTRLEN];
    if (sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, host, sizeof host);
    else if (sa->sa_family == AF_INET6) {
        const struct in6_addr *a6 = &((const struct sockaddr_in6 *)sa)->sin6_addr;
        if (IN6_IS_ADDR_V4MAPPED(a6)) inet_ntop(AF_INET, &a6->s6_addr[12], host, sizeof host);
        else inet_ntop(AF_INET6, a6, host, sizeof host);
    } else
        return 0;
    size_t hl = strlen(host);
    for (const char *p = list; *p;) {
        while (*p == ',' || *p == ' ') p++;
        size_t n = strcspn(p, ", ");
        if (n == hl && strncmp(p, host, n) == 0) return 1;
        p += n;
    }
    return 0;
}

/* A short answer written straight to a socket libmicrohttpd does not own (yet). */
static void write_canned(int fd, int status, const char *reason, const char *text)
{
    char msg[512];
    int n = snprintf(msg, sizeof msg,
                     "HTTP/1.1 %d %s\r\nContent-Type: text/plain; charset=utf-8\r\n"
                     "Retry-After: 10\r\nConnection: close\r\nContent-Length: %zu\r\n\r\n%s",
                     status, reason, strlen(text), text);
    if (n > 0) (void)!send(fd, msg, (size_t)n, MSG_DONTWAIT | MSG_NOSIGNAL);
}

static void refuse(conn_guard *g, int fd)
{
    /* Read what already arrived so the close does not reset the connection before the
     * client has read the answer. */
    char sink[4096];
    while (recv(fd, sink, sizeof sink, MSG_DONTWAIT) > 0) {}
    write_canned(fd, 503, "Service Unavailable",
                 "Terlalu banyak koneksi dari alamat Anda. Coba lagi sebentar lagi.\n");
    shutdown(fd, SHUT_WR);
    close(fd);
    atomic_fetch_add(&g->refused, 1);
}

static unsigned count_address(const conn_guard *g, const unsigned char key[16])
{
    unsigned n = 0;
    for (const guard_entry *e = g->live; e; e = e->next)
        if (memcmp(e->addr, key, 16) == 0) n++;
    return n;
}

static void unlink_entry(conn_guard *g, guard_entry *e)
{
    if (e->prev) e->prev->next = e->next; else g->live = e->next;
    if (e->next) e->next->prev = e->prev;
    g->live_count--;
}

int guard_admit(conn_guard *g, int fd, const struct sockaddr *sa, socklen_t sl)
{
    unsigned char key[16];
    address_key(sa, key);
    int trusted = http_address_trusted(g->lim.trusted_proxies, sa);
    pthread_mutex_lock(&g->mu);
    int full = g->live_count >= g->lim.max_conns;
    int over = !trusted && g->lim.max_conns_per_ip && count_address(g, key) >= g->lim.max_conns_per_ip;
    int dup_fd = (full || over) ? -1 : fcntl(fd, F_DUPFD_CLOEXEC, 0);
    if (full || over || dup_fd < 0) {
        pthread_mutex_unlock(&g->mu);
        refuse(g, fd);
        return -1;
    }
    guard_entry *e = xcalloc(1, sizeof *e);
    memcpy(e->addr, key, 16);
    e->trusted = trusted;
    e->dup_fd = dup_fd;
    atomic_store(&e->phase, PHASE_HEADERS);
    atomic_store(&e->since_ms, now_ms());
    e->next = g->live;
    if (g->live) g->live->prev = e;
    g->live = e;
    g->live_count++;
    if ((size_t)fd >= g->by_fd_cap) {
        size_t cap = g->by_fd_cap ? g->by_fd_cap : 1024;
        while (cap <= (size_t)fd) cap *= 2;
        g->by_fd = xrealloc(g->by_fd, cap * sizeof *g->by_fd);
        memset(g->by_fd + g->by_fd_cap, 0, (cap - g->by_fd_cap) * sizeof *g->by_fd);
        g->by_fd_cap = cap;
    }
    g->by_fd[fd] = e;
    pthread_mutex_unlock(&g->mu);

    if (MHD_add_connection(g->daemon, fd, sa, sl) != MHD_YES) {
        /* libmicrohttpd closed the socket; forget the entry unless its notice took it. */
        pthread_mutex_lock(&g->mu);
        if ((size_t)fd < g->by_fd_cap && g->by_fd[fd] == e) {
            g->by_fd[fd] = NULL;
            unlink_entry(g, e);
            close(e->dup_fd);
            free(e);
        }
        pthread_mutex_unlock(&g->mu);
        return -1;
    }
    return 0;
}

static void *accept_loop(void *arg)
{
    conn_guard *g = arg;
    struct pollfd pf[2] = {{.fd = g->listen_fd, .events = POLLIN}, {.fd = g->wake[0], .events = POLLIN}};
    for (;;) {
        if (poll(pf, 2, -1) < 0) {
            if (errno == EINTR) continue;
            log_error("accept: poll failed: %s", strerror(errno));
            return NULL;
        }
        if (pf[1].revents) return NULL;
        if (!(pf[0].revents & POLLIN)) continue;
        for (int i = 0; i < 64; i++) {
            struct sockaddr_storage ss;
            socklen_t sl = sizeof ss;
            int fd = accept4(g->listen_fd, (struct sockaddr *)&ss, &sl, SOCK_NONBLOCK | SOCK_CLOEXEC);
            if (fd < 0) {
                if (errno == EMFILE || errno == ENFILE) {
                    log_error("accept: out of file descriptors");
                    usleep(100000);
                }
                break;
            }
            guard_admit(g, fd, (struct sockaddr *)&ss, sl);
        }
    }
}

static void end_connection(conn_guard *g, guard_entry *e, int answer)
{
    if (answer) write_canned(e->dup_fd, 408, "Request Timeout", "Permintaan tidak selesai dikirim tepat waktu.\n");
    shutdown(e->dup_fd, SHUT_RDWR);
    e->ended = 1;
    atomic_fetch_add(&g->timed_out, 1);
}

static void *reap_loop(void *arg)
{
    conn_guard *g = arg;
    struct pollfd pf = {.fd = g->wake[0], .events = POLLIN};
    long long header_ms = (long long)g->lim.header_timeout_s * 1000;
    long long idle_ms = header_ms + (long long)g->lim.timeout_s * 1000;
    long long rate = g->lim.min_body_rate ? (long long)g->lim.min_body_rate : 1;
    for (;;) {
        if (poll(&pf, 1, 200) > 0) return NULL;
        long long now = now_ms();
        pthread_mutex_lock(&g->mu);
        for (guard_entry *e = g->live; e; e = e->next) {
            if (e->ended) continue;
            int phase = atomic_load(&e->phase);
            long long elapsed = now - atomic_load(&e->since_ms);
            if (phase == PHASE_HEADERS && elapsed > header_ms)
                end_connection(g, e, 0);
            else if (phase == PHASE_IDLE && elapsed > idle_ms)
                end_connection(g, e, 0);
            else if (phase == PHASE_BODY && elapsed > header_ms + atomic_load(&e->body_bytes) * 1000 / rate)
                end_connection(g, e, 1);
        }
        pthread_mutex_unlock(&g->mu);
    }
}

conn_guard *guard_new(int listen_fd, const http_limits *lim)
{
    conn_guard *g = xcalloc(1, sizeof *g);
    g->lim = *lim;
    g->listen_fd = listen_fd;
    /* Non-blocking: the accept loop takes every waiting connection, then polls again. */
    int fl = listen_fd >= 0 ? fcntl(listen_fd, F_GETFL) : 0;
    if (fl < 0 || (listen_fd >= 0 && fcntl(listen_fd, F_SETFL, fl | O_NONBLOCK) != 0) ||
        pipe2(g->wake, O_CLOEXEC) != 0) {
        free(g);
        return NULL;
    }
    pthread_mutex_init(&g->mu, NULL);
    return g;
}

void guard_set_daemon(conn_guard *g, struct MHD_Daemon *daemon)
{
    g->daemon = daemon;
}

int guard_run(conn_guard *g, struct MHD_Daemon *daemon)
{
    g->daemon = daemon;
    if (pthread_create(&g->accepter, NULL, accept_loop, g) != 0) return -1;
    if (pthread_create(&g->reaper, NULL, reap_loop, g) != 0) {
        (void)!write(g->wake[1], "x", 1);
        pthread_join(g->accepter, NULL);
        return -1;
    }
    g->threads_started = 1;
    return 0;
}

void guard_stop_accepting(conn_guard *g)
{
    if (!g || !g->threads_started) return;
    (void)!write(g->wake[1], "x", 1);
    pthread_join(g->accepter, NULL);
    pthread_join(g->reaper, NULL);
    g->threads_started = 0;
}

void guard_free(conn_guard *g)
{
    if (!g) return;
    guard_stop_accepting(g);
    for (guard_entry *e = g->live, *next; e; e = next) {
        next = e->next;
        close(e->dup_fd);
        free(e);
    }
    close(g->wake[0]);
    close(g->wake[1]);
    free(g->by_fd);
    pthread_mutex_destroy(&g->mu);
    free(g);
}

void guard_notify(void *cls, struct MHD_Connection *conn, void **socket_context,
                  enum MHD_ConnectionNotificationCode code)
{
    conn_guard *g = cls;
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
        pthread_mutex_lock(&g->mu);
        if (ci && ci->connect_fd >= 0 && (size_t)ci->connect_fd < g->by_fd_cap) {
            *socket_context = g->by_fd[ci->connect_fd];
            g->by_fd[ci->connect_fd] = NULL;
        }
        pthread_mutex_unlock(&g->mu);
        return;
    }
    guard_entry *e = *socket_context;
    if (!e) return;
    *socket_context = NULL;
    pthread_mutex_lock(&g->mu);
    unlink_entry(g, e);
    pthread_mutex_unlock(&g->mu);
    close(e->dup_fd);
    free(e);
}

static guard_entry *entry_of(struct MHD_Connection *conn)
{
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return ci ? ci->socket_context : NULL;
}

void guard_headers_done(struct MHD_Connection *conn)
{
    guard_entry *e = entry_of(conn);
    if (!e) return;
    atomic_store(&e->body_bytes, 0);
    atomic_store(&e->since_ms, now_ms());
    atomic_store(&e->phase, PHASE_BODY);
}

void guard_body_bytes(struct MHD_Connection *conn, size_t n)
{
    guard_entry *e = entry_of(conn);
    if (e) atomic_fetch_add(&e->body_bytes, (long long)n);
}

void guard_handling(struct MHD_Connection *conn)
{
    guard_entry *e = entry_of(conn);
    if (e) atomic_store(&e->phase, PHASE_HANDLING);
}

void guard_request_done(struct MHD_Connection *conn)
{
    guard_entry *e = entry_of(conn);
    if (!e) return;
    atomic_store(&e->since_ms, now_ms());
    atomic_store(&e->phase, PHASE_IDLE);
}

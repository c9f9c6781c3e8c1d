/* http/internal.h — the HTTP layer's private structures, shared by its .c files only.
 * Nothing outside src/http/ includes this. */
#ifndef LOKET_HTTP_INTERNAL_H
#define LOKET_HTTP_INTERNAL_H
#include <microhttpd.h>
#include <sys/socket.h>
#include <time.h>
#include "http/http.h"

typedef struct kv {
    const char *name, *value;
    struct kv *next;
} kv;

#define ROUTE_MAX_PARAMS 8

typedef struct {
    http_handler handler;       /* NULL: no route matched */
    int index;                  /* the route's place in the router, -1 when none matched */
    const void *tag;            /* the route's tag (http_route_tagged), or NULL */
    int method_mismatch;        /* the path exists for another method */
    const char *allow;          /* methods the path answers to, for 405 */
    const char *names[ROUTE_MAX_PARAMS];
    const char *values[ROUTE_MAX_PARAMS];
    int count;
} route_match;

/* Finds the handler for method + path; captures are allocated in a. */
void router_match(const http_router *rt, arena *a, const char *method, const char *path,
                  route_match *m);
http_error_handler router_error_handler(const http_router *rt);
size_t router_count(const http_router *rt);
/* Method and pattern of route i (borrowed from the router). */
void router_route(const http_router *rt, size_t i, const char **method, const char **pattern);

/* metrics.c: the HTTP layer's counters for /metrics (one set per server) */
typedef struct http_stats http_stats;
http_stats *stats_new(size_t routes);
void stats_free(http_stats *st);
/* One finished request: route index (-1: none matched), status (0: aborted), duration. */
void stats_record(http_stats *st, int route, int status, double ms);
/* Appends the counters in the Prometheus text format. */
void stats_write(const http_stats *st, const http_router *rt, buf *out);
http_guard router_guard(const http_router *rt);

typedef enum { BODY_NONE, BODY_BUF, BODY_STATIC, BODY_FILE, BODY_SHARED } body_kind;

/* The full request; `pub` must stay first so a req* is a req_full*. */
typedef struct req_full {
    req pub;
    struct http_server *srv;
    struct MHD_Connection *conn;
    struct timespec started;
    route_match route;
    char request_id[40];        /* echoed as X-Request-Id and in the access log */

    /* body parsing */
    struct MHD_PostProcessor *pp;
    size_t body_bytes;
    kv *form, *form_tail;
    size_t form_count;
    buf field;                  /* value of the field being received */
    const char *field_name;
    http_upload *uploads;
    size_t upload_count, upload_cap;
    int upload_fd;              /* file being written, -1 when none */
    int bad_status;             /* set when the body broke a limit or was malformed */
    const char *bad_reason;

    /* response */
    int status;
    kv *headers;
    body_kind body_kind;
    buf body;
    const void *static_data;
    size_t static_len;
    const char *file_path;
    struct http_shared *shared_plain, *shared_gz;   /* BODY_SHARED: references held */
    int queued;
    http_handler deferred;      /* set by req_defer */
    int deferred_done;          /* the background work has written the response */
    struct timespec deferred_at; /* when it was queued, for the pool's waiting limit */
    struct req_full *next_job;  /* background queue link */
} req_full;

/* background.c: the pool that runs deferred work */
typedef struct background background;
/* threads workers; at most max_queued jobs wait; one that waited over max_wait_ms
 * (0: no limit) is refused with server_refuse_deferred instead of run. */
background *background_start(unsigned threads, unsigned max_queued, unsigned max_wait_ms,
                             unsigned max_expected_wait_ms);
int background_push(background *bg, req_full *rq);   /* 0, or -1 when the queue is full (in places or time) */
void background_stop(background *bg);   /* finishes queued work first */
unsigned background_queued(background *bg);   /* jobs waiting for a worker */
void server_resume(req_full *rq);       /* server.c: the work is done, send it */
void server_refuse_deferred(req_full *rq);   /* server.c: the 503 answer instead of the work */

/* shared.c: a response from shared bytes (BODY_SHARED), or NULL */
struct MHD_Response *shared_response(req_full *rq, int gzip_ok, int *gz);
void shared_drop(req_full *rq);   /* releases the references a request still holds */

/* form.c */
enum MHD_Result form_feed(req_full *rq, const char *data, size_t size);
void form_finish(req_full *rq);
void form_cleanup(req_full *rq);
int form_start(req_full *rq);   /* 0 ok; -1 sets bad_status */

/* guard.c: accepting connections with per-address limits and fixed deadlines */
typedef struct conn_guard conn_guard;
/* listen_fd -1: no accepting (a driven server: connections come by guard_admit only). */
conn_guard *guard_new(int listen_fd, const http_limits *lim);
int guard_run(conn_guard *g, struct MHD_Daemon *daemon);   /* starts its threads */
/* The daemon connections go to, for a guard whose threads are not run (driven server). */
void guard_set_daemon(conn_guard *g, struct MHD_Daemon *daemon);
/* Admits an accepted socket: over the address's share or a full server, a 503 and close
 * (-1); else handed to libmicrohttpd (0; -1 when it refused the socket and closed it). */
int guard_admit(conn_guard *g, int fd, const struct sockaddr *sa, socklen_t sl);
void guard_stop_accepting(conn_guard *g);
void guard_free(conn_guard *g);
void guard_notify(void *cls, struct MHD_Connection *conn, void **socket_context,
                  enum MHD_ConnectionNotificationCode code);
void guard_headers_done(struct MHD_Connection *conn);     /* the body's deadline starts */
void guard_body_bytes(struct MHD_Connection *conn, size_t n);
void guard_handling(struct MHD_Connection *conn);         /* no deadline while handled */
void guard_request_done(struct MHD_Connection *conn);     /* next request's deadline */
/* 1 if sa is one of the comma-separated addresses in list. */
int http_address_trusted(const char *list, const struct sockaddr *sa);

/* server.c: limits of the server a request belongs to */
const http_limits *server_limits(const struct http_server *srv);
const char *server_upload_dir(const struct http_server *srv);

#endif

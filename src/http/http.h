/* http/http.h — the HTTP layer: requests, responses, routing and limits.
 *
 * Built on libmicrohttpd (epoll + thread pool).  This layer knows nothing about permits:
 * it parses a request (path, query, cookies, headers, form fields, uploaded files), finds
 * the route, calls the handler once the whole body has been read, and sends what the
 * handler put in the response.  Handlers live in web/.
 *
 * Memory: every request owns an arena (`r->a`), freed when the request completes.  All
 * strings returned by the req_* accessors are borrowed for the life of the request.
 * Uploaded files are streamed to temporary files in the upload folder and removed when
 * the request completes unless a handler moved them away (req_upload_claim). */
#ifndef LOKET_HTTP_H
#define LOKET_HTTP_H
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include "util/arena.h"
#include "util/buf.h"

typedef struct req req;
typedef void (*http_handler)(req *r);

/* An uploaded file: streamed to disk while the body arrived. */
typedef struct {
    const char *field;          /* form field name */
    const char *file_name;      /* as the browser sent it (untrusted; display only) */
    const char *content_type;   /* as the browser sent it (untrusted) */
    const char *tmp_path;       /* where the bytes are now */
    int64_t size;
    int claimed;                /* set by req_upload_claim: do not delete */
} http_upload;

typedef struct {
    size_t max_body;            /* bytes of a whole request body (incl. uploads) */
    size_t max_fields;          /* form fields per request */
    size_t max_field_len;       /* bytes per non-file field value */
    size_t max_upload;          /* bytes per uploaded file */
    size_t max_uploads;         /* files per request */
    size_t header_memory;       /* per-connection memory for the request line + headers */
    unsigned threads;           /* worker threads in the pool */
    unsigned timeout_s;         /* idle connection timeout */
    unsigned background_threads; /* pool for req_defer work */
    /* Log-in under load (issue 12): deferred jobs waiting beyond background_queue, or
     * waiting longer than background_wait_ms for a worker, are answered 503 "coba lagi"
     * at once instead of waiting without end. */
    unsigned background_queue;
    unsigned background_wait_ms;
    /* A job is also refused at once when the jobs ahead of it would, at the recent
     * average time per job, keep it waiting longer than this (0: no such bound): the
     * queue's length in time rather than in places, whatever the machine's speed. */
    unsigned background_expected_wait_ms;
    int access_log;             /* 1: one key=value line per request on stdout */
    /* The connection guard (http/guard.c, docs/SECURITY.md "Connections"). */
    unsigned max_conns;         /* connections at once; the excess gets 503 */
    unsigned max_conns_per_ip;  /* per client address (IPv6: per /64); 0 = no limit */
    unsigned header_timeout_s;  /* fixed deadline for the request line and headers */
    unsigned min_body_rate;     /* bytes per second a body must average after that grace */
    /* Comma-separated addresses of reverse proxies (nginx) whose X-Forwarded-For is
     * believed (req_client_ip then gives the address the proxy saw) and that are not
     * limited per address.  NULL or "": none. */
    const char *trusted_proxies;
} http_limits;

/* Sensible defaults: 8 MB body, 200 fields of 64 KB, 5 files of 5 MB, 16 KB headers;
 * 4096 connections, 64 per address, headers within 10 s, bodies at 1 KB/s or more. */
http_limits http_limits_default(void);

/* ---- routing ---- */
typedef struct http_router http_router;
http_router *http_router_new(void);
void http_router_free(http_router *rt);
/* pattern: "/izin/:instansi/:slug" (":name" captures one segment); a last segment "*"
 * captures the rest of the path.
 * method: "GET" (also answers HEAD) or "POST". */
void http_route(http_router *rt, const char *method, const char *pattern, http_handler h);
/* The same with a tag the layer does not look into (the web layer's access rule), handed
 * to the guard before the handler runs.  `tag` is borrowed for the router's lifetime. */
void http_route_tagged(http_router *rt, const char *method, const char *pattern, http_handler h,
                       const void *tag);
/* Runs before every matched handler with the route's tag: returns 1 to go on to the
 * handler, 0 when it has answered the request itself (a refusal). */
typedef int (*http_guard)(req *r, const void *tag);
void http_router_on_guard(http_router *rt, http_guard g);
/* Handler for unmatched paths and for errors the layer itself detects (status set). */
typedef void (*http_error_handler)(req *r, int status, const char *reason);
void http_router_on_error(http_router *rt, http_error_handler h);

/* ---- the server ---- */
typedef struct http_server http_server;
/* Binds `listen` ("127.0.0.1:8080", "[::1]:8080", "0.0.0.0:80") and starts serving.
 * `app` is handed to handlers through req_app().  upload_dir must exist.
 * On failure returns NULL with a one-line reason in err (e.g. the port is in use). */
http_server *http_server_start(const char *listen, const http_limits *lim, http_router *rt,
                               void *app, const char *upload_dir, char *err, size_t errlen);
/* Stops accepting, lets in-flight requests finish (up to grace_s seconds), then stops. */
void http_server_stop(http_server *srv, unsigned grace_s);
unsigned http_server_port(const http_server *srv);
/* A server its caller drives in one thread (the fuzz target): no listening socket, no
 * accept, reaper or request threads.  Connections are handed over with
 * http_server_adopt and served, as far as their bytes allow, on each http_server_run.
 * Everything else (guard bookkeeping, libmicrohttpd's parser, the request cycle) is the
 * same code a listening server runs; the guard's deadlines, run by its reaper thread, do
 * not apply.  Port 0. */
http_server *http_server_start_driven(const http_limits *lim, http_router *rt, void *app,
                                      const char *upload_dir, char *err, size_t errlen);
/* Takes a connected stream socket as if the guard had accepted it from `peer` (its
 * per-address share applies): 0 when handed over, -1 when refused or closed. */
int http_server_adopt(http_server *srv, int fd, const struct sockaddr *peer, socklen_t peer_len);
/* Driven server: serves what its connections have ready now, without waiting. */
void http_server_run(http_server *srv);
/* Driven server (http/driven.c): `data` as the raw bytes of one connection from `peer`,
 * half-closed after them; the answer is read until the server closes, its first `cap`
 * bytes into `answer` and its whole length in *answer_len.  Returns 1 when the server
 * closed the connection, 0 when it left it open with nothing more to move (its idle
 * timeout ends it later), -1 when the guard refused it (its 503 is the answer). */
int http_server_exchange(http_server *srv, const struct sockaddr *peer, socklen_t peer_len,
                         const void *data, size_t len, char *answer, size_t cap, size_t *answer_len);

/* ---- the request ---- */
struct req {
    arena *a;
    const char *method;         /* "GET", "HEAD", "POST", ... */
    const char *path;           /* decoded, valid UTF-8, starts with '/' */
    void *app;                  /* what http_server_start was given */
    void *user;                 /* for the web layer: session, language, ... */
};

const char *req_query(req *r, const char *name);     /* ?name=value, NULL if absent */
const char *req_form(req *r, const char *name);      /* POST field, NULL if absent */
/* All values of a repeated form field; returns the count, *out allocated in r->a. */
size_t req_form_all(req *r, const char *name, const char ***out);
const char *req_param(req *r, const char *name);     /* route capture ":name" */
const char *req_header(req *r, const char *name);    /* case-insensitive */
const char *req_cookie(req *r, const char *name);
/* The client's address; behind a trusted proxy (http_limits.trusted_proxies) the last
 * address of X-Forwarded-For that is not itself a trusted proxy. */
const char *req_client_ip(req *r);
http_upload *req_upload(req *r, const char *field);  /* first file of that field, or NULL */
void req_upload_claim(http_upload *u);               /* keep the file after the request */

/* The request id (X-Request-Id: a proxy's, or 16 random hex digits), also sent back in
 * the response and written in the access log. */
const char *req_id(req *r);
/* Appends the HTTP layer's counters of the server this request came to, in the
 * Prometheus text format: requests by route and status, the latency histogram,
 * requests in flight and the background queue. */
void req_write_http_metrics(req *r, buf *out);

/* Moves slow CPU work (password hashing) off the request threads: after the handler
 * returns, the connection is suspended and `work(r)` runs on the background pool; it
 * writes the response as a handler would, then the connection resumes and sends it.
 * Page serving never waits behind it.  Call at most once, as the handler's last act. */
void req_defer(req *r, http_handler work);

/* ---- the response ---- */
void resp_status(req *r, int status);
void resp_header(req *r, const char *name, const char *value);   /* copied */
enum { COOKIE_HTTPONLY = 1, COOKIE_SECURE = 2 };
/* Set-Cookie with Path=/ and SameSite=Lax; max_age_s < 0 makes a browser-session cookie,
 * 0 deletes it.  flags: COOKIE_HTTPONLY | COOKIE_SECURE. */
void resp_cookie(req *r, const char *name, const char *value, long max_age_s, int flags);
buf *resp_body(req *r);                              /* append the body here */
void resp_html(req *r, int status, buf *body);       /* takes the body's contents */
void resp_text(req *r, int status, const char *content_type, const char *text);
void resp_bytes(req *r, int status, const char *content_type, const void *data, size_t len,
                int copy);                            /* copy=0: data must be static */
/* Sends a file from disk (streamed), with a Content-Disposition attachment name. */
void resp_file(req *r, const char *path, const char *content_type, const char *download_name);
void resp_redirect(req *r, int status, const char *location);

/* ---- bytes rendered once and answered many times (web/public_cache.c) ---- */
/* A reference-counted copy of bytes that many responses send without copying them. */
typedef struct http_shared http_shared;
http_shared *http_shared_new(const void *data, size_t len);   /* copies data; holds one reference */
void http_shared_release(http_shared *s);                    /* the last reference frees it */
size_t http_shared_len(const http_shared *s);
/* Answers with `gz` (the gzip of `plain`, or NULL) when the client accepts gzip, else
 * `plain`; each response holds its own reference until libmicrohttpd has sent it. */
void resp_shared(req *r, int status, const char *content_type, http_shared *plain, http_shared *gz);
/* 1 if the address carried query arguments (?a=b). */
int req_has_query(req *r);
/* Appends every query argument, decoded, in the order sent, each name and value
 * length-prefixed ("4:lang2:en"): two addresses append the same bytes only when they ask
 * the same.  For keys of kept pages. */
void req_query_serialize(req *r, buf *out);
/* 1 if the client accepts gzip-compressed answers. */
int req_accepts_gzip(req *r);
/* Takes back what the handler answered when it is a buffered body with `status` that
 * sets no cookie: moves the body into *body, forgets the headers set so far and returns
 * 1.  Otherwise returns 0 and leaves the answer as it is, to be sent. */
int resp_take(req *r, int status, buf *body);

#endif

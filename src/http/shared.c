/* http/shared.c — bytes rendered once and sent by many responses (see http.h).
 *
 * A public page is the same for every anonymous visitor of a language, and an applicant's
 * page the same for each request of their session until something of it changes, so the
 * web layer renders it once (web/public_cache.c) and answers from these blobs.  libmicrohttpd sends
 * them straight from memory; each queued response holds a reference, released by its
 * free callback when the response is destroyed, so a blob replaced after a change stays
 * valid until the last answer that used it has gone out. */
#include "http/internal.h"
#include "util/alloc.h"
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct http_shared {
    atomic_int refs;
    size_t len;
    char data[];
};

http_shared *http_shared_new(const void *data, size_t len)
{
    http_shared *s = xmalloc(sizeof *s + len + 1);
    atomic_init(&s->refs, 1);
    s->len = len;
    memcpy(s->data, data, len);
    s->data[len] = '\0';
    return s;
}

static http_shared *retain(http_shared *s)
{
    if (s) atomic_fetch_add(&s->refs, 1);
    return s;
}

void http_shared_release(http_shared *s)
{
    if (s && atomic_fetch_sub(&s->refs, 1) == 1) free(s);
}

size_t http_shared_len(const http_shared *s)
{
    return s->len;
}

static void release_cb(void *cls)
{
    http_shared_release(cls);
}

void resp_shared(req *r, int status, const char *content_type, http_shared *plain, http_shared *gz)
{
    req_full *rq = (req_full *)r;
    shared_drop(rq);
    rq->status = status;
    rq->body_kind = BODY_SHARED;
    rq->shared_plain = retain(plain);
    rq->shared_gz = retain(gz);
    if (content_type) resp_header(r, "Content-Type", content_type);
}

struct MHD_Response *shared_response(req_full *rq, int gzip_ok, int *gz)
{
    http_shared *s = gzip_ok && rq->shared_gz ? rq->shared_gz : rq->shared_plain;
    *gz = s == rq->shared_gz;
    /* The response's reference is the request's, handed over. */
    struct MHD_Response *resp = MHD_create_response_from_buffer_with_free_callback_cls(s->len, s->data, release_cb, s);
    if (!resp) return NULL;
    if (s == rq->shared_gz) rq->shared_gz = NULL;
    else rq->shared_plain = NULL;
    return resp;
}

void shared_drop(req_full *rq)
{
    http_shared_release(rq->shared_plain);
    http_shared_release(rq->shared_gz);
    rq->shared_plain = rq->shared_gz = NULL;
}

int req_has_query(req *r)
{
    return MHD_get_connection_values(((req_full *)r)->conn, MHD_GET_ARGUMENT_KIND, NULL, NULL) > 0;
}

static enum MHD_Result append_argument(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    (void)kind;
    buf *out = cls;
    buf_printf(out, "%zu:%s%zu:%s", strlen(key), key, value ? strlen(value) : (size_t)0, value ? value : "");
    return MHD_YES;
}

void req_query_serialize(req *r, buf *out)
{
    MHD_get_connection_values(((req_full *)r)->conn, MHD_GET_ARGUMENT_KIND, append_argument, out);
}

int req_accepts_gzip(req *r)
{
    const char *ae = MHD_lookup_connection_value(((req_full *)r)->conn, MHD_HEADER_KIND, "Accept-Encoding");
    return ae && strstr(ae, "gzip") != NULL;
}

int resp_take(req *r, int status, buf *body)
{
    req_full *rq = (req_full *)r;
    if (rq->body_kind != BODY_BUF || rq->status != status) return 0;
    for (kv *h = rq->headers; h; h = h->next)
        if (strcasecmp(h->name, "Set-Cookie") == 0) return 0;
    buf_free(body);
    *body = rq->body;
    rq->body = (buf)BUF_INIT;
    rq->headers = NULL;   /* arena memory */
    rq->status = 0;
    rq->body_kind = BODY_NONE;
    return 1;
}

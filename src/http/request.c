/* http/request.c — what a handler reads from a request and writes to its response.
 * The response is only recorded here; http/server.c sends it after the handler returns. */
#include "http/internal.h"
#include "util/text.h"
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#define RQ(r) ((req_full *)(r))

const char *req_query(req *r, const char *name)
{
    return MHD_lookup_connection_value(RQ(r)->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *req_form(req *r, const char *name)
{
    for (kv *f = RQ(r)->form; f; f = f->next)
        if (strcmp(f->name, name) == 0) return f->value;
    return NULL;
}

size_t req_form_all(req *r, const char *name, const char ***out)
{
    size_t n = 0;
    for (kv *f = RQ(r)->form; f; f = f->next)
        if (strcmp(f->name, name) == 0) n++;
    const char **vals = arena_alloc(r->a, (n + 1) * sizeof *vals);
    size_t i = 0;
    for (kv *f = RQ(r)->form; f; f = f->next)
        if (strcmp(f->name, name) == 0) vals[i++] = f->value;
    *out = vals;
    return n;
}

const char *req_param(req *r, const char *name)
{
    route_match *m = &RQ(r)->route;
    for (int i = 0; i < m->count; i++)
        if (strcmp(m->names[i], name) == 0) return m->values[i];
    return NULL;
}

const char *req_header(req *r, const char *name)
{
    return MHD_lookup_connection_value(RQ(r)->conn, MHD_HEADER_KIND, name);
}

const char *req_cookie(req *r, const char *name)
{
    return MHD_lookup_connection_value(RQ(r)->conn, MHD_COOKIE_KIND, name);
}

const char *req_id(req *r)
{
    return RQ(r)->request_id;
}

static int in_list(const char *list, const char *ip, size_t len)
{
    for (const char *p = list; p && *p;) {
        size_t n = strcspn(p, ", ");
        if (n == len && strncmp(p, ip, len) == 0) return 1;
        p += n;
        p += strspn(p, ", ");
    }
    return 0;
}

/* The right-most X-Forwarded-For entry that is not a trusted proxy: entries to its left
 * were written by the client and prove nothing. */
static const char *forwarded_client(req *r, const char *trusted, const char *xff)
{
    const char *end = xff + strlen(xff);
    while (end > xff) {
        const char *start = end;
        while (start > xff && start[-1] != ',') start--;
        const char *a = start, *b = end;
        while (a < b && (*a == ' ' || *a == '\t')) a++;
        while (b > a && (b[-1] == ' ' || b[-1] == '\t')) b--;
        char ip[64];
        size_t n = (size_t)(b - a);
        if (n == 0 || n >= sizeof ip) return NULL;
        memcpy(ip, a, n);
        ip[n] = '\0';
        unsigned char bin[sizeof(struct in6_addr)];
        if (inet_pton(AF_INET, ip, bin) != 1 && inet_pton(AF_INET6, ip, bin) != 1) return NULL;
        if (!in_list(trusted, ip, n)) return arena_strdup(r->a, ip);
        end = start > xff ? start - 1 : xff;
    }
    return NULL;
}

static const char *peer_text(req *r, const struct sockaddr *sa)
{
    char host[64];
    if (sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, host, sizeof host);
    else if (sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, host, sizeof host);
    else
        return "-";
    return arena_strdup(r->a, host);
}

const char *req_client_ip(req *r)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(RQ(r)->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (!ci || !ci->client_addr) return "-";
    const char *trusted = server_limits(RQ(r)->srv)->trusted_proxies;
    if (http_address_trusted(trusted, ci->client_addr)) {
        const char *xff = MHD_lookup_connection_value(RQ(r)->conn, MHD_HEADER_KIND, "X-Forwarded-For");
        const char *client = xff ? forwarded_client(r, trusted, xff) : NULL;
        if (client) return client;
    }
    return peer_text(r, ci->client_addr);
}

http_upload *req_upload(req *r, const char *field)
{
    req_full *rq = RQ(r);
    for (size_t i = 0; i < rq->upload_count; i++)
        if (strcmp(rq->uploads[i].field, field) == 0) return &rq->uploads[i];
    return NULL;
}

void req_upload_claim(http_upload *u)
{
    u->claimed = 1;
}

void req_defer(req *r, http_handler work)
{
    RQ(r)->deferred = work;
}

void resp_status(req *r, int status)
{
    RQ(r)->status = status;
}

void resp_header(req *r, const char *name, const char *value)
{
    kv *h = arena_alloc(r->a, sizeof *h);
    h->name = arena_strdup(r->a, name);
    h->value = arena_strdup(r->a, value);
    h->next = RQ(r)->headers;
    RQ(r)->headers = h;
}

void resp_cookie(req *r, const char *name, const char *value, long max_age_s, int flags)
{
    char *v = arena_printf(r->a, "%s=%s; Path=/; SameSite=Lax%s%s", name, value,
                           (flags & COOKIE_HTTPONLY) ? "; HttpOnly" : "",
                           (flags & COOKIE_SECURE) ? "; Secure" : "");
    if (max_age_s >= 0) v = arena_printf(r->a, "%s; Max-Age=%ld", v, max_age_s);
    resp_header(r, "Set-Cookie", v);
}

buf *resp_body(req *r)
{
    RQ(r)->body_kind = BODY_BUF;
    return &RQ(r)->body;
}

void resp_html(req *r, int status, buf *body)
{
    req_full *rq = RQ(r);
    rq->status = status;
    rq->body_kind = BODY_BUF;
    buf_free(&rq->body);
    rq->body = *body;
    *body = (buf)BUF_INIT;
    resp_header(r, "Content-Type", "text/html; charset=utf-8");
}

void resp_text(req *r, int status, const char *content_type, const char *text)
{
    req_full *rq = RQ(r);
    rq->status = status;
    rq->body_kind = BODY_BUF;
    buf_reset(&rq->body);
    buf_puts(&rq->body, text);
    resp_header(r, "Content-Type", content_type);
}

void resp_bytes(req *r, int status, const char *content_type, const void *data, size_t len, int copy)
{
    req_full *rq = RQ(r);
    rq->status = status;
    if (copy) {
        rq->body_kind = BODY_BUF;
        buf_reset(&rq->body);
        buf_put(&rq->body, data, len);
    } else {
        rq->body_kind = BODY_STATIC;
        rq->static_data = data;
        rq->static_len = len;
    }
    if (content_type) resp_header(r, "Content-Type", content_type);
}

void resp_file(req *r, const char *path, const char *content_type, const char *download_name)
{
    req_full *rq = RQ(r);
    rq->status = 200;
    rq->body_kind = BODY_FILE;
    rq->file_path = arena_strdup(r->a, path);
    resp_header(r, "Content-Type", content_type);
    if (download_name) {
        /* ASCII fallback plus the exact UTF-8 name (RFC 6266). */
        buf ascii = BUF_INIT, enc = BUF_INIT;
        static const char hex[] = "0123456789ABCDEF";
        for (const unsigned char *p = (const unsigned char *)download_name; *p; p++) {
            buf_putc(&ascii, (*p < 0x80 && *p >= 0x20 && *p != '"' && *p != '\\') ? (char)*p : '_');
            if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
                *p == '.' || *p == '-' || *p == '_') {
                buf_putc(&enc, (char)*p);
            } else {
                buf_putc(&enc, '%');
                buf_putc(&enc, hex[*p >> 4]);
                buf_putc(&enc, hex[*p & 15]);
            }
        }
        resp_header(r, "Content-Disposition",
                    arena_printf(r->a, "attachment; filename=\"%s\"; filename*=UTF-8''%s",
                                 buf_str(&ascii), buf_str(&enc)));
        buf_free(&ascii);
        buf_free(&enc);
    }
}

void resp_redirect(req *r, int status, const char *location)
{
    req_full *rq = RQ(r);
    rq->status = status;
    rq->body_kind = BODY_BUF;
    buf_reset(&rq->body);
    resp_header(r, "Location", location);
}

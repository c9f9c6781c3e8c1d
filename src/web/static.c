/* web/static.c — the stylesheet, scripts and images compiled into the binary
 * (assets/static/), served with a strong ETag and long caching when the address carries
 * the fingerprint (?v=...).  Fingerprints and the gzip copies of text assets are made
 * once at start-up: the stylesheet is 20 KB as written and 5 KB on the wire. */
#include "util/buf.h"
#include "util/embed.h"
#include "util/gzip.h"
#include "web/handlers.h"
#include "web/page.h"
#include <stdio.h>
#include <string.h>

#define MAX_STATIC 64

static struct {
    const embedded_file *file;
    const char *short_name;     /* "loket.css" */
    char etag[24];              /* "\"0123456789abcdef\"" */
    char url[128];
    http_shared *plain, *gz;    /* gz: text assets only, NULL when nothing is gained */
} statics[MAX_STATIC];
static size_t static_count;

static uint64_t fnv1a(const unsigned char *p, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 1099511628211ull;
    return h;
}

static const char *content_type_of(const char *name);

int web_static_init(void)
{
    for (size_t i = 0; i < static_count; i++) {
        http_shared_release(statics[i].plain);
        http_shared_release(statics[i].gz);
    }
    static_count = 0;
    for (size_t i = 0; i < embedded_count && static_count < MAX_STATIC; i++) {
        const embedded_file *f = &embedded_files[i];
        if (strncmp(f->name, "static/", 7) != 0) continue;
        uint64_t h = fnv1a(f->data, f->len);
        statics[static_count].file = f;
        statics[static_count].short_name = f->name + 7;
        snprintf(statics[static_count].etag, sizeof statics[0].etag, "\"%016llx\"", (unsigned long long)h);
        snprintf(statics[static_count].url, sizeof statics[0].url, "/static/%s?v=%.8llx",
                 f->name + 7, (unsigned long long)h);
        statics[static_count].plain = http_shared_new(f->data, f->len);
        statics[static_count].gz = NULL;
        const char *type = content_type_of(f->name);
        buf z = BUF_INIT;
        if ((strncmp(type, "text/", 5) == 0 || strncmp(type, "application/javascript", 22) == 0 ||
             strncmp(type, "image/svg", 9) == 0) && gzip_bytes((const char *)f->data, f->len, 9, &z))
            statics[static_count].gz = http_shared_new(z.data, z.len);
        buf_free(&z);
        static_count++;
    }
    return 0;
}

const char *static_url(const char *name)
{
    for (size_t i = 0; i < static_count; i++)
        if (strcmp(statics[i].short_name, name) == 0) return statics[i].url;
    return "/static/missing";
}

static const char *content_type_of(const char *name)
{
    const char *dot = strrchr(name, '.');
    if (!dot) return "application/octet-stream";
    if (strcmp(dot, ".css") == 0) return "text/css; charset=utf-8";
    if (strcmp(dot, ".js") == 0) return "application/javascript; charset=utf-8";
    if (strcmp(dot, ".svg") == 0) return "image/svg+xml";
    if (strcmp(dot, ".png") == 0) return "image/png";
    if (strcmp(dot, ".ico") == 0) return "image/x-icon";
    return "application/octet-stream";
}

void handle_static(req *r)
{
    const char *name = req_param(r, "*");
    for (size_t i = 0; name && i < static_count; i++) {
        if (strcmp(statics[i].short_name, name) != 0) continue;
        const char *inm = req_header(r, "If-None-Match");
        const char *v = req_query(r, "v");
        resp_header(r, "ETag", statics[i].etag);
        resp_header(r, "Cache-Control", v ? "public, max-age=31536000, immutable" : "public, max-age=3600");
        if (inm && strstr(inm, statics[i].etag)) {
            resp_bytes(r, 304, NULL, "", 0, 0);
            return;
        }
        resp_shared(r, 200, content_type_of(name), statics[i].plain, statics[i].gz);
        return;
    }
    page_error(r, 404, "Berkas tidak ditemukan.");
}

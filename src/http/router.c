/* http/router.c — method + path pattern routing.
 *
 * Patterns are split on '/': a literal segment must match exactly, ":name" captures one
 * segment, a final "*" captures the rest.  Routes are tried in the order they were
 * added; there are few (tens), so a linear scan is both simplest and fast. */
#include "http/internal.h"
#include "util/alloc.h"
#include <stdlib.h>
#include <string.h>

typedef struct {
    char *method;
    char *pattern;
    http_handler handler;
    const void *tag;
} route;

struct http_router {
    route *routes;
    size_t count, cap;
    http_error_handler on_error;
    http_guard guard;
};

http_router *http_router_new(void)
{
    return xcalloc(1, sizeof(http_router));
}

void http_router_free(http_router *rt)
{
    if (!rt) return;
    for (size_t i = 0; i < rt->count; i++) {
        free(rt->routes[i].method);
        free(rt->routes[i].pattern);
    }
    free(rt->routes);
    free(rt);
}

void http_route(http_router *rt, const char *method, const char *pattern, http_handler h)
{
    http_route_tagged(rt, method, pattern, h, NULL);
}

void http_route_tagged(http_router *rt, const char *method, const char *pattern, http_handler h,
                       const void *tag)
{
    if (rt->count == rt->cap) {
        rt->cap = rt->cap ? rt->cap * 2 : 32;
        rt->routes = xrealloc(rt->routes, rt->cap * sizeof(route));
    }
    rt->routes[rt->count++] = (route){xstrdup(method), xstrdup(pattern), h, tag};
}

void http_router_on_guard(http_router *rt, http_guard g)
{
    rt->guard = g;
}

http_guard router_guard(const http_router *rt)
{
    return rt->guard;
}

void http_router_on_error(http_router *rt, http_error_handler h)
{
    rt->on_error = h;
}

http_error_handler router_error_handler(const http_router *rt)
{
    return rt->on_error;
}

size_t router_count(const http_router *rt)
{
    return rt->count;
}

void router_route(const http_router *rt, size_t i, const char **method, const char **pattern)
{
    *method = rt->routes[i].method;
    *pattern = rt->routes[i].pattern;
}

/* Matches one pattern against a path; fills captures on success. */
static int pattern_match(const char *pat, const char *path, arena *a, route_match *m)
{
    int count = 0;
    while (*pat && *path) {
        if (*pat != '/' || *path != '/') return 0;
        pat++;
        path++;
        const char *pend = strchr(pat, '/');
        size_t plen = pend ? (size_t)(pend - pat) : strlen(pat);
        const char *send = strchr(path, '/');
        size_t slen = send ? (size_t)(send - path) : strlen(path);
        if (plen == 1 && pat[0] == '*') {
            if (count == ROUTE_MAX_PARAMS) return 0;
            m->names[count] = "*";
            m->values[count++] = arena_strdup(a, path);
            m->count = count;
            return 1;
        }
        if (plen > 0 && pat[0] == ':') {
            if (slen == 0 || count == ROUTE_MAX_PARAMS) return 0;
            m->names[count] = arena_strndup(a, pat + 1, plen - 1);
            m->values[count++] = arena_strndup(a, path, slen);
        } else if (plen != slen || memcmp(pat, path, plen) != 0) {
            return 0;
        }
        pat += plen;
        path += slen;
    }
    if (*pat || *path) return 0;
    m->count = count;
    return 1;
}

void router_match(const http_router *rt, arena *a, const char *method, const char *path,
                  route_match *m)
{
    memset(m, 0, sizeof *m);
    m->index = -1;
    const char *want = strcmp(method, "HEAD") == 0 ? "GET" : method;
    buf allow = BUF_INIT;
    for (size_t i = 0; i < rt->count; i++) {
        route_match tmp;
        memset(&tmp, 0, sizeof tmp);
        if (!pattern_match(rt->routes[i].pattern, path, a, &tmp)) continue;
        if (strcmp(rt->routes[i].method, want) == 0) {
            *m = tmp;
            m->handler = rt->routes[i].handler;
            m->index = (int)i;
            m->tag = rt->routes[i].tag;
            buf_free(&allow);
            return;
        }
        if (allow.len) buf_puts(&allow, ", ");
        buf_puts(&allow, rt->routes[i].method);
        if (strcmp(rt->routes[i].method, "GET") == 0) buf_puts(&allow, ", HEAD");
    }
    if (allow.len) {
        m->method_mismatch = 1;
        m->allow = arena_strdup(a, allow.data);
    }
    buf_free(&allow);
}

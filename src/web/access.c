/* web/access.c — the routes' access rules, their guard and their JSON listing (see
 * access.h). */
#include "web/access.h"
#include "domain/akun/account.h"
#include "html/escape.h"
#include "util/alloc.h"
#include "web/auth.h"
#include "web/public_cache.h"
#include <stdlib.h>
#include <string.h>

typedef struct {
    web_access rule;            /* first: the router's tag points here */
    char *method, *pattern;
    http_handler handler;       /* for PUBLIC_CACHED and PEMOHON_CACHED: called by the cache on a miss */
} route_rule;

/* Filled once at start-up (web_routes) before any request is served, then read-only.
 * Each entry is its own allocation: the router keeps a pointer to its rule. */
static route_rule **rules;
static size_t rule_count, rule_cap;

void web_route(http_router *rt, const char *method, const char *pattern, http_handler h, web_access rule)
{
    if (rule_count == rule_cap) {
        rule_cap = rule_cap ? rule_cap * 2 : 64;
        rules = xrealloc(rules, rule_cap * sizeof *rules);
    }
    route_rule *rr = xcalloc(1, sizeof *rr);
    rr->method = xstrdup(method);
    rr->pattern = xstrdup(pattern);
    rr->rule = rule;
    rr->handler = h;
    rules[rule_count++] = rr;
    http_route_tagged(rt, method, pattern, h, &rr->rule);
}

int web_access_guard(req *r, const void *tag)
{
    const web_access *rule = tag;
    if (!rule) return 1;
    switch (rule->who) {
    case WHO_PUBLIC:
        if (!rule->cached) return 1;
        public_cache_answer(r, ((const route_rule *)(const void *)rule)->handler);
        return 0;   /* answered, from memory or by the handler */
    case WHO_LOGIN: return web_require_login(r) != NULL;
    case WHO_LOGIN_ANY: return web_require_login_any(r) != NULL;
    case WHO_PEMOHON:
        if (!rule->cached) return web_require_pemohon(r) != NULL;
        public_cache_answer_pemohon(r, ((const route_rule *)(const void *)rule)->handler);
        return 0;   /* answered, from memory or by the handler */
    case WHO_PETUGAS: return web_require_petugas(r, rule->roles) != NULL;
    }
    return 0;
}

static const char *who_name(web_who w)
{
    switch (w) {
    case WHO_PUBLIC: return "public";
    case WHO_LOGIN:
    case WHO_LOGIN_ANY: return "login";
    case WHO_PEMOHON: return "pemohon";
    case WHO_PETUGAS: return "petugas";
    }
    return "?";
}

static void json_str(buf *out, const char *s)
{
    json_escape(out, s, strlen(s));
}

void web_routes_json(buf *out)
{
    buf_puts(out, "[");
    for (size_t i = 0; i < rule_count; i++) {
        const route_rule *rr = rules[i];
        buf_puts(out, i ? ",\n {\"method\":" : "\n {\"method\":");
        json_str(out, rr->method);
        buf_puts(out, ",\"path\":");
        json_str(out, rr->pattern);
        buf_puts(out, ",\"who\":");
        json_str(out, who_name(rr->rule.who));
        buf_puts(out, ",\"roles\":[");
        int n = 0;
        for (int b = 0; b < ROLE_COUNT; b++) {
            if (!(rr->rule.roles & (1u << b))) continue;
            if (n++) buf_puts(out, ",");
            json_str(out, role_key((role_bit)(1u << b)));
        }
        buf_puts(out, "],\"object\":");
        if (rr->rule.object) json_str(out, rr->rule.object);
        else buf_puts(out, "null");
        buf_puts(out, "}");
    }
    buf_puts(out, "\n]\n");
}

void web_routes_free(void)
{
    for (size_t i = 0; i < rule_count; i++) {
        free(rules[i]->method);
        free(rules[i]->pattern);
        free(rules[i]);
    }
    free(rules);
    rules = NULL;
    rule_count = rule_cap = 0;
}

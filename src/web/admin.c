/* web/admin.c — guards and form helpers of Admin Instansi's pages (see admin.h). */
#include "web/admin.h"
#include "domain/surat/mailer.h"
#include "util/text.h"
#include "web/auth.h"
#include "web/page.h"
#include <string.h>

const account *admin_require(req *r)
{
    return web_require_petugas(r, ROLE_ADMIN_INSTANSI);
}

const account *admin_post(req *r)
{
    const account *me = admin_require(r);
    if (!me) return NULL;
    if (!web_csrf_ok(r)) {
        web_csrf_failed(r);
        return NULL;
    }
    return me;
}

int64_t admin_id_param(req *r, const char *name)
{
    int64_t id = 0;
    return parse_int64(req_param(r, name), 1, INT64_MAX, &id) == 0 ? id : 0;
}

const char *admin_field(req *r, const char *name)
{
    const char *v = req_form(r, name);
    if (!v) return NULL;
    while (*v == ' ' || *v == '\t') v++;
    size_t n = strlen(v);
    while (n && (v[n - 1] == ' ' || v[n - 1] == '\t')) n--;
    return arena_strndup(r->a, v, n);
}

static const char *label_of(const admin_label *labels, const char *key)
{
    for (const admin_label *l = labels; l && l->key; l++)
        if (strcmp(l->key, key) == 0) return l->label;
    return NULL;
}

void admin_errors(req *r, tv *ctx, const issues *errs, const admin_label *labels)
{
    if (!errs || !errs->count) return;
    tv *summary = tv_set_map(ctx, "errors");
    tv *list = tv_set_list(summary, "list");
    tv *by_key = tv_set_map(ctx, "err");
    for (size_t i = 0; i < errs->count; i++) {
        const issue *it = &errs->items[i];
        tv *row = tv_push_map(list);
        const char *label = label_of(labels, it->key);
        tv_set(row, "key", it->key);
        tv_set(row, "label", label ? page_t(r, label) : NULL);
        tv_set(row, "msg", page_t(r, it->msg));
        if (!tv_get(by_key, it->key)) tv_set(by_key, it->key, page_t(r, it->msg));
    }
}

void admin_row_errors(req *r, tv *row, const issues *errs, const char *prefix)
{
    size_t n = strlen(prefix);
    tv *e = NULL;
    for (size_t i = 0; errs && i < errs->count; i++) {
        if (strncmp(errs->items[i].key, prefix, n) != 0) continue;
        if (!e) e = tv_set_map(row, "e");
        if (!tv_get(e, errs->items[i].key + n)) tv_set(e, errs->items[i].key + n, page_t(r, errs->items[i].msg));
    }
}

void admin_wake_mailer(req *r)
{
    if (APP(r)->mail) mailer_wake(APP(r)->mail);
}

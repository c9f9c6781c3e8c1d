/* web/kontak.c — the office's contact block (see kontak.h; template kontak.html). */
#include "web/kontak.h"
#include "domain/katalog/catalogue.h"
#include "web/page.h"

/* "0717-436772" -> "tel:0717436772". */
static const char *tel_link(req *r, const char *number)
{
    char digits[40];
    size_t n = 0;
    for (const char *p = number; *p && n + 1 < sizeof digits; p++)
        if ((*p >= '0' && *p <= '9') || (*p == '+' && n == 0)) digits[n++] = *p;
    digits[n] = '\0';
    return n ? arena_printf(r->a, "tel:%s", digits) : NULL;
}

void kontak_view_set(req *r, tv *map, const instansi_kontak *k)
{
    if (!kontak_any(k)) return;
    tv *m = tv_set_map(map, "kontak");
    tv_set(m, "office", k->office_name);
    tv *items = tv_set_list(m, "items");
    for (int f = 0; f < KONTAK_COUNT; f++) {
        if (!k->v[f]) continue;
        tv *item = tv_push_map(items);
        tv_set(item, "label", page_t(r, kontak_field_label((kontak_field)f)));
        tv_set(item, "value", k->v[f]);
        tv_set(item, "href", f == KONTAK_CALL_CENTER ? tel_link(r, k->v[f])
                           : f == KONTAK_WHATSAPP    ? kontak_whatsapp_link(r->a, k->v[f])
                                                     : NULL);
    }
}

lk_err kontak_view_add(req *r, store_conn *c, tv *ctx, int64_t instansi_id)
{
    instansi_kontak k;
    lk_err e = kontak_get(c, r->a, instansi_id, &k);
    if (e == LK_OK) kontak_view_set(r, ctx, &k);
    return e;
}

lk_err kontak_view_offices(req *r, store_conn *c, tv *ctx)
{
    instansi *list = NULL;
    size_t n = 0;
    lk_err e = catalogue_instansi_list(c, r->a, &list, &n);
    if (e != LK_OK) return e;
    tv *offices = NULL;
    for (size_t i = 0; i < n; i++) {
        instansi_kontak k = kontak_of_instansi(&list[i]);
        if (!kontak_any(&k)) continue;
        if (!offices) {
            offices = tv_set_list(ctx, "kontak_kantor");
            tv_set_bool(ctx, "has_kontak_kantor", 1);
        }
        kontak_view_set(r, tv_push_map(offices), &k);
    }
    return LK_OK;
}

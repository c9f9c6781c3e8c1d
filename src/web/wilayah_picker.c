/* web/wilayah_picker.c — the region cascade of a form, rendered server-side so it works
 * without JavaScript.  See wilayah_picker.h. */
#include "web/wilayah_picker.h"
#include "domain/wilayah/wilayah.h"
#include "web/page.h"
#include <string.h>

static const char *const KEYS[4] = {"provinsi", "kabupaten", "kecamatan", "desa"};
static const char *const PLACEHOLDERS[4] = {"Pilih Provinsi", "Pilih Kabupaten", "Pilih Kecamatan", "Pilih Desa"};

void form_option(tv *list, const char *value, const char *label, const char *current)
{
    tv *o = tv_push_map(list);
    tv_set(o, "value", value);
    tv_set(o, "label", label);
    tv_set_bool(o, "selected", strcmp(current ? current : "", value) == 0);
}

lk_err wilayah_picker_field(req *r, store_conn *c, tv *m, int level, const char *const codes[4])
{
    if (level < 1 || level > 4) return LK_ERR_INTERNAL;
    const char *parent = level > 1 ? codes[level - 2] : NULL;
    const char *current = codes[level - 1];
    tv_set_bool(m, "select", 1);
    tv_set_int(m, "level", level);
    if (level < 4) {
        /* Without JavaScript a lower region list is filled by a round trip ("Pilih"). */
        tv_set_bool(m, "pick", 1);
        tv_set(m, "child", KEYS[level]);
    }
    tv *opts = tv_set_list(m, "options");
    form_option(opts, "", page_t(r, PLACEHOLDERS[level - 1]), current);
    if (level > 1 && (!parent || !*parent || !wilayah_code_valid(parent))) return LK_OK;
    wilayah *list = NULL;
    size_t n = 0;
    lk_err e = wilayah_children(c, r->a, level == 1 ? NULL : parent, &list, &n);
    for (size_t i = 0; e == LK_OK && i < n; i++) form_option(opts, list[i].code, list[i].name, current);
    return e;
}

void wilayah_picker_trim(const char *codes[4])
{
    for (int i = 1; i < 4; i++) {
        const char *parent = codes[i - 1], *v = codes[i];
        size_t n = parent ? strlen(parent) : 0;
        if (v && *v && (!n || strncmp(v, parent, n) != 0 || v[n] != '.')) codes[i] = NULL;
    }
}

const char *wilayah_picker_next(const char *const codes[4])
{
    for (int i = 1; i < 3; i++)
        if (!codes[i] || !*codes[i]) return KEYS[i];
    return KEYS[3];
}

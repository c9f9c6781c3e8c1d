/* web/api_wilayah.c — GET /api/v1/wilayah: the region cascade for address pickers.
 *   ?parent=19.71           the children of a region ("" or absent: the provinces)
 *   ?q=pangkal[&level=2][&parent=19][&limit=10]   a name search
 * Answers {"data":[{"code":..,"name":..,"level":..,"parent":..}]}.  A search that cannot
 * match (too short, too long, odd characters) answers an empty list, not an error. */
#include "domain/wilayah/wilayah_cache.h"
#include "html/escape.h"
#include "util/text.h"
#include "web/handlers.h"
#include "web/page.h"
#include <string.h>

static void json_error(req *r, int status, const char *message)
{
    buf b = BUF_INIT;
    buf_puts(&b, "{\"error\":");
    json_escape(&b, message, strlen(message));
    buf_puts(&b, "}\n");
    resp_text(r, status, "application/json", buf_str(&b));
    buf_free(&b);
}

void handle_api_wilayah(req *r)
{
    const char *q = req_query(r, "q");
    const char *parent = req_query(r, "parent");
    const char *level_s = req_query(r, "level");
    const char *limit_s = req_query(r, "limit");
    int64_t level = 0, limit = 20;
    if (level_s && parse_int64(level_s, 0, 4, &level) != 0) {
        json_error(r, 400, "level harus 1 sampai 4");
        return;
    }
    if (limit_s && parse_int64(limit_s, 1, 50, &limit) != 0) {
        json_error(r, 400, "limit harus 1 sampai 50");
        return;
    }
    if (parent && *parent && !wilayah_code_valid(parent)) {
        json_error(r, 400, "kode wilayah induk tidak sah");
        return;
    }
    wilayah *list = NULL;
    size_t n = 0;
    /* Answered from memory (domain/wilayah/wilayah_index.h): no database round trip per
     * keystroke.  The index is held until the answer is written: its strings are borrowed. */
    const wilayah_index *wi = wilayah_cache_get(APP(r)->wilayah);
    lk_err e = q ? wilayah_index_search(wi, r->a, q, (int)level, parent && *parent ? parent : NULL,
                                        (int)limit, &list, &n)
                 : wilayah_index_children(wi, r->a, parent, &list, &n);
    if (e != LK_OK) {
        wilayah_cache_put(APP(r)->wilayah, wi);
        json_error(r, e == LK_ERR_BUSY ? 503 : 500, "data wilayah tidak dapat dibaca");
        return;
    }
    buf *b = resp_body(r);
    buf_puts(b, "{\"data\":[");
    for (size_t i = 0; i < n; i++) {
        if (i) buf_putc(b, ',');
        buf_puts(b, "{\"code\":");
        json_escape(b, list[i].code, strlen(list[i].code));
        buf_puts(b, ",\"name\":");
        json_escape(b, list[i].name, strlen(list[i].name));
        buf_printf(b, ",\"level\":%d", list[i].level);
        if (list[i].parent_name) {
            buf_puts(b, ",\"parent\":");
            json_escape(b, list[i].parent_name, strlen(list[i].parent_name));
        }
        buf_putc(b, '}');
    }
    buf_puts(b, "]}\n");
    wilayah_cache_put(APP(r)->wilayah, wi);
    resp_status(r, 200);
    resp_header(r, "Content-Type", "application/json");
    /* Regions change only at import: let browsers and proxies keep answers a while. */
    resp_header(r, "Cache-Control", "public, max-age=3600");
}

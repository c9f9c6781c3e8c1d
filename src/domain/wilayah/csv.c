/* domain/wilayah/csv.c — strict RFC 4180 CSV reader (see csv.h). */
#include "domain/wilayah/csv.h"
#include "util/alloc.h"
#include "util/buf.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void csv_init(csv_reader *r, const char *data, size_t len)
{
    r->data = data;
    r->len = len;
    r->pos = 0;
    r->line = 1;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) r->pos = 3;  /* BOM */
}

/* Consumes a line end at the current position if there is one (LF or CRLF). */
static int take_line_end(csv_reader *r)
{
    if (r->pos < r->len && r->data[r->pos] == '\n') {
        r->pos++;
        r->line++;
        return 1;
    }
    if (r->pos + 1 < r->len && r->data[r->pos] == '\r' && r->data[r->pos + 1] == '\n') {
        r->pos += 2;
        r->line++;
        return 1;
    }
    return 0;
}

int csv_next(csv_reader *r, arena *a, const char **fields, int max, int *nfields, long *line,
             char *err, size_t errlen)
{
    *nfields = 0;
    *line = r->line;
    if (r->pos >= r->len) return 0;

    buf field = BUF_INIT;
    int n = 0, rc = 1;
    for (;;) {
        buf_reset(&field);
        if (r->pos < r->len && r->data[r->pos] == '"') {
            r->pos++;
            for (;;) {
                if (r->pos >= r->len) {
                    snprintf(err, errlen, "unterminated quoted field");
                    rc = -1;
                    goto out;
                }
                char ch = r->data[r->pos++];
                if (ch == '"') {
                    if (r->pos < r->len && r->data[r->pos] == '"') {
                        buf_putc(&field, '"');
                        r->pos++;
                        continue;
                    }
                    break;
                }
                if (ch == '\n') r->line++;
                buf_putc(&field, ch);
            }
            if (r->pos < r->len && r->data[r->pos] != ',' && r->data[r->pos] != '\n' &&
                !(r->data[r->pos] == '\r' && r->pos + 1 < r->len && r->data[r->pos + 1] == '\n')) {
                snprintf(err, errlen, "unexpected text after a closing quote");
                rc = -1;
                goto out;
            }
        } else {
            size_t start = r->pos;
            while (r->pos < r->len && r->data[r->pos] != ',' && r->data[r->pos] != '\n' &&
                   !(r->data[r->pos] == '\r' && r->pos + 1 < r->len && r->data[r->pos + 1] == '\n')) {
                if (r->data[r->pos] == '"') {
                    snprintf(err, errlen, "quote inside an unquoted field");
                    rc = -1;
                    goto out;
                }
                r->pos++;
            }
            buf_put(&field, r->data + start, r->pos - start);
        }
        if (n < max) fields[n] = arena_strndup(a, buf_str(&field), field.len);
        n++;
        if (r->pos < r->len && r->data[r->pos] == ',') {
            r->pos++;
            continue;
        }
        take_line_end(r);   /* or the end of the data */
        break;
    }
out:
    buf_free(&field);
    *nfields = n > max ? max + 1 : n;
    return rc;
}

lk_err csv_read_file(const char *path, size_t max_bytes, char **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    lk_err rc = LK_OK;
    buf b = BUF_INIT;
    FILE *f = fopen(path, "rb");
    if (!f) return LK_ERR_IO;
    char chunk[65536];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (b.len + got > max_bytes) {
            rc = LK_ERR_TOOBIG;
            goto out;
        }
        buf_put(&b, chunk, got);
    }
    if (ferror(f)) {
        rc = LK_ERR_IO;
        goto out;
    }
    *len = b.len;
    *out = buf_steal(&b);
out:
    fclose(f);
    buf_free(&b);
    return rc;
}

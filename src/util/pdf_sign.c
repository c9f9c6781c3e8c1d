/* util/pdf_sign.c — the incremental update of a PAdES signature and reading it back
 * (see pdf_sign.h). */
#include "util/pdf_sign.h"
#include "util/alloc.h"
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_OBJECTS 1000000
#define MAX_PREV 32

/* ---- scanning ------------------------------------------------------------------- */

static const unsigned char *find(const unsigned char *h, size_t hn, const char *needle)
{
    return memmem(h, hn, needle, strlen(needle));
}

static const unsigned char *find_last(const unsigned char *h, size_t hn, const char *needle)
{
    /* memrchr finds each candidate's first byte: a byte-by-byte memcmp over a 70 KB
     * PDF without the needle cost 83% of the PDF check's time. */
    size_t n = strlen(needle);
    if (n == 0 || n > hn) return NULL;
    size_t span = hn - n + 1;   /* positions where the needle could start */
    const unsigned char *c;
    while (span && (c = memrchr(h, (unsigned char)needle[0], span)) != NULL) {
        if (memcmp(c + 1, needle + 1, n - 1) == 0) return c;
        span = (size_t)(c - h);
    }
    return NULL;
}

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0;
}

/* A non-negative decimal number at *p (after white space); advances *p.  -1 if none. */
static long long number_at(const unsigned char **p, const unsigned char *end)
{
    const unsigned char *s = *p;
    while (s < end && is_space(*s)) s++;
    if (s >= end || !isdigit(*s)) return -1;
    long long v = 0;
    while (s < end && isdigit(*s)) {
        if (v > (long long)1e15) return -1;
        v = v * 10 + (*s++ - '0');
    }
    *p = s;
    return v;
}

/* The number after `key` inside text[0..n) ("/Size 20"), or -1. */
static long long key_number(const unsigned char *text, size_t n, const char *key)
{
    const unsigned char *k = find(text, n, key);
    if (!k) return -1;
    const unsigned char *p = k + strlen(key);
    return number_at(&p, text + n);
}

/* ---- the cross-reference table -------------------------------------------------- */

typedef struct {
    size_t *offset;            /* per object number; 0 = not in use */
    long long size;            /* the newest trailer's /Size */
    long long root, info;      /* object numbers; info -1 when absent */
    size_t startxref;          /* offset of the newest xref section */
} xref;

/* One classic xref section at off and its trailer; newer entries win.  *prev receives
 * the trailer's /Prev (or -1). */
static int read_section(const unsigned char *pdf, size_t len, size_t off, xref *x, int newest, long long *prev)
{
    if (off >= len || len - off < 4 || memcmp(pdf + off, "xref", 4) != 0) return -1;
    const unsigned char *p = pdf + off + 4, *end = pdf + len;
    const unsigned char *trailer = find(p, (size_t)(end - p), "trailer");
    if (!trailer) return -1;
    for (;;) {
        const unsigned char *q = p;
        long long first = number_at(&q, trailer), count = number_at(&q, trailer);
        if (first < 0 || count < 0) break;
        p = q;
        while (p < trailer && (*p == ' ' || *p == '\r' || *p == '\n')) p++;
        for (long long i = 0; i < count; i++) {
            if (trailer - p < 18) return -1;
            long long o = 0;
            for (int d = 0; d < 10; d++) {
                if (!isdigit(p[d])) return -1;
                o = o * 10 + (p[d] - '0');
            }
            char kind = (char)p[17];
            long long num = first + i;
            if (num < 0 || num >= x->size) return -1;
            if (!x->offset[num] && kind == 'n' && num > 0) x->offset[num] = (size_t)o;
            p += 18;
            while (p < trailer && (*p == ' ' || *p == '\r' || *p == '\n')) p++;
        }
    }
    const unsigned char *tend = find(trailer, (size_t)(end - trailer), "startxref");
    if (!tend) tend = end;
    size_t tn = (size_t)(tend - trailer);
    if (newest) {
        x->root = key_number(trailer, tn, "/Root");
        x->info = key_number(trailer, tn, "/Info");
    }
    *prev = key_number(trailer, tn, "/Prev");
    return 0;
}

static int read_xref(const unsigned char *pdf, size_t len, xref *x, const char **why)
{
    memset(x, 0, sizeof *x);
    const unsigned char *sx = find_last(pdf, len, "startxref");
    if (!sx) {
        *why = "no startxref";
        return -1;
    }
    const unsigned char *p = sx + 9;
    long long off = number_at(&p, pdf + len);
    if (off < 0 || (size_t)off >= len) {
        *why = "bad startxref";
        return -1;
    }
    x->startxref = (size_t)off;
    if (len - (size_t)off < 4 || memcmp(pdf + off, "xref", 4) != 0) {
        *why = "the cross-reference is a stream (only classic xref tables are supported)";
        return -1;
    }
    const unsigned char *trailer = find(pdf + off, len - (size_t)off, "trailer");
    x->size = trailer ? key_number(trailer, len - (size_t)(trailer - pdf), "/Size") : -1;
    if (x->size <= 0 || x->size > MAX_OBJECTS) {
        *why = "bad trailer /Size";
        return -1;
    }
    x->offset = xcalloc((size_t)x->size, sizeof *x->offset);
    long long prev = -1;
    for (int i = 0; i < MAX_PREV; i++) {
        if (read_section(pdf, len, (size_t)off, x, i == 0, &prev) != 0) {
            *why = "bad xref section";
            return -1;
        }
        if (prev < 0) break;
        off = prev;
    }
    if (x->root <= 0 || x->root >= x->size) {
        *why = "no /Root";
        return -1;
    }
    return 0;
}

/* The dictionary of object num ("<< ... >>", no stream): its start and length. */
static int object_dict(const unsigned char *pdf, size_t len, const xref *x, long long num, const unsigned char **d,
                       size_t *dn)
{
    if (num <= 0 || num >= x->size || !x->offset[num] || x->offset[num] >= len) return -1;
    const unsigned char *p = pdf + x->offset[num], *end = pdf + len;
    if (number_at(&p, end) != num) return -1;
    if (number_at(&p, end) < 0) return -1;
    while (p < end && is_space(*p)) p++;
    if (end - p < 3 || memcmp(p, "obj", 3) != 0) return -1;
    p += 3;
    const unsigned char *eo = find(p, (size_t)(end - p), "endobj");
    if (!eo) return -1;
    if (find(p, (size_t)(eo - p), "stream")) return -1;
    const unsigned char *open = find(p, (size_t)(eo - p), "<<");
    const unsigned char *close = find_last(p, (size_t)(eo - p), ">>");
    if (!open || !close || close < open) return -1;
    *d = open;
    *dn = (size_t)(close + 2 - open);
    return 0;
}

/* The object number of the page-th direct kid of the root /Pages. */
static long long page_object(const unsigned char *pdf, size_t len, const xref *x, int page)
{
    const unsigned char *cat, *pages;
    size_t cn, pn;
    if (object_dict(pdf, len, x, x->root, &cat, &cn) != 0) return -1;
    long long pages_num = key_number(cat, cn, "/Pages");
    if (object_dict(pdf, len, x, pages_num, &pages, &pn) != 0) return -1;
    const unsigned char *kids = find(pages, pn, "/Kids");
    if (!kids) return -1;
    const unsigned char *p = kids + 5, *end = pages + pn;
    while (p < end && is_space(*p)) p++;
    if (p >= end || *p != '[') return -1;
    p++;
    for (int i = 0;; i++) {
        long long num = number_at(&p, end), gen = number_at(&p, end);
        while (p < end && is_space(*p)) p++;
        if (num < 0 || gen < 0 || p >= end || *p != 'R') return -1;
        p++;
        if (i == page) {
            const unsigned char *d;
            size_t dn;
            if (object_dict(pdf, len, x, num, &d, &dn) != 0) return -1;
            const unsigned char *t = find(d, dn, "/Type");
            if (!t || (size_t)(d + dn - t) < 11 || memcmp(t, "/Type /Page", 11) != 0 || t[11] == 's') return -1;
            return num;
        }
    }
}

/* ---- writing -------------------------------------------------------------------- */

/* A PDF text string: literal for printable ASCII, else UTF-16BE hex with a BOM. */
static void put_text(buf *b, const char *s)
{
    int ascii = 1;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p > 0x7e) ascii = 0;
    if (ascii) {
        buf_putc(b, '(');
        for (const char *p = s; *p; p++) {
            if (*p == '(' || *p == ')' || *p == '\\') buf_putc(b, '\\');
            buf_putc(b, *p);
        }
        buf_putc(b, ')');
        return;
    }
    buf_puts(b, "<FEFF");
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        uint32_t cp = 0xFFFD;
        int n = *p < 0x80 ? 1 : (*p >> 5) == 6 ? 2 : (*p >> 4) == 14 ? 3 : (*p >> 3) == 30 ? 4 : 0;
        if (n == 0) {
            p++;
        } else {
            int ok = 1;
            for (int i = 1; i < n; i++)
                if ((p[i] & 0xC0) != 0x80) ok = 0;
            if (ok) {
                cp = n == 1 ? p[0] : n == 2 ? (p[0] & 0x1Fu) : n == 3 ? (p[0] & 0x0Fu) : (p[0] & 0x07u);
                for (int i = 1; i < n; i++) cp = (cp << 6) | (p[i] & 0x3Fu);
                p += n;
            } else {
                p++;
            }
        }
        if (cp < 0x20) cp = 0xFFFD;
        if (cp >= 0x10000) {
            cp -= 0x10000;
            buf_printf(b, "%04X%04X", 0xD800 + (cp >> 10), 0xDC00 + (cp & 0x3FF));
        } else {
            buf_printf(b, "%04X", cp);
        }
    }
    buf_putc(b, '>');
}

static void put_date(buf *b, time_t t)
{
    struct tm tm;
    gmtime_r(&t, &tm);
    buf_printf(b, "(D:%04d%02d%02d%02d%02d%02dZ)", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
               tm.tm_sec);
}

typedef struct {
    long long num;
    size_t offset;
} written;

static void begin_obj(buf *out, written *w, size_t *nw, long long num)
{
    w[*nw].num = num;
    w[(*nw)++].offset = out->len;
    buf_printf(out, "%lld 0 obj\n", num);
}

/* The dictionary d[0..dn) ("<< … >>") with `extra` added before its closing ">>". */
static void put_extended(buf *out, const unsigned char *d, size_t dn, const char *extra)
{
    buf_put(out, d, dn - 2);
    buf_printf(out, "\n   %s\n>>", extra);
}

static int cmp_written(const void *a, const void *b)
{
    long long x = ((const written *)a)->num, y = ((const written *)b)->num;
    return x < y ? -1 : x > y;
}

lk_err pdf_sig_prepare(const unsigned char *pdf, size_t len, const pdf_sig_field *f, buf *out, pdf_sig_slot *slot,
                       const char **why)
{
    *why = NULL;
    buf_reset(out);
    xref x;
    if (read_xref(pdf, len, &x, why) != 0) {
        free(x.offset);
        return LK_ERR_INVALID;
    }
    long long page = page_object(pdf, len, &x, f->page);
    const unsigned char *cat, *pg;
    size_t cn, pn;
    lk_err rc = LK_ERR_INVALID;
    if (page < 0 || object_dict(pdf, len, &x, page, &pg, &pn) != 0) {
        *why = "the page of the signature block is not a plain page object";
        goto done;
    }
    if (object_dict(pdf, len, &x, x.root, &cat, &cn) != 0 || find(cat, cn, "/AcroForm")) {
        *why = "the catalogue is not a plain dictionary or has a form already";
        goto done;
    }
    const unsigned char *annots = find(pg, pn, "/Annots");
    if (annots) {
        const unsigned char *p = annots + 7;
        while (p < pg + pn && is_space(*p)) p++;
        if (p >= pg + pn || *p != '[') {
            *why = "the page's /Annots is not a direct array";
            goto done;
        }
    }
    size_t contents_max = f->contents_max ? f->contents_max : PDF_SIG_CONTENTS_DEFAULT;
    long long sig = x.size, widget = x.size + 1, ap = x.size + 2, size = x.size + 3;
    double w = f->x1 - f->x0, h = f->y1 - f->y0;

    buf_put(out, pdf, len);
    if (len && pdf[len - 1] != '\n') buf_putc(out, '\n');
    written objs[5];
    size_t nw = 0;

    begin_obj(out, objs, &nw, sig);
    buf_puts(out, "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached\n   /ByteRange ");
    size_t br_at = out->len;
    buf_printf(out, "[0 %010d %010d %010d]", 0, 0, 0);
    buf_puts(out, "\n   /Contents ");
    size_t contents_at = out->len;
    buf_putc(out, '<');
    for (size_t i = 0; i < 2 * contents_max; i++) buf_putc(out, '0');
    buf_putc(out, '>');
    size_t contents_end = out->len;
    buf_puts(out, "\n   /M ");
    put_date(out, f->when);
    if (f->signer_name) {
        buf_puts(out, "\n   /Name ");
        put_text(out, f->signer_name);
    }
    if (f->reason) {
        buf_puts(out, "\n   /Reason ");
        put_text(out, f->reason);
    }
    if (f->location) {
        buf_puts(out, "\n   /Location ");
        put_text(out, f->location);
    }
    buf_puts(out, "\n>>\nendobj\n");

    begin_obj(out, objs, &nw, widget);
    buf_printf(out, "<< /Type /Annot /Subtype /Widget /FT /Sig /F 132 /T ");
    put_text(out, f->field_name ? f->field_name : "Signature");
    buf_printf(out, "\n   /V %lld 0 R /P %lld 0 R /Rect [%.2f %.2f %.2f %.2f] /AP << /N %lld 0 R >>\n>>\nendobj\n", sig,
               page, f->x0, f->y0, f->x1, f->y1, ap);

    /* The block is drawn on the page itself; the appearance is empty so that a reader
     * without signature support shows the same page. */
    begin_obj(out, objs, &nw, ap);
    buf_printf(out, "<< /Type /XObject /Subtype /Form /BBox [0 0 %.2f %.2f] /Length 0 >>\nstream\n\nendstream\nendobj\n",
               w > 0 ? w : 0, h > 0 ? h : 0);

    begin_obj(out, objs, &nw, page);
    if (annots) {
        const unsigned char *bracket = memchr(annots, '[', (size_t)(pg + pn - annots));
        buf_put(out, pg, (size_t)(bracket + 1 - pg));
        buf_printf(out, " %lld 0 R ", widget);
        buf_put(out, bracket + 1, (size_t)(pg + pn - bracket - 1));
    } else {
        char extra[64];
        snprintf(extra, sizeof extra, "/Annots [ %lld 0 R ]", widget);
        put_extended(out, pg, pn, extra);
    }
    buf_puts(out, "\nendobj\n");

    begin_obj(out, objs, &nw, x.root);
    char form[96];
    snprintf(form, sizeof form, "/AcroForm << /Fields [ %lld 0 R ] /SigFlags 3 >>", widget);
    put_extended(out, cat, cn, form);
    buf_puts(out, "\nendobj\n");

    qsort(objs, nw, sizeof *objs, cmp_written);
    size_t xref_at = out->len;
    buf_puts(out, "xref\n0 1\n0000000000 65535 f \n");
    for (size_t i = 0; i < nw; i++) {
        size_t run = 1;
        while (i + run < nw && objs[i + run].num == objs[i].num + (long long)run) run++;
        buf_printf(out, "%lld %zu\n", objs[i].num, run);
        for (size_t j = i; j < i + run; j++) buf_printf(out, "%010zu 00000 n \n", objs[j].offset);
        i += run - 1;
    }
    buf_printf(out, "trailer\n<< /Size %lld /Root %lld 0 R", size, x.root);
    if (x.info > 0) buf_printf(out, " /Info %lld 0 R", x.info);
    buf_printf(out, " /Prev %zu >>\nstartxref\n%zu\n%%%%EOF\n", x.startxref, xref_at);

    slot->range[0] = 0;
    slot->range[1] = contents_at;
    slot->range[2] = contents_end;
    slot->range[3] = out->len - contents_end;
    slot->contents_max = contents_max;
    char br[48];
    int n = snprintf(br, sizeof br, "[0 %010zu %010zu %010zu]", slot->range[1], slot->range[2], slot->range[3]);
    memcpy(out->data + br_at, br, (size_t)n);
    rc = LK_OK;
done:
    free(x.offset);
    return rc;
}

lk_err pdf_sig_insert(buf *out, const pdf_sig_slot *slot, const unsigned char *der, size_t n)
{
    if (n > slot->contents_max || slot->range[1] + 2 * slot->contents_max + 2 != slot->range[2] ||
        slot->range[2] > out->len)
        return LK_ERR_INVALID;
    static const char hex[] = "0123456789abcdef";
    char *p = out->data + slot->range[1] + 1;
    for (size_t i = 0; i < n; i++) {
        *p++ = hex[der[i] >> 4];
        *p++ = hex[der[i] & 15];
    }
    /* The rest stays zero padding, also when a signature is written again (B-T). */
    memset(p, '0', 2 * (slot->contents_max - n));
    return LK_OK;
}

/* ---- reading back --------------------------------------------------------------- */

static int hexval(unsigned char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    c = (unsigned char)tolower(c);
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

/* "D:YYYYMMDDHHmmSS" followed by Z, +HH'mm or -HH'mm (or nothing: UTC). */
static time_t parse_date(const char *s)
{
    int y, mo, d, h = 0, mi = 0, se = 0;
    if (strncmp(s, "D:", 2) == 0) s += 2;
    if (sscanf(s, "%4d%2d%2d%2d%2d%2d", &y, &mo, &d, &h, &mi, &se) < 3) return 0;
    struct tm tm = {.tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = h, .tm_min = mi, .tm_sec = se};
    time_t t = timegm(&tm);
    const char *z = strlen(s) >= 14 ? s + 14 : "";
    int oh = 0, om = 0;
    if ((*z == '+' || *z == '-') && sscanf(z + 1, "%2d'%2d", &oh, &om) >= 1) {
        long off = oh * 3600L + om * 60L;
        t += *z == '+' ? -off : off;
    }
    return t;
}

/* The value of `key` (a name or a literal string) in the dictionary text, copied. */
static void dict_value(const unsigned char *d, size_t dn, const char *key, char *out, size_t cap)
{
    out[0] = 0;
    const unsigned char *k = find(d, dn, key), *end = d + dn;
    if (!k) return;
    const unsigned char *p = k + strlen(key);
    while (p < end && is_space(*p)) p++;
    if (p >= end) return;
    size_t n = 0;
    if (*p == '/') {
        for (p++; p < end && n + 1 < cap && !is_space(*p) && !strchr("/<>[]()", *p); p++) out[n++] = (char)*p;
    } else if (*p == '(') {
        for (p++; p < end && n + 1 < cap && *p != ')'; p++) out[n++] = (char)*p;
    }
    out[n] = 0;
}

lk_err pdf_sig_find(const unsigned char *pdf, size_t len, pdf_sig_found *out)
{
    memset(out, 0, sizeof *out);
    const unsigned char *br = find_last(pdf, len, "/ByteRange");
    if (!br) return LK_ERR_NOTFOUND;
    const unsigned char *p = br + 10, *end = pdf + len;
    while (p < end && is_space(*p)) p++;
    if (p >= end || *p != '[') return LK_ERR_INVALID;
    p++;
    long long r[4];
    for (int i = 0; i < 4; i++)
        if ((r[i] = number_at(&p, end)) < 0) return LK_ERR_INVALID;
    if (r[0] != 0 || r[1] <= 0 || r[2] <= r[1] + 1 || (size_t)r[2] > len || (size_t)r[3] > len - (size_t)r[2])
        return LK_ERR_INVALID;
    if (pdf[r[1]] != '<' || pdf[r[2] - 1] != '>') return LK_ERR_INVALID;
    for (int i = 0; i < 4; i++) out->range[i] = (size_t)r[i];
    out->covers_all = (size_t)(r[2] + r[3]) == len;
    size_t hex_n = (size_t)(r[2] - r[1] - 2);
    if (hex_n % 2) return LK_ERR_INVALID;
    out->der = xmalloc(hex_n / 2 + 1);
    const unsigned char *h = pdf + r[1] + 1;
    for (size_t i = 0; i < hex_n / 2; i++) {
        int hi = hexval(h[2 * i]), lo = hexval(h[2 * i + 1]);
        if (hi < 0 || lo < 0) {
            pdf_sig_found_free(out);
            return LK_ERR_INVALID;
        }
        out->der[i] = (unsigned char)(hi << 4 | lo);
    }
    out->der_len = hex_n / 2;
    while (out->der_len && out->der[out->der_len - 1] == 0) out->der_len--;
    /* A DER value may end in zero bytes: keep the length its outer header gives. */
    if (out->der_len < hex_n / 2 && hex_n / 2 >= 4 && out->der[0] == 0x30) {
        size_t total = 0;
        unsigned char l = out->der[1];
        if (l < 0x80) total = 2u + l;
        else if (l >= 0x81 && l <= 0x84 && hex_n / 2 >= 2u + (l & 0x7f)) {
            size_t v = 0;
            for (int i = 0; i < (l & 0x7f); i++) v = v << 8 | out->der[2 + i];
            total = 2u + (l & 0x7fu) + v;
        }
        if (total >= out->der_len && total <= hex_n / 2) out->der_len = total;
    }
    /* The signature dictionary around /ByteRange: /SubFilter and /M. */
    const unsigned char *obj = find_last(pdf, (size_t)(br - pdf), "obj");
    const unsigned char *eo = find(br, len - (size_t)(br - pdf), "endobj");
    if (obj && eo) {
        size_t dn = (size_t)(eo - obj);
        dict_value(obj, dn, "/SubFilter", out->subfilter, sizeof out->subfilter);
        dict_value(obj, dn, "/M", out->m, sizeof out->m);
        if (*out->m) out->when = parse_date(out->m);
    }
    return LK_OK;
}

void pdf_sig_found_free(pdf_sig_found *f)
{
    free(f->der);
    f->der = NULL;
    f->der_len = 0;
}

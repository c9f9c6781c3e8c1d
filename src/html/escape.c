/* html/escape.c — escapers for HTML, URL components and JSON strings (see escape.h).
 * Owner: HTML templates (src/html/).
 *
 * All three walk the input once and copy runs of harmless bytes with a single buf_put,
 * so escaping a long clean string costs about one memcpy.  Invalid UTF-8 is replaced by
 * U+FFFD per maximal invalid subsequence (the WHATWG decoder's rule), so the output is
 * always valid UTF-8 whatever the input. */
#include "html/escape.h"
#include <stdint.h>
#include <string.h>

static const char replacement_char[] = "\xEF\xBF\xBD";   /* U+FFFD */

#define UTF8_INVALID UINT32_MAX

/* Decodes one UTF-8 sequence at s[0..len).  Returns the bytes it covers (>= 1); *cp is
 * the code point, or UTF8_INVALID for an invalid or truncated sequence (which then
 * covers the longest prefix that could have started a valid one). */
static size_t utf8_next(const unsigned char *s, size_t len, uint32_t *cp)
{
    unsigned char c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t need;
    unsigned char lo = 0x80, hi = 0xBF;   /* allowed range of the second byte */
    uint32_t v;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 1, v = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2, v = c & 0x0F;
        if (c == 0xE0) lo = 0xA0;         /* overlong */
        if (c == 0xED) hi = 0x9F;         /* surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3, v = c & 0x07;
        if (c == 0xF0) lo = 0x90;         /* overlong */
        if (c == 0xF4) hi = 0x8F;         /* above U+10FFFF */
    } else {
        *cp = UTF8_INVALID;
        return 1;
    }
    size_t i = 1;
    for (; i <= need; i++) {
        if (i >= len) break;
        unsigned char b = s[i];
        if (i == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF)) break;
        v = (v << 6) | (b & 0x3F);
    }
    if (i <= need) {
        *cp = UTF8_INVALID;
        return i;
    }
    *cp = v;
    return need + 1;
}

/* Control characters that html_escape drops: C0 except tab, LF and CR; DEL; C1. */
static int is_dropped_control(uint32_t cp)
{
    return (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || (cp >= 0x7F && cp <= 0x9F);
}

void html_escape(buf *out, const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t run = 0, i = 0;   /* s[run..i) is copied verbatim */
    while (i < len) {
        unsigned char c = s[i];
        const char *rep;
        size_t step = 1;
        if (c >= 0x80) {
            uint32_t cp;
            step = utf8_next(s + i, len - i, &cp);
            if (cp == UTF8_INVALID) rep = replacement_char;
            else if (is_dropped_control(cp)) rep = "";
            else {
                i += step;
                continue;
            }
        } else if (c >= 0x20 && c < 0x7F) {
            switch (c) {
            case '&': rep = "&amp;"; break;
            case '<': rep = "&lt;"; break;
            case '>': rep = "&gt;"; break;
            case '"': rep = "&quot;"; break;
            case '\'': rep = "&#39;"; break;
            default: i++; continue;
            }
        } else if (c == '\t' || c == '\n' || c == '\r') {
            i++;
            continue;
        } else {
            rep = "";
        }
        if (i > run) buf_put(out, s + run, i - run);
        if (*rep) buf_puts(out, rep);
        i += step;
        run = i;
    }
    if (i > run) buf_put(out, s + run, i - run);
}

static const char hex_digits[] = "0123456789ABCDEF";

void url_encode(buf *out, const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = s[i];
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '.' || c == '_' || c == '~')
            continue;
        if (i > run) buf_put(out, s + run, i - run);
        char pct[3] = {'%', hex_digits[c >> 4], hex_digits[c & 15]};
        buf_put(out, pct, 3);
        run = i + 1;
    }
    if (len > run) buf_put(out, s + run, len - run);
}

void json_escape(buf *out, const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    buf_putc(out, '"');
    size_t run = 0, i = 0;
    while (i < len) {
        unsigned char c = s[i];
        char esc[8];
        const char *rep = esc;
        size_t step = 1;
        if (c >= 0x80) {
            uint32_t cp;
            step = utf8_next(s + i, len - i, &cp);
            /* U+2028/2029 end a line in pre-2019 JavaScript; escaping keeps the literal
             * safe to paste into a script. */
            if (cp == 0x2028 || cp == 0x2029) rep = cp == 0x2028 ? "\\u2028" : "\\u2029";
            else if (cp == UTF8_INVALID) rep = replacement_char;
            else {
                i += step;
                continue;
            }
        } else {
            switch (c) {
            case '"': rep = "\\\""; break;
            case '\\': rep = "\\\\"; break;
            case '\n': rep = "\\n"; break;
            case '\r': rep = "\\r"; break;
            case '\t': rep = "\\t"; break;
            case '\b': rep = "\\b"; break;
            case '\f': rep = "\\f"; break;
            /* < > & ' as \u escapes so the literal cannot close a <script> or an
             * attribute it ends up in. */
            case '<': case '>': case '&': case '\'':
                esc[0] = '\\', esc[1] = 'u', esc[2] = '0', esc[3] = '0';
                esc[4] = hex_digits[c >> 4], esc[5] = hex_digits[c & 15], esc[6] = 0;
                break;
            default:
                if (c >= 0x20) {
                    i++;
                    continue;
                }
                esc[0] = '\\', esc[1] = 'u', esc[2] = '0', esc[3] = '0';
                esc[4] = hex_digits[c >> 4], esc[5] = hex_digits[c & 15], esc[6] = 0;
            }
        }
        if (i > run) buf_put(out, s + run, i - run);
        buf_puts(out, rep);
        i += step;
        run = i;
    }
    if (i > run) buf_put(out, s + run, i - run);
    buf_putc(out, '"');
}

/* Bytes a browser ignores while it reads a URL's scheme: it strips tab, LF and CR
 * anywhere, and html_escape drops the other control characters before the browser
 * sees them, so "java\tscript:" and "java\x01script:" both mean "javascript:". */
static size_t url_ignored(const unsigned char *s)
{
    if (s[0] && (s[0] < 0x20 || s[0] == 0x7F)) return 1;
    if (s[0] == 0xC2 && s[1] >= 0x80 && s[1] <= 0x9F) return 2;   /* C1 control */
    return 0;
}

static int is_alpha(unsigned char c)
{
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

/* Policy: allowed are
 *   - absolute URLs with scheme http, https, mailto or tel (any case);
 *   - relative URLs: "/path", "?query", "#fragment", "path", "" —
 *     but not "//host" (or "/\host", "\\host": browsers read "\" as "/"), which would
 *     leave the site while looking relative.
 * Leading spaces and control characters are skipped as browsers do, and tab/LF/CR and
 * other controls inside the scheme are ignored, so " javascript:", "java\tscript:" and
 * "JaVaScRiPt:" are all refused.  Anything with another scheme (javascript:, data:,
 * vbscript:, file:, ...) is refused. */
int url_is_safe(const char *str)
{
    if (!str) return 0;
    const unsigned char *s = (const unsigned char *)str;
    while (*s == ' ' || url_ignored(s)) s += *s == ' ' ? 1 : url_ignored(s);
    if (*s == '/' || *s == '\\') {
        s++;
        for (size_t skip; (skip = url_ignored(s)) != 0;) s += skip;
        return !(*s == '/' || *s == '\\');
    }
    if (!is_alpha(*s)) return 1;   /* "?q", "#f", "./x", "" — no scheme possible */
    char scheme[8];
    size_t n = 0;
    for (;;) {
        size_t skip = url_ignored(s);
        if (skip) {
            s += skip;
            continue;
        }
        unsigned char c = *s;
        if (c == ':') break;
        if (!(is_alpha(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'))
            return 1;   /* a path such as "page-2/x": relative */
        if (n < sizeof scheme) scheme[n] = (char)(c | 0x20);
        n++;
        s++;
    }
    static const char *const allowed[] = {"http", "https", "mailto", "tel"};
    for (size_t i = 0; i < sizeof allowed / sizeof allowed[0]; i++)
        if (strlen(allowed[i]) == n && memcmp(scheme, allowed[i], n) == 0) return 1;
    return 0;
}

/* fuzz/fuzz_escape.c — libFuzzer target for the escapers of html/escape.h.
 * Owner: HTML templates (src/html/).
 *
 * Arbitrary bytes go through each escaper; the checks (abort on failure) are written
 * independently of escape.c: HTML output has no raw < > " ' and is valid UTF-8 without
 * dropped controls; URL encoding decodes back to the input; a JSON literal parses with
 * jansson and gives back valid input unchanged; url_is_safe never allows what a browser
 * would read as a javascript:, vbscript: or data: URL, or as "//host". */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "html/escape.h"

#include "fuzz_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);


/* Strict UTF-8 (RFC 3629): no overlongs, surrogates or code points above U+10FFFF. */
static int valid_utf8(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        size_t len;
        uint32_t cp;
        if (c < 0x80) { i++; continue; }
        else if ((c & 0xE0) == 0xC0) len = 2, cp = c & 0x1F;
        else if ((c & 0xF0) == 0xE0) len = 3, cp = c & 0x0F;
        else if ((c & 0xF8) == 0xF0) len = 4, cp = c & 0x07;
        else return 0;
        if (i + len > n) return 0;
        for (size_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xC0) != 0x80) return 0;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        static const uint32_t min[] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < min[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
        i += len;
    }
    return 1;
}

static void check_html(const uint8_t *data, size_t size)
{
    buf out = BUF_INIT;
    html_escape(&out, (const char *)data, size);
    const unsigned char *s = (const unsigned char *)buf_str(&out);
    for (size_t i = 0; i < out.len; i++) {
        unsigned char c = s[i];
        CHECK(c != '<' && c != '>' && c != '"' && c != '\'');
        CHECK(c >= 0x20 || c == '\t' || c == '\n' || c == '\r');
        CHECK(c != 0x7F);
        CHECK(!(c == 0xC2 && i + 1 < out.len && s[i + 1] >= 0x80 && s[i + 1] <= 0x9F));
    }
    CHECK(valid_utf8(s, out.len));
    buf_free(&out);
}

static int hex_value(unsigned char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

static void check_url_encode(const uint8_t *data, size_t size)
{
    buf out = BUF_INIT;
    url_encode(&out, (const char *)data, size);
    const unsigned char *s = (const unsigned char *)buf_str(&out);
    size_t n = 0;
    for (size_t i = 0; i < out.len; n++) {
        unsigned char c = s[i];
        if (c == '%') {
            CHECK(i + 2 < out.len);
            int hi = hex_value(s[i + 1]), lo = hex_value(s[i + 2]);
            CHECK(hi >= 0 && lo >= 0);
            CHECK(n < size && data[n] == (unsigned char)(hi * 16 + lo));
            i += 3;
        } else {
            CHECK((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == '.' || c == '_' || c == '~');
            CHECK(n < size && data[n] == c);
            i++;
        }
    }
    CHECK(n == size);
    buf_free(&out);
}

static void check_json(const uint8_t *data, size_t size)
{
    buf out = BUF_INIT;
    json_escape(&out, (const char *)data, size);
    const unsigned char *s = (const unsigned char *)buf_str(&out);
    CHECK(valid_utf8(s, out.len));
    for (size_t i = 0; i < out.len; i++) CHECK(s[i] >= 0x20 && s[i] != '<' && s[i] != '>');
    json_error_t err;
    json_t *j = json_loadb(buf_str(&out), out.len, JSON_DECODE_ANY | JSON_ALLOW_NUL, &err);
    CHECK(j && json_is_string(j));
    if (valid_utf8(data, size))
        CHECK(json_string_length(j) == size && memcmp(json_string_value(j), data, size) == 0);
    json_decref(j);
    buf_free(&out);
}

/* What a browser would read from href="<html_escape(data)>" (up to a NUL, as template
 * values are C strings): entities decoded, leading spaces stripped, tab/LF/CR removed
 * (html_escape already dropped the other controls), lower case. */
static void check_url_is_safe(const uint8_t *data, size_t size)
{
    char *str = malloc(size + 1);
    memcpy(str, data, size);
    str[size] = '\0';
    int safe = url_is_safe(str);

    buf escaped = BUF_INIT;
    html_escape(&escaped, str, strlen(str));
    const char *e = buf_str(&escaped);
    size_t cut = escaped.len;
    char *seen = malloc(cut + 1);
    size_t n = 0;
    static const struct { const char *entity; char c; } entities[] = {
        {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''},
    };
    for (size_t i = 0; i < cut;) {
        size_t k = 0;
        for (; k < sizeof entities / sizeof entities[0]; k++) {
            size_t len = strlen(entities[k].entity);
            if (strncmp(e + i, entities[k].entity, len) == 0) {
                seen[n++] = entities[k].c;
                i += len;
                break;
            }
        }
        if (k < sizeof entities / sizeof entities[0]) continue;
        char c = e[i++];
        if (c == '\t' || c == '\n' || c == '\r') continue;
        if (n == 0 && c == ' ') continue;
        seen[n++] = (char)(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
    }
    seen[n] = '\0';
    static const char *const bad[] = {"javascript:", "vbscript:", "data:", "//", "/\\", "\\/", "\\\\"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (strncmp(seen, bad[i], strlen(bad[i])) == 0) CHECK(!safe);
    free(seen);
    free(str);
    buf_free(&escaped);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    check_html(data, size);
    check_url_is_safe(data, size);
    check_url_encode(data, size);
    check_json(data, size);
    return 0;
}

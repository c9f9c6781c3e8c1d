/* domain/katalog/editor_text.c — text rules of the permit-type editor (see editor_text.h). */
#include "domain/katalog/editor_text.h"
#include "util/text.h"
#include <string.h>

int editor_blank(const char *s)
{
    return is_blank(s);
}

int editor_long_text(const char *s, size_t max, const char **msg)
{
    if (!s) return 0;
    if (!utf8_valid(s, strlen(s))) {
        *msg = "Teks berisi karakter yang tidak sah.";
        return -1;
    }
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if ((*p < ' ' && *p != '\n' && *p != '\r' && *p != '\t') || *p == 0x7f) {
            *msg = "Teks berisi karakter kendali yang tidak sah.";
            return -1;
        }
    if (utf8_length(s) > max) {
        *msg = "Teks terlalu panjang.";
        return -1;
    }
    return 0;
}

void editor_words(const char *s, char sep, char *out, size_t outlen)
{
    size_t n = 0;
    int gap = 0;
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p && n + 2 < outlen; p++) {
        char ch = (char)*p;
        if (ch >= 'A' && ch <= 'Z') ch = (char)(ch - 'A' + 'a');
        if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) {
            if (gap && n) out[n++] = sep;
            out[n++] = ch;
            gap = 0;
        } else {
            gap = 1;
        }
    }
    out[n] = '\0';
}

int editor_key_ok(const char *key)
{
    size_t n = key ? strlen(key) : 0;
    if (n < 1 || n > 40 || key[0] < 'a' || key[0] > 'z') return 0;
    return strspn(key, "abcdefghijklmnopqrstuvwxyz0123456789_") == n;
}

/* domain/katalog/editor_text.h — small text rules of the permit-type editor: blank
 * checks, multi-line descriptions, slugs and data teknis keys.  Pure functions. */
#ifndef LOKET_EDITOR_TEXT_H
#define LOKET_EDITOR_TEXT_H
#include <stddef.h>

/* 1 if s is NULL, empty or only spaces. */
int editor_blank(const char *s);
/* 0 if s (NULL = empty) is valid UTF-8 of at most max characters whose only control
 * characters are line breaks and tabs; else -1 with an Indonesian *msg. */
int editor_long_text(const char *s, size_t max, const char **msg);
/* Lowercase ASCII letters and digits of s joined by single '-' (sep '-') or '_', at
 * most outlen-1 bytes; "" when s has none. */
void editor_words(const char *s, char sep, char *out, size_t outlen);
#define editor_slug(s, out, outlen) editor_words((s), '-', (out), (outlen))
/* 1 if key is a data teknis key: [a-z][a-z0-9_]*, at most 40 bytes. */
int editor_key_ok(const char *key);

#endif

/* util/text.h — small text helpers shared by every layer: UTF-8 validation, trimming,
 * digit checks and bounded copies. */
#ifndef LOKET_TEXT_H
#define LOKET_TEXT_H
#include <stddef.h>
#include <stdint.h>

/* 1 if s[0..len) is well-formed UTF-8 (no overlongs, no surrogates, no NUL byte). */
int utf8_valid(const char *s, size_t len);
/* Number of code points in a valid UTF-8 string (for length limits users understand). */
size_t utf8_length(const char *s);
/* 1 for a code point that does not belong in one line of text: C0 and C1 controls, DEL,
 * the Unicode line and paragraph separators, and the bidirectional embeddings,
 * overrides and isolates (they make text read differently from what is stored). */
int text_is_control(uint32_t cp);
/* 1 if s (valid UTF-8) holds such a code point. */
int text_has_control(const char *s);
/* 1 if s is non-empty and every byte is an ASCII digit. */
int all_digits(const char *s);
/* Parses a decimal integer in [min, max]; returns 0 on success, -1 on anything else. */
int parse_int64(const char *s, int64_t min, int64_t max, int64_t *out);
/* 1 if s is NULL or only ASCII whitespace. */
int is_blank(const char *s);
/* 1 if a == b, comparing ASCII letters case-insensitively. */
int ascii_ieq(const char *a, const char *b);

#endif

/* html/escape.h — escaping for HTML text, attributes, URLs and JSON strings. */
#ifndef LOKET_ESCAPE_H
#define LOKET_ESCAPE_H
#include <stddef.h>
#include "util/buf.h"

/* Appends s with & < > " ' escaped as entities.  Invalid UTF-8 bytes become U+FFFD and
 * control characters other than tab/newline are dropped. */
void html_escape(buf *out, const char *s, size_t len);
/* Percent-encodes for a URL query component (RFC 3986 unreserved kept). */
void url_encode(buf *out, const char *s, size_t len);
/* Appends a JSON string literal (with quotes) for s; invalid UTF-8 becomes U+FFFD. */
void json_escape(buf *out, const char *s, size_t len);
/* 1 if s is a URL safe for href/src: relative, or http, https, mailto, tel. */
int url_is_safe(const char *s);

#endif

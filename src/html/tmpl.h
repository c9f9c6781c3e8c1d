/* html/tmpl.h — Loket's HTML templates: escape by default, no raw output.
 *
 * Templates live in assets/templates/NAME.html and are compiled once at start-up.
 * Syntax (a Mustache subset):
 *   {{name}} {{a.b}}     a value, HTML-escaped (& < > " ' all escaped)
 *   {{#name}}…{{/name}}  a section: once per list item, once if a value is true/non-empty,
 *                        with a map item pushed as the innermost scope (outer names
 *                        stay visible)
 *   {{^name}}…{{/name}}  inverted section: when the value is missing, false, "" or []
 *   {{>name}}            includes the template NAME (header, footer, ...)
 *   {{_ Teks Indonesia}} the phrase translated to the page language (html/i18n.h)
 *   {{! comment }}
 *   {{.}}                the current list item when it is a string
 * There is deliberately no syntax for unescaped output.  Compilation refuses a
 * placeholder inside <script>/<style>, inside an on*= attribute, in an unquoted
 * attribute value, inside a tag or attribute name, or inside an HTML comment.  A value
 * in an href/src/action/formaction attribute whose scheme is not http, https, mailto or
 * tel (or relative) is rendered as "#" — that is how javascript: URLs are stopped.
 *
 * Values are a small tree (tv) built per request in an arena. */
#ifndef LOKET_TMPL_H
#define LOKET_TMPL_H
#include <stddef.h>
#include "util/arena.h"
#include "util/buf.h"
#include "util/err.h"

typedef struct tv tv;   /* template value: string, bool, list or map */

/* Builders.  All memory comes from the arena `a`; strings are copied into it. */
tv *tv_map(arena *a);                                        /* a new empty map */
void tv_set(tv *map, const char *key, const char *val);     /* NULL: set to "" (falsy, hides outer keys) */
void tv_setf(tv *map, const char *key, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void tv_set_int(tv *map, const char *key, long long v);
void tv_set_bool(tv *map, const char *key, int v);
tv *tv_set_map(tv *map, const char *key);                    /* new child map */
tv *tv_set_list(tv *map, const char *key);                   /* new empty list */
tv *tv_push_map(tv *list);                                   /* appends a new map */
void tv_push_str(tv *list, const char *val);
const char *tv_get(const tv *map, const char *key);         /* string value or NULL */

typedef struct tmpl_set tmpl_set;

/* Compiles every embedded template (assets/templates/NAME.html).  On a syntax or safety error returns NULL
 * and writes "templates/x.html:LINE: reason" to err. */
tmpl_set *tmpl_set_load(char *err, size_t errlen);
/* Compiles templates from memory: names[i] -> sources[i] (for tests and the fuzzer). */
tmpl_set *tmpl_set_from_strings(const char *const *names, const char *const *sources,
                                size_t count, char *err, size_t errlen);
void tmpl_set_free(tmpl_set *t);

/* Renders template `name` with `ctx` in language `lang` ("id" or "en"), appending to
 * out.  LK_ERR_NOTFOUND if there is no such template. */
lk_err tmpl_render(const tmpl_set *t, const char *name, const tv *ctx, const char *lang, buf *out);

#endif

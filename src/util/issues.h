/* util/issues.h — what is wrong with a submitted form, field by field: a list of
 * (field key, message) pairs that a page shows in its error summary and beside each
 * field.  Messages are static Indonesian sentences (html/i18n.h translates them).
 * Memory: items are allocated in the arena passed to issues_add. */
#ifndef LOKET_ISSUES_H
#define LOKET_ISSUES_H
#include <stddef.h>
#include "util/arena.h"

typedef struct {
    const char *key;      /* the field's id on the page: "username", "step-2-role" */
    const char *msg;      /* what is wrong, a whole sentence */
} issue;

typedef struct {
    issue *items;
    size_t count, cap;
} issues;

/* Appends one issue; key and msg are borrowed (static or in a). */
void issues_add(arena *a, issues *list, const char *key, const char *msg);
/* The first message for key, or NULL. */
const char *issues_get(const issues *list, const char *key);

#endif

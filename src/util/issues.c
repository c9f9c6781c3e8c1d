/* util/issues.c — field-by-field form errors (see issues.h). */
#include "util/issues.h"
#include <string.h>

void issues_add(arena *a, issues *list, const char *key, const char *msg)
{
    list->items = arena_grow(a, list->items, &list->cap, list->count, sizeof *list->items);
    list->items[list->count++] = (issue){key, msg};
}

const char *issues_get(const issues *list, const char *key)
{
    for (size_t i = 0; list && i < list->count; i++)
        if (strcmp(list->items[i].key, key) == 0) return list->items[i].msg;
    return NULL;
}

/* store/stmt_cache.c — per-connection map from SQL text to a prepared statement.
 *
 * Open addressing with linear probing, keyed by the full SQL text (FNV-1a hash).  The
 * cache copies each key and frees it on clear; the values are the driver's and are handed
 * to the driver's drop function.  Entries are never removed one by one: the application's
 * SQL texts are a fixed set, so the cache only grows to that size. */
#include "store/driver.h"
#include <stdlib.h>
#include <string.h>
#include "util/alloc.h"

struct stmt_cache_entry {
    char *sql;   /* NULL marks an empty slot */
    void *stmt;
};

static size_t hash_sql(const char *sql)
{
    uint64_t h = 14695981039346656037u;
    for (const unsigned char *p = (const unsigned char *)sql; *p; p++)
        h = (h ^ *p) * 1099511628211u;
    return (size_t)h;
}

void *stmt_cache_get(const stmt_cache *sc, const char *sql)
{
    if (sc->cap == 0) return NULL;
    size_t mask = sc->cap - 1;
    for (size_t i = hash_sql(sql) & mask; sc->slots[i].sql; i = (i + 1) & mask)
        if (strcmp(sc->slots[i].sql, sql) == 0) return sc->slots[i].stmt;
    return NULL;
}

static void insert_slot(struct stmt_cache_entry *slots, size_t cap, char *sql, void *stmt)
{
    size_t i = hash_sql(sql) & (cap - 1);
    while (slots[i].sql) i = (i + 1) & (cap - 1);
    slots[i].sql = sql;
    slots[i].stmt = stmt;
}

void stmt_cache_put(stmt_cache *sc, const char *sql, void *stmt)
{
    /* Keep the load under 3/4 so probes stay short. */
    if ((sc->count + 1) * 4 > sc->cap * 3) {
        size_t cap = sc->cap ? sc->cap * 2 : 64;
        struct stmt_cache_entry *slots = xcalloc(cap, sizeof *slots);
        for (size_t i = 0; i < sc->cap; i++)
            if (sc->slots[i].sql) insert_slot(slots, cap, sc->slots[i].sql, sc->slots[i].stmt);
        free(sc->slots);
        sc->slots = slots;
        sc->cap = cap;
    }
    insert_slot(sc->slots, sc->cap, xstrdup(sql), stmt);
    sc->count++;
}

void stmt_cache_clear(stmt_cache *sc, void (*drop)(void *stmt))
{
    for (size_t i = 0; i < sc->cap; i++) {
        if (!sc->slots[i].sql) continue;
        drop(sc->slots[i].stmt);
        free(sc->slots[i].sql);
    }
    free(sc->slots);
    sc->slots = NULL;
    sc->cap = sc->count = 0;
}

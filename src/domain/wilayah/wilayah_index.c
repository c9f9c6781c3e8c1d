/* domain/wilayah/wilayah_index.c — the in-memory region index (see wilayah_index.h). */
#include "domain/wilayah/wilayah_index.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/text.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SEARCH_Q_MAX 100

typedef struct {
    char *code, *name, *lower;
    int level;
    int parent;                 /* index of the parent entry, -1 for provinces */
    unsigned lower_len;
} entry;

/* A posting list: the entries whose lowercased name contains one trigram.  Two-letter
 * queries have no list: they walk the entries in answer order, which ends early for
 * common pairs and costs one pass over 91,000 short names for rare ones. */
typedef struct {
    uint32_t gram;              /* three bytes */
    uint32_t start, count;      /* slice of postings[] */
} gram_list;

struct wilayah_index {
    char *strings;              /* every entry's code, name and lower, end to end: one
                                 * block instead of three small allocations per region
                                 * (91,000 regions: a quarter of the index's memory) */
    entry *e;                   /* in answer order: (lower_len, lower, code) */
    size_t n;
    uint32_t *by_parent;        /* entry indices ordered by (parent code, name) */
    gram_list *grams;
    size_t gram_count;
    uint32_t *postings;
};

static int cmp_answer(const void *x, const void *y)
{
    const entry *a = x, *b = y;
    if (a->lower_len != b->lower_len) return a->lower_len < b->lower_len ? -1 : 1;
    int c = strcmp(a->lower, b->lower);
    return c ? c : strcmp(a->code, b->code);
}

static const char *parent_code_of(const wilayah_index *wi, uint32_t i)
{
    return wi->e[i].parent < 0 ? "" : wi->e[wi->e[i].parent].code;
}

static int cmp_by_parent(const void *x, const void *y, void *ctx)
{
    const wilayah_index *wi = ctx;
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    int c = strcmp(parent_code_of(wi, a), parent_code_of(wi, b));
    if (c) return c;
    c = strcmp(wi->e[a].name, wi->e[b].name);
    return c ? c : strcmp(wi->e[a].code, wi->e[b].code);
}

static uint32_t gram_key(const char *p)
{
    return (uint32_t)(unsigned char)p[0] | (uint32_t)(unsigned char)p[1] << 8 | (uint32_t)(unsigned char)p[2] << 16;
}

/* (trigram << 32 | entry): sorting these orders by trigram, then by entry. */
static int cmp_u64(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return a < b ? -1 : a > b;
}

/* Appends s and its NUL to b; returns its offset. */
static size_t put_string(buf *b, const char *s)
{
    size_t at = b->len;
    buf_put(b, s, strlen(s) + 1);
    return at;
}

/* Appends s lowercased (ASCII) and its NUL to b; returns its offset. */
static size_t put_lower(buf *b, const char *s)
{
    size_t at = put_string(b, s);
    for (char *p = b->data + at; *p; p++)
        if (*p >= 'A' && *p <= 'Z') *p = (char)(*p + 32);
    return at;
}

static int find_code(const wilayah_index *wi, const char *code, char **codes_sorted, uint32_t *idx_sorted)
{
    size_t lo = 0, hi = wi->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(codes_sorted[mid], code);
        if (c == 0) return (int)idx_sorted[mid];
        if (c < 0) lo = mid + 1; else hi = mid;
    }
    return -1;
}

static int cmp_code_idx(const void *x, const void *y, void *ctx)
{
    const wilayah_index *wi = ctx;
    return strcmp(wi->e[*(const uint32_t *)x].code, wi->e[*(const uint32_t *)y].code);
}

wilayah_index *wilayah_index_load(store *s, char *err, size_t errlen)
{
    wilayah_index *wi = xcalloc(1, sizeof *wi);
    char **parents = NULL;
    store_conn *c = store_acquire(s);
    int64_t total = 0;
    if (store_query_int(c, "SELECT COUNT(*) FROM wilayah", STORE_NOP, &total) != LK_OK) {
        snprintf(err, errlen, "cannot read the regions: %s", store_errmsg(c));
        store_release(c);
        wilayah_index_free(wi);
        return NULL;
    }
    wi->e = xcalloc((size_t)total + 1, sizeof *wi->e);
    parents = xcalloc((size_t)total + 1, sizeof *parents);
    /* The strings go into blocks first, by offset (a block moves while it grows); the
     * parents' codes into a block of their own, freed once the parents are linked. */
    buf strings = BUF_INIT, parent_codes = BUF_INIT;
    size_t *offsets = xcalloc(3 * ((size_t)total + 1), sizeof *offsets);
    size_t *parent_at = xcalloc((size_t)total + 1, sizeof *parent_at);
    store_rows *r = store_query(c, "SELECT code, name, level, parent_code FROM wilayah", STORE_NOP);
    int got = 0;
    while (r && (got = store_next(r)) == 1 && wi->n < (size_t)total) {
        entry *en = &wi->e[wi->n];
        const char *name = store_text(r, 1) ? store_text(r, 1) : "";
        offsets[3 * wi->n] = put_string(&strings, store_text(r, 0) ? store_text(r, 0) : "");
        offsets[3 * wi->n + 1] = put_string(&strings, name);
        offsets[3 * wi->n + 2] = put_lower(&strings, name);
        en->lower_len = (unsigned)strlen(name);
        en->level = (int)store_int(r, 2);
        parent_at[wi->n] = store_text(r, 3) ? put_string(&parent_codes, store_text(r, 3)) + 1 : 0;   /* 0: none */
        wi->n++;
    }
    store_rows_close(r);
    store_release(c);
    buf_put(&strings, "", 1);   /* never empty, so data is set */
    wi->strings = xrealloc(strings.data, strings.len);   /* no room to grow kept */
    for (size_t i = 0; i < wi->n; i++) {
        wi->e[i].code = wi->strings + offsets[3 * i];
        wi->e[i].name = wi->strings + offsets[3 * i + 1];
        wi->e[i].lower = wi->strings + offsets[3 * i + 2];
        parents[i] = parent_at[i] ? parent_codes.data + parent_at[i] - 1 : NULL;
    }
    free(offsets);
    free(parent_at);
    if (!r || got < 0) {
        snprintf(err, errlen, "cannot read the regions");
        free(parents);
        buf_free(&parent_codes);
        wilayah_index_free(wi);
        return NULL;
    }

    /* Answer order.  Until it is final, .parent holds each entry's row number so its
     * parent's code (kept aside in parents[]) can be found again afterwards. */
    uint32_t *order = xmalloc((wi->n + 1) * sizeof *order);
    for (size_t i = 0; i < wi->n; i++) { wi->e[i].parent = (int)i; order[i] = (uint32_t)i; }
    qsort(wi->e, wi->n, sizeof *wi->e, cmp_answer);
    char **parents_sorted = xcalloc(wi->n + 1, sizeof *parents_sorted);
    for (size_t i = 0; i < wi->n; i++) parents_sorted[i] = parents[wi->e[i].parent];
    free(parents);
    qsort_r(order, wi->n, sizeof *order, cmp_code_idx, wi);
    char **codes_sorted = xmalloc((wi->n + 1) * sizeof *codes_sorted);
    for (size_t i = 0; i < wi->n; i++) codes_sorted[i] = wi->e[order[i]].code;
    for (size_t i = 0; i < wi->n; i++)
        wi->e[i].parent = parents_sorted[i] ? find_code(wi, parents_sorted[i], codes_sorted, order) : -1;
    free(parents_sorted);
    buf_free(&parent_codes);
    free(codes_sorted);
    free(order);

    wi->by_parent = xmalloc((wi->n + 1) * sizeof *wi->by_parent);
    for (size_t i = 0; i < wi->n; i++) wi->by_parent[i] = (uint32_t)i;
    qsort_r(wi->by_parent, wi->n, sizeof *wi->by_parent, cmp_by_parent, wi);

    /* Posting lists of every distinct trigram of each lowercased name. */
    size_t pairs_cap = 0;
    for (size_t i = 0; i < wi->n; i++) pairs_cap += wi->e[i].lower_len;
    uint64_t *pairs = xmalloc((pairs_cap + 1) * sizeof *pairs);
    size_t np = 0;
    for (size_t i = 0; i < wi->n; i++) {
        const char *l = wi->e[i].lower;
        for (unsigned k = 0; k + 3 <= wi->e[i].lower_len; k++) pairs[np++] = (uint64_t)gram_key(l + k) << 32 | i;
    }
    qsort(pairs, np, sizeof *pairs, cmp_u64);
    size_t distinct = 0, npost = 0;
    for (size_t i = 0; i < np; i++) {
        if (i > 0 && pairs[i] == pairs[i - 1]) continue;
        npost++;
        if (i == 0 || pairs[i] >> 32 != pairs[i - 1] >> 32) distinct++;
    }
    wi->postings = xmalloc((npost + 1) * sizeof *wi->postings);
    wi->grams = xmalloc((distinct + 1) * sizeof *wi->grams);
    npost = 0;
    for (size_t i = 0; i < np; i++) {
        if (i > 0 && pairs[i] == pairs[i - 1]) continue;
        uint32_t key = (uint32_t)(pairs[i] >> 32);
        if (wi->gram_count == 0 || wi->grams[wi->gram_count - 1].gram != key)
            wi->grams[wi->gram_count++] = (gram_list){key, (uint32_t)npost, 0};
        wi->postings[npost++] = (uint32_t)pairs[i];
        wi->grams[wi->gram_count - 1].count++;
    }
    free(pairs);
    return wi;
}

void wilayah_index_free(wilayah_index *wi)
{
    if (!wi) return;
    free(wi->strings);
    free(wi->e);
    free(wi->by_parent);
    free(wi->grams);
    free(wi->postings);
    free(wi);
}

size_t wilayah_index_size(const wilayah_index *wi)
{
    return wi->n;
}

static void to_wilayah(const wilayah_index *wi, arena *a, uint32_t i, wilayah *w)
{
    const entry *en = &wi->e[i];
    w->code = en->code;
    w->name = en->name;
    w->level = en->level;
    w->parent_name = NULL;
    if (en->parent >= 0) {
        const entry *p = &wi->e[en->parent];
        w->parent_name = p->parent >= 0 ? arena_printf(a, "%s, %s", p->name, wi->e[p->parent].name) : p->name;
    }
}

lk_err wilayah_index_children(const wilayah_index *wi, arena *a, const char *parent_code,
                              wilayah **out, size_t *count)
{
    *out = NULL;
    *count = 0;
    const char *want = parent_code ? parent_code : "";
    if (*want && !wilayah_code_valid(want)) return LK_OK;
    /* Lower bound of the parent in by_parent order. */
    size_t lo = 0, hi = wi->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (strcmp(parent_code_of(wi, wi->by_parent[mid]), want) < 0) lo = mid + 1; else hi = mid;
    }
    size_t end = lo;
    while (end < wi->n && strcmp(parent_code_of(wi, wi->by_parent[end]), want) == 0) end++;
    wilayah *list = arena_alloc(a, (end - lo + 1) * sizeof *list);
    for (size_t i = lo; i < end; i++) {
        to_wilayah(wi, a, wi->by_parent[i], &list[i - lo]);
        list[i - lo].parent_name = NULL;   /* as the database query: the caller named the parent */
    }
    *out = list;
    *count = end - lo;
    return LK_OK;
}

static const gram_list *find_gram(const wilayah_index *wi, uint32_t key)
{
    size_t lo = 0, hi = wi->gram_count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (wi->grams[mid].gram == key) return &wi->grams[mid];
        if (wi->grams[mid].gram < key) lo = mid + 1; else hi = mid;
    }
    return NULL;
}

lk_err wilayah_index_search(const wilayah_index *wi, arena *a, const char *q, int level,
                            const char *parent_code, int limit, wilayah **out, size_t *count)
{
    *out = NULL;
    *count = 0;
    if (!q || level < 0 || level > 4) return LK_OK;
    size_t qlen = strlen(q);
    if (qlen > SEARCH_Q_MAX || !utf8_valid(q, qlen)) return LK_OK;
    while (qlen && q[qlen - 1] == ' ') qlen--;
    while (qlen && *q == ' ') { q++; qlen--; }
    char *needle = arena_strndup(a, q, qlen);
    if (utf8_length(needle) < 2) return LK_OK;
    if (parent_code && !wilayah_code_valid(parent_code)) return LK_OK;
    if (limit < 1) limit = 1;
    if (limit > 50) limit = 50;
    for (char *p = needle; *p; p++)
        if (*p >= 'A' && *p <= 'Z') *p = (char)(*p + 32);

    /* The rarest trigram of the needle narrows the candidates; each is then checked.
     * A two-letter needle checks every entry, in answer order. */
    const gram_list *best = NULL;
    for (size_t k = 0; k + 3 <= qlen; k++) {
        const gram_list *g = find_gram(wi, gram_key(needle + k));
        if (!g) return LK_OK;   /* a trigram no name has: no match */
        if (!best || g->count < best->count) best = g;
    }
    size_t candidates = best ? best->count : wi->n;
    size_t plen = parent_code ? strlen(parent_code) : 0;
    wilayah *list = arena_alloc(a, (size_t)limit * sizeof *list);
    size_t n = 0;
    for (size_t k = 0; k < candidates && n < (size_t)limit; k++) {
        uint32_t i = best ? wi->postings[best->start + k] : (uint32_t)k;
        const entry *en = &wi->e[i];
        if (level && en->level != level) continue;
        if (parent_code && (strncmp(en->code, parent_code, plen) != 0 || en->code[plen] != '.')) continue;
        if (en->lower_len < qlen || !strstr(en->lower, needle)) continue;
        to_wilayah(wi, a, i, &list[n++]);
    }
    *out = list;
    *count = n;
    return LK_OK;
}

/* web/inbox_cache.c — inbox pages kept per officer and filter (see inbox_cache.h).
 *
 * A fixed table of slots, each found by the hash of its key (officer, roles, filter and
 * page): a new page replaces whatever held its slot, so memory stays bounded whatever
 * officers and filters come.  A slot owns its page in its own arena.  One mutex guards
 * the table; it is held to compare and copy a page (a few dozen strings), never while
 * the database is read.  Two officers missing the same slot at once both read; the
 * second replaces the first.  The version is read before the data, so a page kept
 * under a version is never older than that version. */
#include "web/inbox_cache.h"
#include "util/alloc.h"
#include "util/datetime.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* However the triggers are, a kept page is read again after this long. */
enum { KEEP_AT_MOST_S = 60 };

typedef struct {
    char *key;                  /* NULL: empty */
    int64_t instansi_id, version;
    time_t valid_until;
    arena *mem;
    inbox_page page;
} slot;

struct inbox_cache {
    pthread_mutex_t lock;
    slot *slots;
    size_t nslots;
    uint64_t hits, misses;
};

inbox_cache *inbox_cache_new(size_t slots)
{
    inbox_cache *ic = xcalloc(1, sizeof *ic);
    pthread_mutex_init(&ic->lock, NULL);
    ic->nslots = slots ? slots : 1;
    ic->slots = xcalloc(ic->nslots, sizeof *ic->slots);
    return ic;
}

static void slot_clear(slot *s)
{
    free(s->key);
    arena_free(s->mem);
    memset(s, 0, sizeof *s);
}

void inbox_cache_free(inbox_cache *ic)
{
    if (!ic) return;
    for (size_t i = 0; i < ic->nslots; i++) slot_clear(&ic->slots[i]);
    free(ic->slots);
    pthread_mutex_destroy(&ic->lock);
    free(ic);
}

void inbox_cache_stats_get(inbox_cache *ic, inbox_cache_stats *out)
{
    memset(out, 0, sizeof *out);
    if (!ic) return;
    pthread_mutex_lock(&ic->lock);
    out->hits = ic->hits;
    out->misses = ic->misses;
    pthread_mutex_unlock(&ic->lock);
}

/* A copy of page p in arena a (every string copied). */
static void page_copy(arena *a, const inbox_page *p, inbox_page *out)
{
    *out = *p;
    out->counts = arena_alloc(a, (p->ncounts + 1) * sizeof *out->counts);
    for (size_t i = 0; i < p->ncounts; i++) {
        const inbox_count *x = &p->counts[i];
        out->counts[i] = (inbox_count){arena_strdup(a, x->step_name), x->count, x->overdue, arena_strdup(a, x->next_due)};
    }
    out->rows = arena_alloc(a, (p->n + 1) * sizeof *out->rows);
    for (size_t i = 0; i < p->n; i++) {
        const inbox_row *x = &p->rows[i];
        inbox_row *o = &out->rows[i];
        *o = *x;
        o->nomor = arena_strdup(a, x->nomor);
        o->status = arena_strdup(a, x->status);
        o->pemohon = arena_strdup(a, x->pemohon);
        o->perusahaan = arena_strdup(a, x->perusahaan);
        o->jenis_izin = arena_strdup(a, x->jenis_izin);
        o->step_name = arena_strdup(a, x->step_name);
        o->role_key = arena_strdup(a, x->role_key);
        o->due_at = arena_strdup(a, x->due_at);
        o->claimed_by_nama = arena_strdup(a, x->claimed_by_nama);
    }
    out->izin = arena_alloc(a, (p->nizin + 1) * sizeof *out->izin);
    for (size_t i = 0; i < p->nizin; i++) {
        out->izin[i] = (jenis_izin_summary){.id = p->izin[i].id, .instansi_id = p->izin[i].instansi_id};
        out->izin[i].name = arena_strdup(a, p->izin[i].name);
    }
}

/* The page from the database. */
static lk_err page_read(store_conn *c, arena *a, const account *me, const inbox_filter *given, time_t now,
                        inbox_page *out)
{
    memset(out, 0, sizeof *out);
    inbox_filter f = *given;
    lk_err e = inbox_counts(c, a, me, now, &out->counts, &out->ncounts);
    /* Nothing filtered (or only "overdue"): the counts per step add up to the total. */
    f.known_total = -1;
    int overdue_only = f.tampil && strcmp(f.tampil, "terlambat") == 0;
    if (!(f.text && *f.text) && !f.jenis_izin_id && !(f.status && *f.status) && (!(f.tampil && *f.tampil) || overdue_only)) {
        f.known_total = 0;
        for (size_t i = 0; i < out->ncounts; i++)
            f.known_total += overdue_only ? out->counts[i].overdue : out->counts[i].count;
    }
    if (e == LK_OK) e = inbox_list(c, a, me, &f, now, &out->rows, &out->n, &out->total);
    if (e == LK_OK) e = catalogue_of_instansi(c, a, me->instansi_id, &out->izin, &out->nizin);
    return e;
}

/* Until when a page read at `now` stays right without a write: the next due moment
 * among its counts (an application turning overdue), at most KEEP_AT_MOST_S away. */
static time_t valid_until(const inbox_page *p, time_t now)
{
    time_t until = now + KEEP_AT_MOST_S;
    for (size_t i = 0; i < p->ncounts; i++) {
        time_t due;
        if (p->counts[i].next_due && datetime_parse(p->counts[i].next_due, &due) == 0 && due < until) until = due;
    }
    return until;
}

static uint64_t hash_of(const char *s)
{
    uint64_t h = 1469598103934665603ull;   /* FNV-1a */
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

lk_err inbox_cache_read(inbox_cache *ic, store_conn *c, arena *a, const account *me, const inbox_filter *f,
                        time_t now, inbox_page *out)
{
    int64_t version = 0;
    lk_err e = ic ? inbox_version_read(c, me->instansi_id, &version) : LK_OK;
    if (e != LK_OK) return e;
    if (!ic) return page_read(c, a, me, f, now, out);
    /* Every part before the text is a number or one of a few fixed words, and the text
     * comes last, so no two filters share a key. */
    const char *key = arena_printf(a, "%lld\x1f%u\x1f%lld\x1f%lld\x1f%s\x1f%s\x1f%d\x1f%s", (long long)me->id,
                                   (unsigned)me->roles, (long long)me->instansi_id, (long long)f->jenis_izin_id,
                                   f->status ? f->status : "", f->tampil ? f->tampil : "", f->page,
                                   f->text ? f->text : "");
    slot *s = &ic->slots[hash_of(key) % ic->nslots];
    pthread_mutex_lock(&ic->lock);
    int hit = s->key && strcmp(s->key, key) == 0 && s->version == version && now < s->valid_until;
    if (hit) {
        page_copy(a, &s->page, out);
        ic->hits++;
    } else {
        ic->misses++;
    }
    pthread_mutex_unlock(&ic->lock);
    if (hit) {
        /* Overdue flags by this request's clock. */
        const char *now_iso = datetime_iso(a, now);
        for (size_t i = 0; i < out->n; i++)
            out->rows[i].overdue = out->rows[i].due_at && strcmp(out->rows[i].due_at, now_iso) < 0;
        return LK_OK;
    }
    e = page_read(c, a, me, f, now, out);
    if (e != LK_OK) return e;
    arena *mem = arena_new();
    inbox_page kept;
    page_copy(mem, out, &kept);
    char *kept_key = xstrdup(key);
    pthread_mutex_lock(&ic->lock);
    slot_clear(s);
    *s = (slot){kept_key, me->instansi_id, version, valid_until(out, now), mem, kept};
    pthread_mutex_unlock(&ic->lock);
    return LK_OK;
}

/* html/i18n.c — the Indonesian -> English phrase table (see i18n.h).
 * Owner: HTML templates (src/html/).
 *
 * The embedded i18n/en.tsv is parsed once into an open-addressing hash table whose
 * strings live in one heap block for the life of the process.  Loading runs under
 * pthread_once, so i18n() may load lazily from any thread (the template compiler looks
 * phrases up while compiling) and i18n_load() only reports whether that worked. */
#include "html/i18n.h"
#include "util/alloc.h"
#include "util/embed.h"
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define I18N_FILE "i18n/en.tsv"

typedef struct {
    const char *id, *en;   /* id NULL: empty slot */
} phrase_pair;

static phrase_pair *table;    /* mask + 1 slots, a power of two, at most half full */
static char *table_text;      /* the file's copy that table's strings point into */
static size_t table_mask;
static int load_status;       /* 0, or -1 when the table was malformed */
static pthread_once_t load_once = PTHREAD_ONCE_INIT;

static uint64_t phrase_hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL;   /* FNV-1a */
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

/* Returns the slot holding `id`, or the empty slot where it would go. */
static phrase_pair *table_slot(const char *id)
{
    size_t i = (size_t)phrase_hash(id) & table_mask;
    while (table[i].id && strcmp(table[i].id, id) != 0) i = (i + 1) & table_mask;
    return &table[i];
}

static int load_fail(int line, const char *reason)
{
    fprintf(stderr, "loket: %s:%d: %s\n", I18N_FILE, line, reason);
    free(table);
    free(table_text);
    table = NULL;
    table_text = NULL;
    table_mask = 0;
    return -1;
}

static int load_table(void)
{
    const embedded_file *f = embed_find(I18N_FILE);
    if (!f) {
        fprintf(stderr, "loket: %s is not embedded\n", I18N_FILE);
        return -1;
    }
    /* A private copy, split in place into NUL-terminated phrases; never freed. */
    char *text = table_text = xmalloc(f->len + 1);
    memcpy(text, f->data, f->len);
    text[f->len] = '\0';

    size_t lines = 1;
    for (size_t i = 0; i < f->len; i++) lines += text[i] == '\n';
    size_t slots = 16;
    while (slots < 2 * lines) slots *= 2;
    table = xcalloc(slots, sizeof *table);
    table_mask = slots - 1;

    int lineno = 0;
    for (char *line = text, *next; line; line = next) {
        lineno++;
        next = strchr(line, '\n');
        if (next) *next++ = '\0';
        size_t len = strlen(line);
        if (len && line[len - 1] == '\r') line[--len] = '\0';
        if (len == 0 || line[0] == '#') continue;
        char *tab = strchr(line, '\t');
        if (!tab) return load_fail(lineno, "expected \"Indonesian<TAB>English\"");
        *tab = '\0';
        const char *en = tab + 1;
        if (strchr(en, '\t')) return load_fail(lineno, "more than one tab");
        if (!*line || !*en) return load_fail(lineno, "empty phrase");
        phrase_pair *slot = table_slot(line);
        /* Several pages' authors may add the same phrase; only a second, different
         * translation is a mistake. */
        if (slot->id) {
            if (strcmp(slot->en, en) == 0) continue;
            return load_fail(lineno, "phrase listed twice with different translations");
        }
        slot->id = line;
        slot->en = en;
    }
    return 0;
}

static void load_once_fn(void)
{
    load_status = load_table();
}

int i18n_load(void)
{
    pthread_once(&load_once, load_once_fn);
    return load_status;
}

const char *i18n(const char *lang, const char *phrase)
{
    if (!lang || strcmp(lang, "en") != 0) return phrase;
    i18n_load();
    if (!table) return phrase;
    const phrase_pair *slot = table_slot(phrase);
    return slot->id ? slot->en : phrase;
}

int i18n_lang_ok(const char *lang)
{
    return lang && (strcmp(lang, "id") == 0 || strcmp(lang, "en") == 0);
}

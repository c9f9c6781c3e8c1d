/* fuzz/fuzz_tmpl.c — libFuzzer target for the template compiler and renderer.
 * Owner: HTML templates (src/html/).
 *
 * The input is up to three templates "a", "b", "c" separated by NUL bytes, so partials
 * and their cycles are reachable.  Whatever compiles is rendered in both languages with
 * a fixed context of hostile values.  Oracles (abort on failure): a refusal names its
 * file; no hostile value reaches the output unescaped; no URL attribute starts with a
 * hostile javascript: value. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "html/tmpl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define HOSTILE "<evil>\"evil'evil&"
#define HOSTILE_URL "javascript:evil()"

static tv *fixed_context(arena *a)
{
    tv *ctx = tv_map(a);
    char key[2] = "a";
    for (char c = 'a'; c <= 'z'; c++) {
        key[0] = c;
        tv_set(ctx, key, c < 'j' ? HOSTILE : HOSTILE_URL);
    }
    tv_set_bool(ctx, "t", 1);
    tv_set_bool(ctx, "f", 0);
    tv_set(ctx, "e", "");
    tv_set_int(ctx, "n", 42);
    tv_set(tv_set_map(ctx, "m"), "a", HOSTILE);
    /* Each item hides "l" and "s", so nesting {{#l}} cannot multiply the output. */
    tv *list = tv_set_list(ctx, "l");
    for (int i = 0; i < 2; i++) {
        tv *item = tv_push_map(list);
        tv_set(item, "a", HOSTILE);
        tv_set(item, "u", HOSTILE_URL);
        tv_set_bool(item, "l", 0);
        tv_set_bool(item, "s", 0);
    }
    tv_push_str(tv_set_list(ctx, "s"), HOSTILE);
    tv_set_list(ctx, "z");
    return ctx;
}

/* Partials can multiply the output (a includes b 100 times, b includes c 100 times);
 * with few of them the render stays small. */
static size_t count_partials(const char *s)
{
    size_t n = 0;
    for (const char *p = strstr(s, "{{"); p; p = strstr(p + 2, "{{")) {
        const char *q = p + 2;
        while (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r' || *q == '\f') q++;
        n += *q == '>';
    }
    return n;
}

static int is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static int is_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* A deliberately simple reading of the output, separate from the compiler's: start
 * tags and their attributes; comments, declarations and raw-text elements are skipped as
 * a browser's tokenizer skips them ("<!doctype <!--x>" ends at its '>').  Aborts if an
 * href/src/action/formaction value begins with the hostile javascript: value. */
static void check_url_attributes(const char *out)
{
    static const char *const raw[] = {"script", "style", "textarea", "title", "xmp", "iframe",
                                      "noembed", "noframes", "noscript"};
    static const char *const url_attrs[] = {"href", "src", "action", "formaction"};
    const char *p = out;
    while ((p = strchr(p, '<')) != NULL) {
        if (strncmp(p, "<!--", 4) == 0) {
            const char *end = strstr(p + 4, "-->");
            p = end ? end + 3 : p + 4;
            continue;
        }
        if (p[1] == '!' || p[1] == '?') {   /* <!doctype …>, a bogus comment: to the first '>' */
            const char *end = strchr(p, '>');
            p = end ? end + 1 : p + strlen(p);
            continue;
        }
        if (!is_letter(p[1])) {
            p++;
            continue;
        }
        const char *name = ++p;
        while (*p && !is_ws(*p) && *p != '/' && *p != '>') p++;
        size_t name_len = (size_t)(p - name);
        for (;;) {   /* attributes */
            while (is_ws(*p) || *p == '/') p++;
            if (!*p || *p == '>') break;
            const char *attr = p;
            do p++; while (*p && !is_ws(*p) && *p != '/' && *p != '>' && *p != '=');
            size_t attr_len = (size_t)(p - attr);
            while (is_ws(*p)) p++;
            if (*p != '=') continue;
            p++;
            while (is_ws(*p)) p++;
            const char *value;
            if (*p == '"' || *p == '\'') {
                char q = *p++;
                value = p;
                while (*p && *p != q) p++;
                if (*p) p++;
            } else {
                value = p;
                while (*p && !is_ws(*p) && *p != '>') p++;
            }
            while (is_ws(*value)) value++;
            for (size_t i = 0; i < sizeof url_attrs / sizeof url_attrs[0]; i++)
                if (attr_len == strlen(url_attrs[i]) && strncasecmp(attr, url_attrs[i], attr_len) == 0 &&
                    strncasecmp(value, HOSTILE_URL, strlen(HOSTILE_URL)) == 0) {
                    fprintf(stderr, "javascript: URL in an attribute: %s\n", out);
                    abort();
                }
        }
        for (size_t i = 0; i < sizeof raw / sizeof raw[0]; i++) {
            size_t len = strlen(raw[i]);
            if (name_len != len || strncasecmp(name, raw[i], len) != 0) continue;
            char end_tag[16];
            snprintf(end_tag, sizeof end_tag, "</%s", raw[i]);
            const char *end = p;   /* "</title" ends <title> only before a space, '/' or '>' */
            while ((end = strcasestr(end, end_tag)) != NULL) {
                char after = end[len + 2];
                if (is_ws(after) || after == '/' || after == '>') break;
                end++;
            }
            p = end ? end : p + strlen(p);
        }
    }
}

static void check_output(const char *out)
{
    static const char *const raw[] = {"<evil", "\"evil", "'evil"};
    for (size_t i = 0; i < sizeof raw / sizeof raw[0]; i++)
        if (strstr(out, raw[i])) {
            fprintf(stderr, "unescaped value in output: %s\n", out);
            abort();
        }
    check_url_attributes(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *copy = malloc(size + 1);
    memcpy(copy, data, size);
    copy[size] = '\0';
    const char *names[3] = {"a", "b", "c"}, *sources[3] = {copy};
    size_t count = 1;
    for (size_t i = 0; i < size && count < 3; i++)
        if (copy[i] == '\0') sources[count++] = copy + i + 1;

    char err[256];
    tmpl_set *set = tmpl_set_from_strings(names, sources, count, err, sizeof err);
    if (!set) {
        if (strncmp(err, "templates/", 10) != 0) abort();
        free(copy);
        return 0;
    }
    size_t partials = 0;
    int has_evil = 0;
    for (size_t i = 0; i < count; i++) {
        partials += count_partials(sources[i]);
        has_evil |= strstr(sources[i], "evil") != NULL;
    }
    if (partials <= 16) {
        arena *a = arena_new();
        tv *ctx = fixed_context(a);
        static const char *const langs[] = {"id", "en"};
        for (size_t l = 0; l < 2; l++)
            for (size_t i = 0; i < count; i++) {
                buf out = BUF_INIT;
                if (tmpl_render(set, names[i], ctx, langs[l], &out) != LK_OK) abort();
                if (!has_evil) check_output(buf_str(&out));
                buf_free(&out);
            }
        arena_free(a);
    }
    tmpl_set_free(set);
    free(copy);
    return 0;
}

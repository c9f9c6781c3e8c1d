/* html/tmpl.c — template values, the template compiler and the renderer (see tmpl.h).
 * Owner: HTML templates (src/html/).
 *
 * Compilation turns each template into a flat array of nodes (literal, value, section,
 * inverted section, partial, translation); a section node records where its body ends,
 * so rendering is a loop over an index range with recursion only into section bodies
 * and partials, and it allocates nothing but the output it appends.
 *
 * Safety is decided at compile time.  An HTML tokenizer state machine (a reduced
 * version of the WHATWG one) runs over the literal text; every placeholder is checked
 * against the state it falls in and refused where escaping cannot make a value safe.
 * A section must leave the HTML state as it found it, so that rendering its body zero
 * or many times cannot change the context of what follows.  URL attributes are the one
 * place where a value is checked at render time: a value that can decide the URL's
 * scheme is replaced by "#" unless the URL it completes passes url_is_safe(). */
#include "html/tmpl.h"
#include "html/escape.h"
#include "html/i18n.h"
#include "util/alloc.h"
#include "util/embed.h"
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TMPL_MAX_SECTION_DEPTH 32    /* sections nested in one template */
#define TMPL_MAX_PARTIAL_DEPTH 16    /* templates in one chain of partials */
#define TMPL_MAX_SVG_DEPTH 64

/* ---- values ------------------------------------------------------------------- */

typedef enum { TV_STR, TV_BOOL, TV_LIST, TV_MAP } tv_kind;

/* One node serves as map member, list item and value at once: a value lives in exactly
 * one container, so the key and the sibling link can sit in the value itself. */
struct tv {
    tv_kind kind;
    const char *key;       /* as a map member */
    size_t key_len;
    tv *next;              /* next member or item of the container */
    union {
        struct {
            const char *s;
            size_t len;
        } str;
        int truth;
        struct {
            tv *head, *tail;
            arena *a;      /* where members added later are allocated */
        } kids;            /* TV_LIST and TV_MAP */
    } u;
};

static tv *tv_new_container(arena *a, tv_kind kind)
{
    tv *v = arena_alloc(a, sizeof *v);
    v->kind = kind;
    v->u.kids.a = a;
    return v;
}

static void tv_append(tv *container, tv *v)
{
    if (container->u.kids.tail) container->u.kids.tail->next = v;
    else container->u.kids.head = v;
    container->u.kids.tail = v;
}

static const tv *map_get(const tv *map, const char *key, size_t len)
{
    if (map->kind != TV_MAP) return NULL;
    for (const tv *m = map->u.kids.head; m; m = m->next)
        if (m->key_len == len && memcmp(m->key, key, len) == 0) return m;
    return NULL;
}

/* The member `key` of map, created at the end if missing; its old value is dropped. */
static tv *map_member(tv *map, const char *key)
{
    size_t len = strlen(key);
    tv *m = (tv *)map_get(map, key, len);
    if (!m) {
        m = arena_alloc(map->u.kids.a, sizeof *m);
        m->key = arena_strndup(map->u.kids.a, key, len);
        m->key_len = len;
        tv_append(map, m);
    }
    memset(&m->u, 0, sizeof m->u);
    return m;
}

static void map_set_str(tv *map, const char *key, const char *s)
{
    tv *m = map_member(map, key);
    m->kind = TV_STR;
    m->u.str.s = s;
    m->u.str.len = strlen(s);
}

tv *tv_map(arena *a)
{
    return tv_new_container(a, TV_MAP);
}

void tv_set(tv *map, const char *key, const char *val)
{
    /* NULL is stored as "" rather than leaving the key out: a missing key would let a
     * section find the same name in an outer scope (a requirement without a description
     * would show the permit's description). */
    map_set_str(map, key, val ? arena_strdup(map->u.kids.a, val) : "");
}

void tv_setf(tv *map, const char *key, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    map_set_str(map, key, arena_vprintf(map->u.kids.a, fmt, ap));
    va_end(ap);
}

void tv_set_int(tv *map, const char *key, long long v)
{
    map_set_str(map, key, arena_printf(map->u.kids.a, "%lld", v));
}

void tv_set_bool(tv *map, const char *key, int v)
{
    tv *m = map_member(map, key);
    m->kind = TV_BOOL;
    m->u.truth = v != 0;
}

static tv *map_set_container(tv *map, const char *key, tv_kind kind)
{
    tv *m = map_member(map, key);
    m->kind = kind;
    m->u.kids.a = map->u.kids.a;
    return m;
}

tv *tv_set_map(tv *map, const char *key)
{
    return map_set_container(map, key, TV_MAP);
}

tv *tv_set_list(tv *map, const char *key)
{
    return map_set_container(map, key, TV_LIST);
}

tv *tv_push_map(tv *list)
{
    tv *m = tv_new_container(list->u.kids.a, TV_MAP);
    tv_append(list, m);
    return m;
}

void tv_push_str(tv *list, const char *val)
{
    tv *s = arena_alloc(list->u.kids.a, sizeof *s);
    s->kind = TV_STR;
    s->u.str.s = arena_strdup(list->u.kids.a, val ? val : "");
    s->u.str.len = strlen(s->u.str.s);
    tv_append(list, s);
}

const char *tv_get(const tv *map, const char *key)
{
    const tv *m = map ? map_get(map, key, strlen(key)) : NULL;
    return m && m->kind == TV_STR ? m->u.str.s : NULL;
}

/* Missing, false, "" and [] are false; maps and everything else are true. */
static int tv_truthy(const tv *v)
{
    if (!v) return 0;
    switch (v->kind) {
    case TV_STR: return v->u.str.len > 0;
    case TV_BOOL: return v->u.truth;
    case TV_LIST: return v->u.kids.head != NULL;
    case TV_MAP: return 1;
    }
    return 0;
}

/* ---- HTML context --------------------------------------------------------------- */

typedef enum {
    H_TEXT, H_TAG_OPEN, H_END_TAG_OPEN, H_TAG_NAME, H_BEFORE_ATTR, H_ATTR_NAME,
    H_AFTER_ATTR_NAME, H_BEFORE_VALUE, H_VALUE_DQ, H_VALUE_SQ, H_VALUE_UQ, H_AFTER_VALUE,
    H_SELF_CLOSING, H_MARKUP_DECL, H_COMMENT, H_BOGUS_COMMENT, H_CDATA, H_RAW
} html_state;

/* Tags the tokenizer must recognise.  TAG_SCRIPT..TAG_PLAINTEXT switch an HTML parser
 * to raw text (their content is not parsed as tags until the matching end tag). */
typedef enum {
    TAG_OTHER, TAG_SCRIPT, TAG_STYLE, TAG_TEXTAREA, TAG_TITLE, TAG_XMP, TAG_IFRAME,
    TAG_NOEMBED, TAG_NOFRAMES, TAG_NOSCRIPT, TAG_PLAINTEXT, TAG_SVG, TAG_MATH, TAG_DESC,
    TAG_FOREIGN_OBJECT, TAG_FONT, TAG_SVG_ANIMATION, TAG_P, TAG_BR, TAG_BREAKOUT, TAG_META,
    TAG_BASE, TAG_SELECT, TAG_INPUT, TAG_FRAMESET
} tag_id;
#define TAG_IS_RAW(t) ((t) >= TAG_SCRIPT && (t) <= TAG_PLAINTEXT)

static const struct {
    const char *name;
    tag_id id;
} known_tags[] = {
    {"script", TAG_SCRIPT}, {"style", TAG_STYLE}, {"textarea", TAG_TEXTAREA},
    {"title", TAG_TITLE}, {"xmp", TAG_XMP}, {"iframe", TAG_IFRAME},
    {"noembed", TAG_NOEMBED}, {"noframes", TAG_NOFRAMES}, {"noscript", TAG_NOSCRIPT},
    {"plaintext", TAG_PLAINTEXT}, {"svg", TAG_SVG}, {"math", TAG_MATH}, {"desc", TAG_DESC},
    {"foreignobject", TAG_FOREIGN_OBJECT}, {"font", TAG_FONT},
    /* SVG animation can set an href to javascript: from an attribute we do not check. */
    {"animate", TAG_SVG_ANIMATION}, {"set", TAG_SVG_ANIMATION},
    {"animatemotion", TAG_SVG_ANIMATION}, {"animatetransform", TAG_SVG_ANIMATION},
    {"p", TAG_P}, {"br", TAG_BR}, {"meta", TAG_META}, {"base", TAG_BASE},
    {"select", TAG_SELECT}, {"input", TAG_INPUT}, {"keygen", TAG_INPUT},
    {"frameset", TAG_FRAMESET},
    /* Start tags that end foreign (SVG) content in the HTML tree builder. */
    {"b", TAG_BREAKOUT}, {"big", TAG_BREAKOUT}, {"blockquote", TAG_BREAKOUT},
    {"body", TAG_BREAKOUT}, {"center", TAG_BREAKOUT}, {"code", TAG_BREAKOUT},
    {"dd", TAG_BREAKOUT}, {"div", TAG_BREAKOUT}, {"dl", TAG_BREAKOUT}, {"dt", TAG_BREAKOUT},
    {"em", TAG_BREAKOUT}, {"embed", TAG_BREAKOUT}, {"h1", TAG_BREAKOUT},
    {"h2", TAG_BREAKOUT}, {"h3", TAG_BREAKOUT}, {"h4", TAG_BREAKOUT}, {"h5", TAG_BREAKOUT},
    {"h6", TAG_BREAKOUT}, {"head", TAG_BREAKOUT}, {"hr", TAG_BREAKOUT}, {"i", TAG_BREAKOUT},
    {"img", TAG_BREAKOUT}, {"li", TAG_BREAKOUT}, {"listing", TAG_BREAKOUT},
    {"menu", TAG_BREAKOUT}, {"nobr", TAG_BREAKOUT},
    {"ol", TAG_BREAKOUT}, {"pre", TAG_BREAKOUT}, {"ruby", TAG_BREAKOUT},
    {"s", TAG_BREAKOUT}, {"small", TAG_BREAKOUT}, {"span", TAG_BREAKOUT},
    {"strong", TAG_BREAKOUT}, {"strike", TAG_BREAKOUT}, {"sub", TAG_BREAKOUT},
    {"sup", TAG_BREAKOUT}, {"table", TAG_BREAKOUT}, {"tt", TAG_BREAKOUT},
    {"u", TAG_BREAKOUT}, {"ul", TAG_BREAKOUT}, {"var", TAG_BREAKOUT},
};

typedef enum {
    A_PLAIN,
    A_URL,           /* a link or resource: a value choosing the scheme is checked */
    A_CODE_URL,      /* <script src>, <base href>: no value may choose the host either */
    A_EVENT,         /* on*: JavaScript */
    A_SRCDOC,        /* a whole HTML document */
    A_META_CONTENT   /* <meta content>: a refresh URL when the tag has http-equiv */
} attr_kind;
#define ATTR_IS_URL(a) ((a) == A_URL || (a) == A_CODE_URL)

/* tag_flags: what a <meta> tag has shown so far, in either attribute order. */
#define META_HTTP_EQUIV 1
#define META_CONTENT_VALUE 2

/* Attributes whose value a browser loads or navigates to. */
static const char *const url_attrs[] = {
    "href", "src", "action", "formaction", "poster", "cite", "data", "background",
    "longdesc", "lowsrc", "dynsrc", "manifest", "icon", "codebase", "classid", "archive",
    "ping", "profile", "usemap", "xlink:href", "xml:base",
};

/* How far the scheme of a URL attribute value is decided. */
typedef enum {
    U_START,    /* only spaces so far: a value here chooses the scheme */
    U_PREFIX,   /* literal letters that may still become a scheme ("java") */
    U_SLASH,    /* a literal "/" alone: a value here could make "//host" */
    U_DYNAMIC,  /* a checked value came first: more values could extend its scheme */
    U_FIXED     /* the literal text has decided: relative path, query, or a scheme */
} url_state;

typedef enum { C_START, C_START_DASH, C_BODY, C_END_DASH, C_END, C_END_BANG } comment_state;

typedef struct {
    uint8_t state;       /* html_state */
    uint8_t tag;         /* tag_id of the tag being read; in H_RAW the raw-text element */
    uint8_t end_tag;     /* the tag being read is an end tag */
    uint8_t attr;        /* attr_kind of the attribute being read */
    uint8_t url;         /* url_state, in a quoted URL value (ATTR_IS_URL) */
    uint8_t match;       /* progress: "</name" in H_RAW, "--"/"[CDATA[" in H_MARKUP_DECL,
                          * "]]" in H_CDATA, comment_state in H_COMMENT */
    uint8_t script_lt;   /* in <script>: progress of "<!--", which we refuse */
    uint8_t need_sep;    /* a section tag inside a tag: the next byte must end a name */
    uint8_t svg_text;    /* inside <svg><title> or <desc>: text only */
    uint8_t in_select;   /* inside <select>, where browsers drop some start tags */
    uint8_t tag_flags;   /* META_* of the tag being read */
    uint8_t name_len;    /* bytes of name kept (longer names are cut) */
    uint16_t svg_depth;  /* nesting of <svg>: foreign content when > 0 */
    uint32_t url_prefix; /* literal bytes of a URL value before a placeholder */
    char name[24];       /* tag or attribute name being read, lower-case */
} html_ctx;

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static int is_alpha(unsigned char c)
{
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

static int is_alnum(unsigned char c)
{
    return is_alpha(c) || (c >= '0' && c <= '9');
}

static void name_add(html_ctx *x, unsigned char c)
{
    if (x->name_len < sizeof x->name) x->name[x->name_len] = (char)(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
    if (x->name_len < UINT8_MAX) x->name_len++;
}

static int name_is(const html_ctx *x, const char *s)
{
    size_t n = strlen(s);
    return x->name_len == n && n <= sizeof x->name && memcmp(x->name, s, n) == 0;
}

static void begin_name(html_ctx *x, html_state state)
{
    x->state = state;
    x->name_len = 0;
    memset(x->name, 0, sizeof x->name);
}

static tag_id tag_lookup(const html_ctx *x)
{
    for (size_t i = 0; i < sizeof known_tags / sizeof known_tags[0]; i++)
        if (name_is(x, known_tags[i].name)) return known_tags[i].id;
    return TAG_OTHER;
}

static const char *tag_name(tag_id id)
{
    for (size_t i = 0; i < sizeof known_tags / sizeof known_tags[0]; i++)
        if (known_tags[i].id == id) return known_tags[i].name;
    return "?";
}

static attr_kind attr_lookup(const html_ctx *x)
{
    if (x->name_len >= 2 && x->name[0] == 'o' && x->name[1] == 'n') return A_EVENT;
    if (name_is(x, "srcdoc")) return A_SRCDOC;
    if (x->tag == TAG_META && name_is(x, "content")) return A_META_CONTENT;
    if ((x->tag == TAG_SCRIPT && name_is(x, "src")) || (x->tag == TAG_BASE && name_is(x, "href")))
        return A_CODE_URL;
    for (size_t i = 0; i < sizeof url_attrs / sizeof url_attrs[0]; i++)
        if (name_is(x, url_attrs[i])) return A_URL;
    return A_PLAIN;
}

/* The tag name is complete: remember which tag it is, forget the name. */
static void end_tag_name(html_ctx *x)
{
    x->tag = (uint8_t)tag_lookup(x);
    begin_name(x, H_BEFORE_ATTR);
}

static const char meta_refresh_error[] = "placeholder in the content of a <meta http-equiv>";

/* The attribute name is complete. */
static const char *end_attr_name(html_ctx *x, html_state next)
{
    x->attr = (uint8_t)attr_lookup(x);
    int http_equiv = x->tag == TAG_META && name_is(x, "http-equiv");
    begin_name(x, next);
    if (!http_equiv) return NULL;
    if (x->tag_flags & META_CONTENT_VALUE) return meta_refresh_error;
    x->tag_flags |= META_HTTP_EQUIV;
    return NULL;
}

/* A tag ended with '>': switch to raw text or foreign content as a browser would. */
static const char *tag_done(html_ctx *x, int self_closing)
{
    tag_id tag = x->tag;
    int end = x->end_tag;
    x->state = H_TEXT;
    x->tag = x->end_tag = x->attr = x->match = x->tag_flags = 0;
    if (x->svg_depth == 0) {
        if (end) {
            if (tag == TAG_SELECT) x->in_select = 0;
            return NULL;
        }
        if (tag == TAG_FRAMESET) return "<frameset> is not supported";
        /* In <select> a browser ignores <title>, <style>, <xmp>, ... and parses their
         * content as HTML, where we would read raw text.  textarea, input, keygen and
         * another select close the select. */
        if (x->in_select && TAG_IS_RAW(tag) && tag != TAG_SCRIPT && tag != TAG_TEXTAREA)
            return "only <script> and <textarea> of the raw-text elements are supported inside <select>";
        if (x->in_select && (tag == TAG_TEXTAREA || tag == TAG_INPUT || tag == TAG_SELECT)) x->in_select = 0;
        else if (tag == TAG_SELECT) x->in_select = 1;
        if (TAG_IS_RAW(tag)) {
            x->state = H_RAW;
            x->tag = (uint8_t)tag;
            x->script_lt = 0;
        } else if (tag == TAG_SVG && !self_closing) {
            x->svg_depth = 1;
        } else if (tag == TAG_MATH) {
            return "<math> is not supported";
        }
        return NULL;
    }
    /* Inside <svg> a browser does not switch to raw text; refusing the tags that would
     * (and those that lead back into HTML) keeps our reading of the page equal to its. */
    if (end) {
        if (tag == TAG_SVG && --x->svg_depth == 0) x->svg_text = 0;
        if (tag == TAG_TITLE || tag == TAG_DESC) x->svg_text = 0;
        if (tag == TAG_P || tag == TAG_BR) x->svg_depth = x->svg_text = 0;
        return NULL;
    }
    if (x->svg_text) return "tags inside <svg><title> or <desc> are not supported";
    switch (tag) {
    case TAG_P: case TAG_BR: case TAG_BREAKOUT: case TAG_META:
        x->svg_depth = 0;
        return NULL;
    case TAG_SVG:
        if (self_closing) return NULL;
        if (x->svg_depth >= TMPL_MAX_SVG_DEPTH) return "<svg> nested too deep";
        x->svg_depth++;
        return NULL;
    case TAG_TITLE: case TAG_DESC:
        x->svg_text = !self_closing;
        return NULL;
    case TAG_OTHER: case TAG_BASE: case TAG_SELECT: case TAG_INPUT: case TAG_FRAMESET:
        return NULL;   /* SVG elements of that name */
    case TAG_SVG_ANIMATION:
        return "SVG animation elements are not supported";
    default:
        return tag == TAG_MATH ? "<math> is not supported"
             : tag == TAG_SCRIPT ? "<script> inside <svg> is not supported"
             : tag == TAG_STYLE ? "<style> inside <svg> is not supported"
             : "this element is not supported inside <svg>";
    }
}

/* One literal byte of a quoted URL attribute value. */
static const char *url_step(html_ctx *x, unsigned char c)
{
    int ignored = c < 0x20 || c == 0x7F;   /* browsers and html_escape skip these */
    switch (x->url) {
    case U_START:
        if (c == '&') return "a character reference at the start of a URL";
        if (is_space(c) || ignored) x->url_prefix++;
        else if (is_alpha(c)) x->url = U_PREFIX, x->url_prefix++;
        else if (c == '/' || c == '\\') x->url = U_SLASH, x->url_prefix++;
        else x->url = U_FIXED;
        return NULL;
    case U_PREFIX:
        if (c == '&') return "a character reference inside a URL scheme";
        if (is_alnum(c) || c == '+' || c == '-' || c == '.' || ignored) x->url_prefix++;
        else x->url = U_FIXED;   /* ':' ends a literal scheme, anything else a path */
        return NULL;
    case U_SLASH:
        if (c == '&') return "a character reference at the start of a URL";
        if (ignored) x->url_prefix++;
        else x->url = U_FIXED;
        return NULL;
    case U_DYNAMIC:
        if (c == ':' || c == '&')
            return "after a placeholder in a URL, write '/', '?' or '#' before ':' or '&'";
        if (c == '/' || c == '?' || c == '#') x->url = U_FIXED;
        return NULL;
    }
    return NULL;
}

/* In raw text: look for the end tag "</name" followed by a space, '/' or '>'. */
static const char *raw_step(html_ctx *x, unsigned char c)
{
    if (x->tag == TAG_PLAINTEXT) return NULL;   /* never ends */
    if (x->tag == TAG_SCRIPT) {
        /* "<!--" in a script enters states where "</script>" does not end it. */
        static const char comment_open[] = "<!--";
        if (c == (unsigned char)comment_open[x->script_lt]) {
            if (++x->script_lt == 4) return "'<!--' inside <script> is not supported";
        } else {
            x->script_lt = c == '<';
        }
    }
    const char *name = tag_name((tag_id)x->tag);
    size_t len = strlen(name);
    for (;;) {
        if (x->match == 0) {
            x->match = c == '<';
            return NULL;
        }
        if (x->match == 1 && c == '/') {
            x->match = 2;
            return NULL;
        }
        if (x->match >= 2 && x->match < 2 + len && (c | 0x20) == (unsigned char)name[x->match - 2]) {
            x->match++;
            return NULL;
        }
        if (x->match == 2 + len && (is_space(c) || c == '/' || c == '>')) {
            x->end_tag = 1;   /* the end tag's name is read; go on as after a tag name */
            x->match = x->script_lt = 0;
            x->state = c == '/' ? H_SELF_CLOSING : H_BEFORE_ATTR;
            return c == '>' ? tag_done(x, 0) : NULL;
        }
        x->match = 0;   /* no end tag here; c may start one */
    }
}

static const char *comment_step(html_ctx *x, unsigned char c)
{
    switch ((comment_state)x->match) {
    case C_START:
    case C_START_DASH:
        if (c == '>') x->state = H_TEXT, x->match = 0;   /* "<!-->" and "<!--->" */
        else x->match = c == '-' ? (x->match == C_START ? C_START_DASH : C_END) : C_BODY;
        return NULL;
    case C_BODY:
        if (c == '-') x->match = C_END_DASH;
        return NULL;
    case C_END_DASH:
        x->match = c == '-' ? C_END : C_BODY;
        return NULL;
    case C_END:
        if (c == '>') x->state = H_TEXT, x->match = 0;
        else x->match = c == '!' ? C_END_BANG : c == '-' ? C_END : C_BODY;
        return NULL;
    case C_END_BANG:
        if (c == '>') x->state = H_TEXT, x->match = 0;
        else x->match = c == '-' ? C_END_DASH : C_BODY;
        return NULL;
    }
    return NULL;
}

/* Feeds one literal byte to the tokenizer; returns an error message or NULL. */
static const char *html_step(html_ctx *x, unsigned char c)
{
    if (x->need_sep) {
        if (!is_space(c) && c != '/' && c != '>')
            return "inside a tag, a section tag must be followed by a space, '/' or '>'";
        x->need_sep = 0;
    }
    for (;;) {
        switch ((html_state)x->state) {
        case H_TEXT:
            if (c == '<') x->state = H_TAG_OPEN;
            return NULL;
        case H_TAG_OPEN:
            if (c == '!') x->state = H_MARKUP_DECL, x->match = 0;
            else if (c == '/') x->state = H_END_TAG_OPEN;
            else if (c == '?') x->state = H_BOGUS_COMMENT;
            else if (is_alpha(c)) {
                x->end_tag = x->tag_flags = 0;
                begin_name(x, H_TAG_NAME);
                continue;
            } else {
                x->state = H_TEXT;
                continue;
            }
            return NULL;
        case H_END_TAG_OPEN:
            if (is_alpha(c)) {
                x->end_tag = 1;
                x->tag_flags = 0;
                begin_name(x, H_TAG_NAME);
                continue;
            }
            x->state = c == '>' ? H_TEXT : H_BOGUS_COMMENT;
            return NULL;
        case H_TAG_NAME:
            if (is_space(c) || c == '/' || c == '>') {
                end_tag_name(x);
                continue;
            }
            name_add(x, c);
            return NULL;
        case H_BEFORE_ATTR:
            x->attr = 0;
            if (is_space(c)) return NULL;
            if (c == '/') x->state = H_SELF_CLOSING;
            else if (c == '>') return tag_done(x, 0);
            else begin_name(x, H_ATTR_NAME), name_add(x, c);   /* even '=': spec */
            return NULL;
        case H_ATTR_NAME:
            if (c == '=') return end_attr_name(x, H_BEFORE_VALUE);
            if (is_space(c) || c == '/' || c == '>') {
                const char *why = end_attr_name(x, H_AFTER_ATTR_NAME);
                if (why) return why;
                continue;
            }
            name_add(x, c);
            return NULL;
        case H_AFTER_ATTR_NAME:
            if (is_space(c)) return NULL;
            if (c == '=') x->state = H_BEFORE_VALUE;
            else if (c == '/') x->state = H_SELF_CLOSING, x->attr = 0;
            else if (c == '>') return tag_done(x, 0);
            else begin_name(x, H_ATTR_NAME), name_add(x, c);
            return NULL;
        case H_BEFORE_VALUE:
            if (is_space(c)) return NULL;
            if (c == '"' || c == '\'') {
                x->state = c == '"' ? H_VALUE_DQ : H_VALUE_SQ;
                x->url = U_START;
                x->url_prefix = 0;
                return NULL;
            }
            if (c == '>') return tag_done(x, 0);
            x->state = H_VALUE_UQ;
            continue;
        case H_VALUE_DQ:
        case H_VALUE_SQ:
            if (c == (x->state == H_VALUE_DQ ? '"' : '\'')) {
                x->state = H_AFTER_VALUE;
                x->attr = x->url = 0;
                x->url_prefix = 0;
                return NULL;
            }
            return ATTR_IS_URL(x->attr) ? url_step(x, c) : NULL;
        case H_VALUE_UQ:
            if (is_space(c)) x->state = H_BEFORE_ATTR, x->attr = 0;
            else if (c == '>') return tag_done(x, 0);
            return NULL;
        case H_AFTER_VALUE:
            if (is_space(c)) x->state = H_BEFORE_ATTR;
            else if (c == '/') x->state = H_SELF_CLOSING;
            else if (c == '>') return tag_done(x, 0);
            else {
                x->state = H_BEFORE_ATTR;
                continue;
            }
            return NULL;
        case H_SELF_CLOSING:
            if (c == '>') return tag_done(x, 1);
            x->state = H_BEFORE_ATTR;
            continue;
        case H_MARKUP_DECL: {
            /* match: 0 "<!", 1 "<!-", 2+k: k bytes of "[CDATA[" (only inside <svg>) */
            static const char cdata[] = "[CDATA[";
            if (x->match == 0 && c == '-') {
                x->match = 1;
                return NULL;
            }
            if (x->match == 1 && c == '-') {
                x->state = H_COMMENT;
                x->match = C_START;
                return NULL;
            }
            if (x->match != 1 && x->svg_depth && c == (unsigned char)cdata[x->match ? x->match - 2 : 0]) {
                x->match = x->match ? x->match + 1 : 3;
                if (x->match == 2 + sizeof cdata - 1) x->state = H_CDATA, x->match = 0;
                return NULL;
            }
            x->state = H_BOGUS_COMMENT;
            x->match = 0;
            continue;
        }
        case H_BOGUS_COMMENT:
            if (c == '>') x->state = H_TEXT;
            return NULL;
        case H_CDATA:
            if (c == '>' && x->match == 2) x->state = H_TEXT, x->match = 0;
            else if (c == ']') x->match = x->match < 2 ? x->match + 1 : 2;
            else x->match = 0;
            return NULL;
        case H_COMMENT:
            return comment_step(x, c);
        case H_RAW:
            return raw_step(x, c);
        }
        return NULL;
    }
}

/* Decides whether a value may be written here.  Returns an error or NULL; for a URL
 * value that may choose the scheme, sets *url_prefix to the literal bytes before it and
 * returns with *url_check set. */
static const char *html_placeholder(html_ctx *x, uint8_t *url_check, uint32_t *url_prefix)
{
    switch ((html_state)x->state) {
    case H_TEXT:
        return NULL;
    case H_RAW:
        if (x->tag == TAG_SCRIPT) return "placeholder inside <script>";
        if (x->tag == TAG_STYLE) return "placeholder inside <style>";
        /* Raw text with scripting on, HTML with it off: no single context. */
        if (x->tag == TAG_NOSCRIPT) return "placeholder inside <noscript>";
        if (x->match) return "placeholder inside an end tag";
        return NULL;   /* <textarea>, <title>, ...: an escaped value cannot end them */
    case H_VALUE_DQ:
    case H_VALUE_SQ:
        if (x->attr == A_EVENT) return "placeholder inside an on* event handler attribute";
        if (x->attr == A_SRCDOC) return "placeholder inside a srcdoc attribute";
        if (x->attr == A_META_CONTENT) {
            if (x->tag_flags & META_HTTP_EQUIV) return meta_refresh_error;
            x->tag_flags |= META_CONTENT_VALUE;
            return NULL;
        }
        if (!ATTR_IS_URL(x->attr) || x->url == U_FIXED) return NULL;
        if (x->url == U_DYNAMIC)
            return "placeholder in a URL attribute must come first or after a literal '/', '?' or '#'";
        if (x->attr == A_CODE_URL && x->url != U_SLASH)
            return "placeholder choosing the address of a <script src> or <base href>";
        *url_check = 1;
        *url_prefix = x->url_prefix;
        x->url = x->url == U_SLASH ? U_FIXED : U_DYNAMIC;
        return NULL;
    case H_BEFORE_VALUE:
    case H_VALUE_UQ:
        return "placeholder in an unquoted attribute value (quote it)";
    case H_TAG_OPEN:
    case H_END_TAG_OPEN:
    case H_TAG_NAME:
        return "placeholder in a tag name";
    case H_MARKUP_DECL:
    case H_COMMENT:
    case H_BOGUS_COMMENT:
        return "placeholder inside an HTML comment";
    case H_CDATA:
        return "placeholder inside CDATA";
    case H_BEFORE_ATTR:
    case H_ATTR_NAME:
    case H_AFTER_ATTR_NAME:
    case H_AFTER_VALUE:
    case H_SELF_CLOSING:
        break;
    }
    return "placeholder in an attribute name position";
}

/* At a section tag: bring the context to the form it must have at both ends of the
 * section.  Inside a tag, a name is cut off (the next byte must end it either way);
 * in a URL whose scheme is still open, later values can no longer be checked alone. */
static const char *html_section_boundary(html_ctx *x)
{
    const char *why = NULL;
    switch ((html_state)x->state) {
    case H_TAG_NAME:
        end_tag_name(x);
        break;
    case H_ATTR_NAME:
        why = end_attr_name(x, H_BEFORE_ATTR);
        break;
    case H_VALUE_DQ:
    case H_VALUE_SQ:
        if (ATTR_IS_URL(x->attr) && x->url != U_FIXED) x->url = U_DYNAMIC, x->url_prefix = 0;
        return NULL;
    default:
        break;
    }
    switch ((html_state)x->state) {
    case H_BEFORE_ATTR:
    case H_AFTER_ATTR_NAME:
    case H_AFTER_VALUE:
        begin_name(x, H_BEFORE_ATTR);
        x->attr = 0;
        x->need_sep = 1;
        break;
    default:
        break;
    }
    return why;
}

static int html_same(const html_ctx *a, const html_ctx *b)
{
    return a->state == b->state && a->tag == b->tag && a->end_tag == b->end_tag &&
           a->attr == b->attr && a->match == b->match && a->script_lt == b->script_lt &&
           a->need_sep == b->need_sep && a->svg_text == b->svg_text &&
           a->in_select == b->in_select && a->tag_flags == b->tag_flags &&
           a->svg_depth == b->svg_depth && a->name_len == b->name_len &&
           memcmp(a->name, b->name, sizeof a->name) == 0;
}

static const char *html_where(const html_ctx *x)
{
    switch ((html_state)x->state) {
    case H_TEXT: return x->svg_depth ? "inside <svg>" : "in text";
    case H_RAW: return x->tag == TAG_SCRIPT ? "inside <script>" : "inside a raw-text element";
    case H_COMMENT: case H_BOGUS_COMMENT: case H_MARKUP_DECL: return "inside an HTML comment";
    case H_CDATA: return "inside CDATA";
    default: return "inside a tag";
    }
}

/* ---- compiled templates ---------------------------------------------------------- */

typedef enum { N_TEXT, N_VAR, N_SECTION, N_INVERTED, N_PARTIAL, N_TRANS } node_kind;

typedef struct {
    const char *s;
    size_t len;
} name_part;

typedef struct {
    uint8_t kind;          /* node_kind */
    uint8_t url_check;     /* N_VAR/N_TRANS that may choose a URL's scheme */
    uint16_t nparts;       /* N_VAR/N_SECTION/N_INVERTED: parts of a.b.c; 0 for "." */
    uint32_t url_prefix;   /* literal bytes of the URL written just before it */
    uint32_t end;          /* N_SECTION/N_INVERTED: index of the first node after the body */
    uint32_t partial;      /* N_PARTIAL: index of the template */
    int line;
    const char *text;      /* N_TEXT: literal; N_TRANS: escaped Indonesian; N_PARTIAL: name */
    size_t len;
    const char *text_en;   /* N_TRANS: escaped English */
    size_t len_en;
    const name_part *parts;
} node;

typedef struct {
    const char *name;
    node *nodes;
    uint32_t count;
} template;

struct tmpl_set {
    arena *mem;            /* everything the set holds */
    template *tmpls;
    size_t count;
};

typedef struct {
    uint32_t node;         /* index of the section node */
    int line;
    html_ctx ctx;          /* context at the opening tag */
} open_section;

typedef struct {
    tmpl_set *set;
    const char *name;      /* of the template being compiled */
    char *err;
    size_t errlen;
    node *nodes;           /* scratch, reused for each template */
    size_t count, cap;
    buf scratch;
} compiler;

__attribute__((format(printf, 4, 5)))
static int compile_fail(compiler *c, const char *name, int line, const char *fmt, ...)
{
    if (!c->err || !c->errlen) return -1;
    int n = snprintf(c->err, c->errlen, "templates/%s.html:%d: ", name, line);
    if (n >= 0 && (size_t)n < c->errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(c->err + n, c->errlen - (size_t)n, fmt, ap);
        va_end(ap);
    }
    return -1;
}

/* Template text quoted in a message: at most 40 bytes, non-printable bytes as '?', so
 * a broken template cannot put newlines or invalid UTF-8 into the log. */
typedef struct {
    char s[48];
} snippet;

static snippet quote(const char *s, const char *end)
{
    snippet q;
    size_t n = 0;
    for (; s < end && n < 40; s++) q.s[n++] = *s >= 0x20 && *s < 0x7F ? *s : '?';
    if (s < end) memcpy(q.s + n, "...", 3), n += 3;
    q.s[n] = '\0';
    return q;
}

static node *add_node(compiler *c, node_kind kind, int line)
{
    if (c->count == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 64;
        c->nodes = xrealloc(c->nodes, c->cap * sizeof *c->nodes);
    }
    node *n = &c->nodes[c->count++];
    memset(n, 0, sizeof *n);
    n->kind = (uint8_t)kind;
    n->line = line;
    return n;
}

static const char *trim(const char *s, const char *end, const char **out_end)
{
    while (s < end && is_space((unsigned char)*s)) s++;
    while (end > s && is_space((unsigned char)end[-1])) end--;
    *out_end = end;
    return s;
}

/* Parses a value or section name ("a", "a.b", "."): fills n->parts. */
static int parse_name(compiler *c, node *n, const char *s, const char *end)
{
    if (end - s == 1 && *s == '.') return 0;   /* the current item */
    size_t parts = 1;
    for (const char *p = s; p < end; p++) {
        unsigned char ch = (unsigned char)*p;
        if (ch == '{' || ch == '&')
            return compile_fail(c, c->name, n->line,
                                "no raw output: every value is escaped ({{{ }}} and {{& }} do not exist)");
        if (ch == '.' && (p == s || p + 1 == end || p[1] == '.'))
            return compile_fail(c, c->name, n->line, "invalid name '%s'", quote(s, end).s);
        if (ch == '.') parts++;
        else if (!is_alnum(ch) && ch != '_' && ch != '-')
            return compile_fail(c, c->name, n->line, "invalid name '%s'", quote(s, end).s);
    }
    if (s == end || parts > UINT16_MAX)
        return compile_fail(c, c->name, n->line, "invalid name '%s'", quote(s, end).s);
    name_part *part = arena_alloc(c->set->mem, parts * sizeof *part);
    for (size_t i = 0; i < parts; i++) {
        const char *dot = memchr(s, '.', (size_t)(end - s));
        const char *part_end = dot ? dot : end;
        part[i].s = s;
        part[i].len = (size_t)(part_end - s);
        s = part_end + 1;
    }
    n->parts = part;
    n->nparts = (uint16_t)parts;
    return 0;
}

/* Copies buf contents into the set's arena. */
static const char *keep(compiler *c, const buf *b, size_t *len)
{
    *len = b->len;
    return arena_strndup(c->set->mem, buf_str(b), b->len);
}

/* {{_ phrase}}: both languages escaped once, here. Whitespace runs become one space. */
static void compile_translation(compiler *c, node *n, const char *s, const char *end)
{
    buf *b = &c->scratch;
    buf_reset(b);
    s = trim(s, end, &end);
    for (const char *p = s; p < end; p++) {
        if (!is_space((unsigned char)*p)) buf_putc(b, *p);
        else if (p + 1 < end && !is_space((unsigned char)p[1])) buf_putc(b, ' ');
    }
    char *phrase = arena_strndup(c->set->mem, buf_str(b), b->len);
    buf_reset(b);
    html_escape(b, phrase, strlen(phrase));
    n->text = keep(c, b, &n->len);
    const char *en = i18n("en", phrase);
    buf_reset(b);
    html_escape(b, en, strlen(en));
    n->text_en = keep(c, b, &n->len_en);
}

static int count_lines(const char *s, const char *end)
{
    int n = 0;
    for (; s < end; s++) n += *s == '\n';
    return n;
}

/* Compiles one template into set->tmpls[index]. */
static int compile_one(compiler *c, size_t index, const char *src, size_t len)
{
    template *t = &c->set->tmpls[index];
    c->name = t->name;
    c->count = 0;
    html_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    open_section open[TMPL_MAX_SECTION_DEPTH];
    size_t depth = 0;
    int line = 1;
    const char *p = src, *end = src + len;

    while (p < end) {
        const char *tag = memmem(p, (size_t)(end - p), "{{", 2);
        const char *lit_end = tag ? tag : end;
        if (lit_end > p) {
            node *n = add_node(c, N_TEXT, line);
            n->text = p;
            n->len = (size_t)(lit_end - p);
            for (; p < lit_end; p++) {
                const char *why = html_step(&ctx, (unsigned char)*p);
                if (why) return compile_fail(c, t->name, line, "%s", why);
                line += *p == '\n';
            }
        }
        if (!tag) break;
        const char *close = memmem(tag + 2, (size_t)(end - tag - 2), "}}", 2);
        if (!close) return compile_fail(c, t->name, line, "unterminated {{");
        const char *body_end, *body = trim(tag + 2, close, &body_end);
        int tag_line = line;
        line += count_lines(tag, close);
        p = close + 2;
        char sigil = body < body_end ? *body : '\0';

        if (sigil == '!') continue;
        if (sigil == '=') return compile_fail(c, t->name, tag_line, "changing delimiters is not supported");
        if (sigil == '#' || sigil == '^') {
            if (depth == TMPL_MAX_SECTION_DEPTH)
                return compile_fail(c, t->name, tag_line, "sections nested deeper than %d", TMPL_MAX_SECTION_DEPTH);
            node *n = add_node(c, sigil == '#' ? N_SECTION : N_INVERTED, tag_line);
            const char *name_end, *name = trim(body + 1, body_end, &name_end);
            if (parse_name(c, n, name, name_end)) return -1;
            n->text = name;
            n->len = (size_t)(name_end - name);
            const char *why = html_section_boundary(&ctx);
            if (why) return compile_fail(c, t->name, tag_line, "%s", why);
            open[depth].node = (uint32_t)(c->count - 1);
            open[depth].line = tag_line;
            open[depth].ctx = ctx;
            depth++;
        } else if (sigil == '/') {
            const char *name_end, *name = trim(body + 1, body_end, &name_end);
            if (depth == 0)
                return compile_fail(c, t->name, tag_line, "{{/%s}} closes no section", quote(name, name_end).s);
            node *sec = &c->nodes[open[--depth].node];
            if (sec->len != (size_t)(name_end - name) || memcmp(sec->text, name, sec->len) != 0)
                return compile_fail(c, t->name, tag_line, "{{/%s}} closes {{%c%.*s}} of line %d",
                                    quote(name, name_end).s, sec->kind == N_SECTION ? '#' : '^',
                                    (int)sec->len, sec->text, open[depth].line);
            const char *why = html_section_boundary(&ctx);
            if (why) return compile_fail(c, t->name, tag_line, "%s", why);
            const html_ctx *at_open = &open[depth].ctx;
            if (!html_same(&ctx, at_open))
                return compile_fail(c, t->name, tag_line,
                                    "the section {{%c%.*s}} of line %d must end in the HTML context it starts in (it ends %s)",
                                    sec->kind == N_SECTION ? '#' : '^', (int)sec->len, sec->text,
                                    open[depth].line, html_where(&ctx));
            if (ctx.url != at_open->url) ctx.url = U_DYNAMIC;   /* either path may follow */
            sec->end = (uint32_t)c->count;
        } else if (sigil == '>') {
            node *n = add_node(c, N_PARTIAL, tag_line);
            const char *name_end, *name = trim(body + 1, body_end, &name_end);
            for (const char *q = name; q < name_end; q++)
                if (!is_alnum((unsigned char)*q) && *q != '_' && *q != '-' && *q != '/')
                    return compile_fail(c, t->name, tag_line, "invalid partial name '%s'", quote(name, name_end).s);
            if (name == name_end) return compile_fail(c, t->name, tag_line, "missing partial name");
            if (ctx.state != H_TEXT || ctx.svg_depth)
                return compile_fail(c, t->name, tag_line, "a partial must be included in HTML text, not %s",
                                    ctx.svg_depth ? "inside <svg>" : html_where(&ctx));
            n->text = name;
            n->len = (size_t)(name_end - name);
        } else {
            /* "{{_ phrase}}" translates; "{{_name}}" is a value named "_name". */
            int is_trans = sigil == '_' && (body + 1 == body_end || is_space((unsigned char)body[1]));
            node *n = add_node(c, is_trans ? N_TRANS : N_VAR, tag_line);
            if (is_trans && body + 1 == body_end)
                return compile_fail(c, t->name, tag_line, "{{_ }} needs a phrase");
            if (is_trans) compile_translation(c, n, body + 1, body_end);
            else if (parse_name(c, n, body, body_end)) return -1;
            const char *why = html_placeholder(&ctx, &n->url_check, &n->url_prefix);
            if (why) return compile_fail(c, t->name, tag_line, "%s", why);
        }
    }
    if (depth) {
        const node *sec = &c->nodes[open[depth - 1].node];
        return compile_fail(c, t->name, open[depth - 1].line, "{{%c%.*s}} is never closed",
                            sec->kind == N_SECTION ? '#' : '^', (int)sec->len, sec->text);
    }
    if (ctx.state != H_TEXT || ctx.svg_depth)
        return compile_fail(c, t->name, line, "the template ends %s", html_where(&ctx));

    node *nodes = arena_alloc(c->set->mem, c->count * sizeof *nodes);
    if (c->count) memcpy(nodes, c->nodes, c->count * sizeof *nodes);   /* "" has no nodes */
    t->nodes = nodes;
    t->count = (uint32_t)c->count;
    return 0;
}

static int find_template(const tmpl_set *set, const char *name, size_t len, size_t *index)
{
    for (size_t i = 0; i < set->count; i++)
        if (strlen(set->tmpls[i].name) == len && memcmp(set->tmpls[i].name, name, len) == 0) {
            *index = i;
            return 1;
        }
    return 0;
}

/* Depth-first over partials: refuses cycles and chains longer than the limit, so the
 * renderer's recursion is bounded.  mark: 0 new, 1 on the path, 2 done (height set:
 * the longest chain of templates it starts). */
static int check_partials(compiler *c, size_t ti, int depth, uint8_t *mark, int *height)
{
    const template *t = &c->set->tmpls[ti];
    mark[ti] = 1;
    int h = 1;
    for (uint32_t i = 0; i < t->count; i++) {
        const node *n = &t->nodes[i];
        if (n->kind != N_PARTIAL) continue;
        size_t j = n->partial;
        if (mark[j] == 1)
            return compile_fail(c, t->name, n->line, "{{>%.*s}} makes a cycle of partials", (int)n->len, n->text);
        if (mark[j] == 0 && depth < TMPL_MAX_PARTIAL_DEPTH && check_partials(c, j, depth + 1, mark, height))
            return -1;
        if (mark[j] != 2 || depth + height[j] > TMPL_MAX_PARTIAL_DEPTH)
            return compile_fail(c, t->name, n->line, "partials nested deeper than %d", TMPL_MAX_PARTIAL_DEPTH);
        if (height[j] + 1 > h) h = height[j] + 1;
    }
    mark[ti] = 2;
    height[ti] = h;
    return 0;
}

static int link_partials(compiler *c)
{
    tmpl_set *set = c->set;
    for (size_t ti = 0; ti < set->count; ti++) {
        template *t = &set->tmpls[ti];
        for (uint32_t i = 0; i < t->count; i++) {
            node *n = &t->nodes[i];
            size_t j;
            if (n->kind != N_PARTIAL) continue;
            if (!find_template(set, n->text, n->len, &j))
                return compile_fail(c, t->name, n->line, "unknown partial '%.*s'", (int)n->len, n->text);
            n->partial = (uint32_t)j;
        }
    }
    uint8_t *mark = xcalloc(set->count, 1);
    int *height = xcalloc(set->count, sizeof *height);
    int rc = 0;
    for (size_t ti = 0; ti < set->count && rc == 0; ti++)
        if (mark[ti] == 0) rc = check_partials(c, ti, 1, mark, height);
    free(mark);
    free(height);
    return rc;
}

static tmpl_set *compile_set(const char *const *names, const char *const *sources, const size_t *lens,
                             size_t count, char *err, size_t errlen)
{
    if (err && errlen) err[0] = '\0';
    tmpl_set *set = xcalloc(1, sizeof *set);
    set->mem = arena_new();
    set->tmpls = arena_alloc(set->mem, (count ? count : 1) * sizeof *set->tmpls);
    set->count = count;
    compiler c = {.set = set, .err = err, .errlen = errlen};
    int rc = 0;
    for (size_t i = 0; i < count; i++) set->tmpls[i].name = arena_strdup(set->mem, names[i]);
    for (size_t i = 0; i < count && rc == 0; i++) {
        size_t first;
        if (find_template(set, names[i], strlen(names[i]), &first) && first < i)
            rc = compile_fail(&c, names[i], 1, "template defined twice");
    }
    for (size_t i = 0; i < count && rc == 0; i++) {
        /* Literal nodes point into this copy. */
        const char *src = arena_strndup(set->mem, sources[i], lens[i]);
        rc = compile_one(&c, i, src, lens[i]);
    }
    if (rc == 0) rc = link_partials(&c);
    free(c.nodes);
    buf_free(&c.scratch);
    if (rc) {
        tmpl_set_free(set);
        return NULL;
    }
    return set;
}

tmpl_set *tmpl_set_from_strings(const char *const *names, const char *const *sources,
                                size_t count, char *err, size_t errlen)
{
    size_t *lens = xcalloc(count ? count : 1, sizeof *lens);
    for (size_t i = 0; i < count; i++) lens[i] = strlen(sources[i]);
    tmpl_set *set = compile_set(names, sources, lens, count, err, errlen);
    free(lens);
    return set;
}

tmpl_set *tmpl_set_load(char *err, size_t errlen)
{
    static const char prefix[] = "templates/", suffix[] = ".html";
    const size_t plen = sizeof prefix - 1, slen = sizeof suffix - 1;
    const char **names = xcalloc(embedded_count + 1, sizeof *names);
    const char **sources = xcalloc(embedded_count + 1, sizeof *sources);
    size_t *lens = xcalloc(embedded_count + 1, sizeof *lens);
    size_t n = 0;
    for (size_t i = 0; i < embedded_count; i++) {
        const embedded_file *f = &embedded_files[i];
        size_t len = strlen(f->name);
        if (len <= plen + slen || strncmp(f->name, prefix, plen) != 0 ||
            strcmp(f->name + len - slen, suffix) != 0)
            continue;
        names[n] = xstrndup(f->name + plen, len - plen - slen);
        sources[n] = (const char *)f->data;
        lens[n] = f->len;
        n++;
    }
    tmpl_set *set = compile_set(names, sources, lens, n, err, errlen);
    for (size_t i = 0; i < n; i++) free((char *)names[i]);
    free(names);
    free(sources);
    free(lens);
    return set;
}

void tmpl_set_free(tmpl_set *t)
{
    if (!t) return;
    arena_free(t->mem);
    free(t);
}

/* ---- rendering -------------------------------------------------------------------- */

/* The chain of values pushed by enclosing sections, innermost first; on the C stack. */
typedef struct scope {
    const tv *v;
    const struct scope *up;
} scope;

static const tv *lookup(const scope *sc, const node *n)
{
    if (n->nparts == 0) return sc ? sc->v : NULL;
    const tv *v = NULL;
    for (; sc && !v; sc = sc->up) v = map_get(sc->v, n->parts[0].s, n->parts[0].len);
    for (uint16_t i = 1; v && i < n->nparts; i++) v = map_get(v, n->parts[i].s, n->parts[i].len);
    return v;
}

/* A value that chose a URL's scheme: if the URL so far is not safe, write "#" instead. */
static void check_url(buf *out, size_t value_start, const node *n)
{
    if (url_is_safe(buf_str(out) + value_start - n->url_prefix)) return;
    out->len = value_start;
    buf_putc(out, '#');
}

static void render_nodes(const tmpl_set *set, const template *t, uint32_t from, uint32_t to,
                         const scope *sc, int en, buf *out)
{
    for (uint32_t i = from; i < to; i++) {
        const node *n = &t->nodes[i];
        size_t start = out->len;
        switch ((node_kind)n->kind) {
        case N_TEXT:
            buf_put(out, n->text, n->len);
            break;
        case N_TRANS:
            if (en) buf_put(out, n->text_en, n->len_en);
            else buf_put(out, n->text, n->len);
            if (n->url_check) check_url(out, start, n);
            break;
        case N_VAR: {
            const tv *v = lookup(sc, n);
            if (v && v->kind == TV_STR) html_escape(out, v->u.str.s, v->u.str.len);
            if (n->url_check) check_url(out, start, n);
            break;
        }
        case N_SECTION: {
            const tv *v = lookup(sc, n);
            if (v && v->kind == TV_LIST) {
                for (const tv *item = v->u.kids.head; item; item = item->next) {
                    scope inner = {item, sc};
                    render_nodes(set, t, i + 1, n->end, &inner, en, out);
                }
            } else if (tv_truthy(v)) {
                scope inner = {v, sc};
                render_nodes(set, t, i + 1, n->end, v->kind == TV_BOOL ? sc : &inner, en, out);
            }
            i = n->end - 1;
            break;
        }
        case N_INVERTED:
            if (!tv_truthy(lookup(sc, n))) render_nodes(set, t, i + 1, n->end, sc, en, out);
            i = n->end - 1;
            break;
        case N_PARTIAL: {
            const template *p = &set->tmpls[n->partial];
            render_nodes(set, p, 0, p->count, sc, en, out);
            break;
        }
        }
    }
}

lk_err tmpl_render(const tmpl_set *t, const char *name, const tv *ctx, const char *lang, buf *out)
{
    size_t index;
    if (!find_template(t, name, strlen(name), &index)) return LK_ERR_NOTFOUND;
    const template *tp = &t->tmpls[index];
    scope root = {ctx, NULL};
    int en = lang && strcmp(lang, "en") == 0;
    render_nodes(t, tp, 0, tp->count, ctx ? &root : NULL, en, out);
    return LK_OK;
}

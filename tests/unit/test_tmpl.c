/* tests/unit/test_tmpl.c — unit tests of html/tmpl.c and html/i18n.c: values, sections,
 * partials, translations, and every HTML context the compiler refuses.
 * Owner: HTML templates (src/html/). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "html/i18n.h"
#include "html/tmpl.h"

/* ---- helpers -------------------------------------------------------------------- */

static arena *mem;

static int setup(void **state)
{
    mem = arena_new();
    return 0;
}

static int teardown(void **state)
{
    arena_free(mem);
    mem = NULL;
    return 0;
}

/* Renders `name` of a set; the result lives in the test arena. */
static const char *render_set(const tmpl_set *set, const char *name, const tv *ctx, const char *lang)
{
    buf out = BUF_INIT;
    assert_int_equal(tmpl_render(set, name, ctx, lang, &out), LK_OK);
    const char *s = arena_strdup(mem, buf_str(&out));
    buf_free(&out);
    return s;
}

/* Compiles one template named "page" and renders it. */
static const char *render(const char *src, const tv *ctx, const char *lang)
{
    const char *names[] = {"page"}, *sources[] = {src};
    char err[256];
    tmpl_set *set = tmpl_set_from_strings(names, sources, 1, err, sizeof err);
    if (!set) fail_msg("did not compile: %s", err);
    const char *s = render_set(set, "page", ctx, lang);
    tmpl_set_free(set);
    return s;
}

/* Asserts that the templates do not compile, with exactly this message. */
static void assert_refused_set(const char *const *names, const char *const *sources, size_t n,
                               const char *expect)
{
    char err[256];
    tmpl_set *set = tmpl_set_from_strings(names, sources, n, err, sizeof err);
    if (set) {
        tmpl_set_free(set);
        fail_msg("compiled, expected: %s", expect);
    }
    assert_string_equal(err, expect);
}

static void assert_refused(const char *src, const char *expect)
{
    const char *names[] = {"page"}, *sources[] = {src};
    assert_refused_set(names, sources, 1, expect);
}

static tv *ctx_with(const char *key, const char *val)
{
    tv *ctx = tv_map(mem);
    tv_set(ctx, key, val);
    return ctx;
}

static const char *href(const char *src, const char *url)
{
    return render(src, ctx_with("u", url), "id");
}

/* ---- values and escaping ---------------------------------------------------------- */

static void escapes_hostile_text(void **state)
{
    tv *ctx = ctx_with("v", "<script>alert(1)</script>");
    assert_string_equal(render("<p>{{v}}</p>", ctx, "id"),
                        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>");
}

static void escapes_attribute_breakouts(void **state)
{
    tv *ctx = ctx_with("v", "\" onmouseover=\"x");
    assert_string_equal(render("<a title=\"{{v}}\">", ctx, "id"),
                        "<a title=\"&quot; onmouseover=&quot;x\">");
    ctx = ctx_with("v", "' onfocus='x");
    assert_string_equal(render("<a title='{{ v }}'>", ctx, "id"),
                        "<a title='&#39; onfocus=&#39;x'>");
}

static void replaces_invalid_utf8(void **state)
{
    tv *ctx = ctx_with("v", "a\xff" "b\x01" "c");
    assert_string_equal(render("{{v}}", ctx, "id"), "a\xEF\xBF\xBD" "bc");
}

static void renders_scalars(void **state)
{
    tv *ctx = tv_map(mem);
    tv_set_int(ctx, "n", -1234567890123LL);
    tv_set_bool(ctx, "b", 1);
    tv_setf(ctx, "f", "%s-%02d", "IZ", 7);
    tv_set(tv_set_map(tv_set_map(ctx, "a"), "b"), "c", "deep");
    assert_string_equal(render("{{n}}|{{b}}|{{f}}|{{a.b.c}}|{{missing}}|{{a.x.c}}|{{a}}", ctx, "id"),
                        "-1234567890123||IZ-07|deep|||");
    tv_set_int(ctx, "zero", 0);
    tv_set_int(ctx, "min", INT64_MIN);
    tv_setf(ctx, "p", "/pemohon/permohonan/%lld/lacak", 42LL);
    tv_setf(ctx, "q", "/x/%lld", 9007199254740993LL);
    assert_string_equal(render("{{zero}}|{{min}}|{{p}}|{{q}}", ctx, "id"),
                        "0|-9223372036854775808|/pemohon/permohonan/42/lacak|/x/9007199254740993");
}

static void values_keep_order_and_replace(void **state)
{
    tv *ctx = tv_map(mem);
    tv_set(ctx, "a", "1");
    tv_set(ctx, "b", "2");
    tv_set(ctx, "a", "3");
    assert_string_equal(tv_get(ctx, "a"), "3");
    tv_set(ctx, "b", NULL);
    assert_string_equal(tv_get(ctx, "b"), "");
    tv_set(ctx, "c", "4");
    tv_set_list(ctx, "l");
    assert_null(tv_get(ctx, "l"));
    assert_null(tv_get(ctx, "zz"));
    assert_string_equal(render("{{a}}{{b}}{{c}}", ctx, "id"), "34");
}

/* ---- sections ---------------------------------------------------------------------- */

/* Regression: a requirement without a description showed the permit's description,
 * because a NULL value left the key out and the lookup walked to the outer scope. */
static void null_value_hides_the_outer_key(void **state)
{
    tv *ctx = tv_map(mem);
    tv_set(ctx, "description", "outer text");
    tv *rows = tv_set_list(ctx, "rows");
    tv *row = tv_push_map(rows);
    tv_set(row, "name", "KTP");
    tv_set(row, "description", NULL);
    assert_string_equal(render("{{#rows}}{{name}}{{#description}}: {{description}}{{/description}}{{/rows}}", ctx, "id"),
                        "KTP");
}

static void section_over_list_of_maps_sees_outer_scope(void **state)
{
    tv *ctx = tv_map(mem);
    tv_set(ctx, "instansi", "Kota Pangkalpinang");
    tv_set(ctx, "name", "outer");
    tv *rows = tv_set_list(ctx, "rows");
    tv_set(tv_push_map(rows), "name", "SIUP");
    tv *row = tv_push_map(rows);
    tv_set(row, "name", "IMB & <PBG>");
    tv_set(row, "instansi", "Kab. Bangka");
    assert_string_equal(render("<ul>{{#rows}}<li>{{name}} ({{instansi}})</li>{{/rows}}</ul>{{name}}", ctx, "id"),
                        "<ul><li>SIUP (Kota Pangkalpinang)</li>"
                        "<li>IMB &amp; &lt;PBG&gt; (Kab. Bangka)</li></ul>outer");
}

static void section_over_strings_and_maps(void **state)
{
    tv *ctx = tv_map(mem);
    tv *tags = tv_set_list(ctx, "tags");
    tv_push_str(tags, "a<b");
    tv_push_str(tags, "c");
    tv_set(tv_set_map(ctx, "user"), "name", "Sari");
    tv_set(ctx, "s", "x");
    assert_string_equal(render("{{#tags}}[{{.}}]{{/tags}} {{#user}}{{name}}{{/user}} {{#s}}{{.}}!{{/s}}", ctx, "id"),
                        "[a&lt;b][c] Sari x!");
}

static void falsy_values_and_inverted_sections(void **state)
{
    tv *ctx = tv_map(mem);
    tv_set_bool(ctx, "no", 0);
    tv_set_bool(ctx, "yes", 1);
    tv_set(ctx, "empty", "");
    tv_set_list(ctx, "none");
    tv_set_map(ctx, "map");
    tv_set(ctx, "zero", "0");
    const char *src = "{{#no}}A{{/no}}{{^no}}a{{/no}}"
                      "{{#missing}}B{{/missing}}{{^missing}}b{{/missing}}"
                      "{{#empty}}C{{/empty}}{{^empty}}c{{/empty}}"
                      "{{#none}}D{{/none}}{{^none}}d{{/none}}"
                      "{{#yes}}E{{/yes}}{{^yes}}e{{/yes}}"
                      "{{#map}}F{{/map}}{{^map}}f{{/map}}"
                      "{{#zero}}G{{/zero}}{{^zero}}g{{/zero}}";
    assert_string_equal(render(src, ctx, "id"), "abcdEFG");
}

static void deep_nesting_walks_outward(void **state)
{
    tv *ctx = tv_map(mem);
    tv_set(ctx, "top", "T");
    tv *l1 = tv_set_list(ctx, "l1");
    tv *m1 = tv_push_map(l1);
    tv_set(m1, "one", "1");
    tv *l2 = tv_set_list(m1, "l2");
    tv *m2 = tv_push_map(l2);
    tv_set(m2, "two", "2");
    tv_set(m2, "top", "shadow");
    tv *l3 = tv_set_list(m2, "l3");
    tv_push_str(l3, "x");
    tv_push_str(l3, "y");
    assert_string_equal(render("{{#l1}}{{#l2}}{{#l3}}{{.}}{{one}}{{two}}{{top}};{{/l3}}{{/l2}}{{top}}{{/l1}}", ctx, "id"),
                        "x12shadow;y12shadow;T");

    /* 32 nested sections compile and render; 33 do not. */
    char src[1024] = "", close[512] = "";
    for (int i = 0; i < 32; i++) strcat(src, "{{#yes}}");
    for (int i = 0; i < 32; i++) strcat(close, "{{/yes}}");
    strcat(src, "deep");
    strcat(src, close);
    assert_string_equal(render(src, ctx_with("yes", "1"), "id"), "deep");
    char deeper[1100] = "{{#yes}}";
    strcat(deeper, src);
    strcat(deeper, "{{/yes}}");
    assert_refused(deeper, "templates/page.html:1: sections nested deeper than 32");
}

static void conditional_attributes(void **state)
{
    const char *src = "<input type=\"checkbox\"{{#on}} checked{{/on}}>"
                      "<li class=\"item{{#on}} active{{/on}}\">"
                      "<option{{#on}} selected{{/on}}>";
    assert_string_equal(render(src, ctx_with("on", "1"), "id"),
                        "<input type=\"checkbox\" checked><li class=\"item active\"><option selected>");
    assert_string_equal(render(src, NULL, "id"), "<input type=\"checkbox\"><li class=\"item\"><option>");
}

/* ---- partials ---------------------------------------------------------------------- */

static void partials_share_the_scope(void **state)
{
    const char *names[] = {"page", "layout/header", "row"};
    const char *sources[] = {
        "{{>layout/header}}{{#rows}}{{> row }}{{/rows}}",
        "<h1>{{title}}</h1>",
        "<p>{{name}} / {{title}}</p>",
    };
    char err[256];
    tmpl_set *set = tmpl_set_from_strings(names, sources, 3, err, sizeof err);
    assert_non_null(set);
    tv *ctx = ctx_with("title", "Katalog");
    tv *rows = tv_set_list(ctx, "rows");
    tv_set(tv_push_map(rows), "name", "A");
    tv_set(tv_push_map(rows), "name", "B");
    assert_string_equal(render_set(set, "page", ctx, "id"),
                        "<h1>Katalog</h1><p>A / Katalog</p><p>B / Katalog</p>");
    buf out = BUF_INIT;
    assert_int_equal(tmpl_render(set, "nope", ctx, "id", &out), LK_ERR_NOTFOUND);
    buf_free(&out);
    tmpl_set_free(set);
}

static void cyclic_partials_are_refused(void **state)
{
    const char *names[] = {"a", "b"};
    const char *cycle[] = {"x\n{{#s}}{{>b}}{{/s}}", "{{>a}}"};
    assert_refused_set(names, cycle, 2, "templates/b.html:1: {{>a}} makes a cycle of partials");
    const char *self[] = {"{{>a}}"};
    assert_refused_set(names, self, 1, "templates/a.html:1: {{>a}} makes a cycle of partials");
}

static void partial_chains_are_limited(void **state)
{
    enum { N = 17 };
    char names_buf[N][8], src_buf[N][16];
    const char *names[N], *sources[N];
    for (int i = 0; i < N; i++) {
        snprintf(names_buf[i], sizeof names_buf[i], "p%d", i);
        if (i + 1 < N) snprintf(src_buf[i], sizeof src_buf[i], "%d{{>p%d}}", i, i + 1);
        else snprintf(src_buf[i], sizeof src_buf[i], "end");
        names[i] = names_buf[i];
        sources[i] = src_buf[i];
    }
    /* p1 .. p16: 16 templates in a chain are fine. */
    char err[256];
    tmpl_set *set = tmpl_set_from_strings(names + 1, sources + 1, N - 1, err, sizeof err);
    assert_non_null(set);
    assert_string_equal(render_set(set, "p1", NULL, "id"), "123456789101112131415end");
    tmpl_set_free(set);
    assert_refused_set(names, sources, N, "templates/p15.html:1: partials nested deeper than 16");
}

static void unknown_partial_is_refused(void **state)
{
    assert_refused("a\nb {{> footer}}", "templates/page.html:2: unknown partial 'footer'");
}

static void partial_only_in_text(void **state)
{
    assert_refused("<div class=\"{{>x}}\">",
                   "templates/page.html:1: a partial must be included in HTML text, not inside a tag");
}

/* ---- translations ------------------------------------------------------------------ */

static void translations_in_both_languages(void **state)
{
    const char *src = "<a href=\"/\" title=\"{{_ Beranda}}\">{{_ Beranda}}</a> {{_   Katalog\n  Layanan }}"
                      " {{_ Belum diterjemahkan & <b>}}";
    assert_string_equal(render(src, NULL, "id"),
                        "<a href=\"/\" title=\"Beranda\">Beranda</a> Katalog Layanan"
                        " Belum diterjemahkan &amp; &lt;b&gt;");
    assert_string_equal(render(src, NULL, "en"),
                        "<a href=\"/\" title=\"Home\">Home</a> Service catalogue"
                        " Belum diterjemahkan &amp; &lt;b&gt;");
    assert_string_equal(render(src, NULL, "xx"), render(src, NULL, "id"));
    assert_refused("{{_ }}", "templates/page.html:1: {{_ }} needs a phrase");
    /* "{{_name}}" is an ordinary value. */
    assert_string_equal(render("{{_csrf}}", ctx_with("_csrf", "t0k"), "en"), "t0k");
}

static void i18n_table(void **state)
{
    assert_int_equal(i18n_load(), 0);
    assert_string_equal(i18n("en", "Beranda"), "Home");
    assert_string_equal(i18n("en", "Katalog Layanan"), "Service catalogue");
    assert_string_equal(i18n("id", "Beranda"), "Beranda");
    const char *phrase = "Tidak ada terjemahan";
    assert_ptr_equal(i18n("en", phrase), phrase);
    assert_ptr_equal(i18n(NULL, phrase), phrase);
    assert_true(i18n_lang_ok("id"));
    assert_true(i18n_lang_ok("en"));
    assert_false(i18n_lang_ok("fr"));
    assert_false(i18n_lang_ok(NULL));
}

/* ---- refused contexts ------------------------------------------------------------------ */

static void refuses_script(void **state)
{
    assert_refused("<p>\n<script>var x = \"{{v}}\";</script>",
                   "templates/page.html:2: placeholder inside <script>");
    assert_refused("<SCRIPT type=\"module\">\n{{v}}</SCRIPT>",
                   "templates/page.html:2: placeholder inside <script>");
    /* "</scripty" does not end a script; "</script " does. */
    assert_refused("<script>x</scripty>{{v}}", "templates/page.html:1: placeholder inside <script>");
    assert_string_equal(render("<script>s = \"</SCRIPT >\";</script>{{v}}", ctx_with("v", "<"), "id"),
                        "<script>s = \"</SCRIPT >\";</script>&lt;");
    assert_refused("<script><!-- x </script>",
                   "templates/page.html:1: '<!--' inside <script> is not supported");
}

static void refuses_style(void **state)
{
    assert_refused("<style>\n\nbody { color: {{c}} }</style>",
                   "templates/page.html:3: placeholder inside <style>");
}

static void refuses_event_handlers(void **state)
{
    assert_refused("<button onclick=\"go('{{id}}')\">",
                   "templates/page.html:1: placeholder inside an on* event handler attribute");
    assert_refused("<body\n ONLOAD='{{x}}'>",
                   "templates/page.html:2: placeholder inside an on* event handler attribute");
}

static void refuses_unquoted_values(void **state)
{
    assert_refused("<div class={{c}}>",
                   "templates/page.html:1: placeholder in an unquoted attribute value (quote it)");
    assert_refused("<div class=x{{c}}>",
                   "templates/page.html:1: placeholder in an unquoted attribute value (quote it)");
}

static void refuses_tag_names(void **state)
{
    assert_refused("<{{t}}>", "templates/page.html:1: placeholder in a tag name");
    assert_refused("<h{{n}}>", "templates/page.html:1: placeholder in a tag name");
    assert_refused("</{{t}}>", "templates/page.html:1: placeholder in a tag name");
}

static void refuses_attribute_names(void **state)
{
    assert_refused("<div {{a}}=\"x\">", "templates/page.html:1: placeholder in an attribute name position");
    assert_refused("<div data-{{a}}=\"x\">", "templates/page.html:1: placeholder in an attribute name position");
    assert_refused("<div class=\"x\"{{a}}>", "templates/page.html:1: placeholder in an attribute name position");
}

static void refuses_comments(void **state)
{
    assert_refused("<!-- {{x}} -->", "templates/page.html:1: placeholder inside an HTML comment");
    assert_refused("<!-- a -- b --!{{x}} -->", "templates/page.html:1: placeholder inside an HTML comment");
    assert_refused("<!DOCTYPE {{x}}>", "templates/page.html:1: placeholder inside an HTML comment");
    /* "<!-->" is a whole comment; "--!>" ends one. */
    assert_string_equal(render("<!--><!-- a --!>{{x}}", ctx_with("x", "y"), "id"), "<!--><!-- a --!>y");
}

static void refuses_srcdoc(void **state)
{
    assert_refused("<iframe srcdoc=\"{{html}}\"></iframe>",
                   "templates/page.html:1: placeholder inside a srcdoc attribute");
}

static void raw_text_elements(void **state)
{
    tv *ctx = ctx_with("v", "</textarea><script>alert(1)</script>");
    assert_string_equal(render("<textarea name=\"t\">{{v}}</textarea>", ctx, "id"),
                        "<textarea name=\"t\">&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;</textarea>");
    /* Inside <textarea> a tag is text; what follows </textarea> is HTML again. */
    assert_refused("<textarea><a title=\"</textarea><script>{{x}}</script>\">",
                   "templates/page.html:1: placeholder inside <script>");
    assert_string_equal(render("<title>{{_ Beranda}} | {{v}}</title>", ctx_with("v", "<"), "en"),
                        "<title>Home | &lt;</title>");
}

static void svg_foreign_content(void **state)
{
    assert_string_equal(render("<svg><title>{{t}}</title><use href=\"#{{id}}\"/></svg><p>{{t}}</p>",
                               ctx_with("t", "<x>"), "id"),
                        "<svg><title>&lt;x&gt;</title><use href=\"#\"/></svg><p>&lt;x&gt;</p>");
    assert_refused("<svg><script>x</script></svg>",
                   "templates/page.html:1: <script> inside <svg> is not supported");
    assert_refused("<svg><title><b>x</b></title></svg>",
                   "templates/page.html:1: tags inside <svg><title> or <desc> are not supported");
    assert_refused("<math></math>", "templates/page.html:1: <math> is not supported");
    assert_refused("<svg>\n", "templates/page.html:2: the template ends inside <svg>");
}

static void refuses_code_urls(void **state)
{
    const char *msg = "templates/page.html:1: placeholder choosing the address of a <script src> or <base href>";
    assert_refused("<script src=\"{{u}}\"></script>", msg);
    assert_refused("<base href=\"{{u}}\">", msg);
    assert_refused("<script src=\"ht{{u}}\"></script>", msg);
    assert_string_equal(href("<script src=\"/static/app.js?v={{u}}\"></script>", "1&2"),
                        "<script src=\"/static/app.js?v=1&amp;2\"></script>");
    assert_string_equal(href("<script src=\"/{{u}}\"></script>", "/evil.example/x.js"),
                        "<script src=\"/#\"></script>");
    assert_string_equal(href("<link rel=\"stylesheet\" href=\"{{u}}\">", "/static/loket.css"),
                        "<link rel=\"stylesheet\" href=\"/static/loket.css\">");
}

static void refuses_meta_refresh_values(void **state)
{
    const char *msg = "placeholder in the content of a <meta http-equiv>";
    char expect[128];
    snprintf(expect, sizeof expect, "templates/page.html:1: %s", msg);
    assert_refused("<meta http-equiv=\"refresh\" content=\"0; url={{u}}\">", expect);
    snprintf(expect, sizeof expect, "templates/page.html:2: %s", msg);
    assert_refused("<meta content=\"0; url={{u}}\"\n HTTP-EQUIV=\"refresh\">", expect);
    assert_string_equal(href("<meta name=\"description\" content=\"{{u}}\">", "a\"b"),
                        "<meta name=\"description\" content=\"a&quot;b\">");
}

static void select_noscript_and_frameset(void **state)
{
    /* In <select> a browser drops <title> and parses what follows as HTML. */
    assert_refused("<select><title><script>x</script></title></select>",
                   "templates/page.html:1: only <script> and <textarea> of the raw-text elements are supported inside <select>");
    assert_string_equal(render("<select name=\"s\"><option>{{v}}</option></select><title>{{v}}</title>",
                               ctx_with("v", "<"), "id"),
                        "<select name=\"s\"><option>&lt;</option></select><title>&lt;</title>");
    assert_string_equal(render("<select><textarea>{{v}}</textarea><title>{{v}}</title>", ctx_with("v", "<"), "id"),
                        "<select><textarea>&lt;</textarea><title>&lt;</title>");
    assert_refused("<noscript>{{v}}</noscript>", "templates/page.html:1: placeholder inside <noscript>");
    assert_refused("<frameset></frameset>", "templates/page.html:1: <frameset> is not supported");
}

static void refuses_raw_output_syntax(void **state)
{
    const char *msg = "templates/page.html:1: no raw output: every value is escaped ({{{ }}} and {{& }} do not exist)";
    assert_refused("{{{html}}}", msg);
    assert_refused("{{& html}}", msg);
    assert_refused("{{=<% %>=}}", "templates/page.html:1: changing delimiters is not supported");
}

static void refuses_broken_syntax(void **state)
{
    assert_refused("a\n{{#a}}\nb", "templates/page.html:2: {{#a}} is never closed");
    assert_refused("{{/a}}", "templates/page.html:1: {{/a}} closes no section");
    assert_refused("{{#a}}\n{{^b}}{{/a}}", "templates/page.html:2: {{/a}} closes {{^b}} of line 2");
    assert_refused("x\n\n{{name", "templates/page.html:3: unterminated {{");
    assert_refused("{{a..b}}", "templates/page.html:1: invalid name 'a..b'");
    assert_refused("{{a b}}", "templates/page.html:1: invalid name 'a b'");
    assert_refused("{{}}", "templates/page.html:1: invalid name ''");
    assert_refused("{{a\nb\xff}}", "templates/page.html:1: invalid name 'a?b?'");
    assert_refused("{{/0123456789012345678901234567890123456789x}}",
                   "templates/page.html:1: {{/0123456789012345678901234567890123456789...}} closes no section");
    assert_refused("<p>\n<b", "templates/page.html:2: the template ends inside a tag");
    assert_refused("<a href=\"/{{#x}}\" title=\"{{/x}}\">",
                   "templates/page.html:1: the section {{#x}} of line 1 must end in the HTML context it starts in (it ends inside a tag)");
    assert_refused("<input {{#c}}checked{{/c}}x>",
                   "templates/page.html:1: inside a tag, a section tag must be followed by a space, '/' or '>'");
    const char *names[] = {"x", "x"}, *sources[] = {"", ""};
    assert_refused_set(names, sources, 2, "templates/x.html:1: template defined twice");
    assert_string_equal(render("a{{! a comment\n with {braces} }}b", NULL, "id"), "ab");
    assert_string_equal(render("", NULL, "id"), "");   /* found by fuzz_tmpl: no nodes */
    assert_refused("{{! one\ntwo }}\n<{{x}}>", "templates/page.html:3: placeholder in a tag name");
}

/* ---- URLs -------------------------------------------------------------------------- */


static void url_values_with_bad_schemes_become_hash(void **state)
{
    const char *a = "<a href=\"{{u}}\">";
    assert_string_equal(href(a, "javascript:alert(1)"), "<a href=\"#\">");
    assert_string_equal(href(a, "JaVaScRiPt:alert(1)"), "<a href=\"#\">");
    assert_string_equal(href(a, " javascript:alert(1)"), "<a href=\"#\">");
    assert_string_equal(href(a, "java\tscript:alert(1)"), "<a href=\"#\">");
    assert_string_equal(href(a, "java\x01script:alert(1)"), "<a href=\"#\">");
    assert_string_equal(href(a, "data:text/html;base64,PHNjcmlwdD4="), "<a href=\"#\">");
    assert_string_equal(href(a, "//evil.example/"), "<a href=\"#\">");
    assert_string_equal(href("<img src='{{u}}'>", "vbscript:x"), "<img src='#'>");
    assert_string_equal(href("<form action=\" {{u}}\">", "javascript:x"), "<form action=\" #\">");
    assert_string_equal(href("<button formaction=\"{{u}}\">", "javascript:x"), "<button formaction=\"#\">");
    assert_string_equal(href("<A HREF=\"{{u}}\">", "javascript:x"), "<A HREF=\"#\">");
    /* A literal start the value completes is checked as a whole. */
    assert_string_equal(href("<a href=\"java{{u}}\">", "script:alert(1)"), "<a href=\"java#\">");
    assert_string_equal(href("<a href=\"/{{u}}\">", "/evil.example"), "<a href=\"/#\">");
}

static void url_values_that_are_safe_are_kept(void **state)
{
    const char *a = "<a href=\"{{u}}\">";
    assert_string_equal(href(a, "https://oss.go.id/izin?a=1"), "<a href=\"https://oss.go.id/izin?a=1\">");
    assert_string_equal(href(a, "/path?a=1&b=2"), "<a href=\"/path?a=1&amp;b=2\">");
    assert_string_equal(href(a, "mailto:dpmptsp@example.go.id"), "<a href=\"mailto:dpmptsp@example.go.id\">");
    assert_string_equal(href(a, ""), "<a href=\"\">");
    assert_string_equal(href("<a href=\"/katalog/{{u}}\">", "javascript:x"), "<a href=\"/katalog/javascript:x\">");
    assert_string_equal(href("<a href=\"?q={{u}}\">", "a\"b"), "<a href=\"?q=a&quot;b\">");
    assert_string_equal(href("<a href=\"{{u}}/edit?id={{u}}\">", "x"), "<a href=\"x/edit?id=x\">");
    assert_string_equal(href("<a title=\"{{u}}\">", "javascript:x"), "<a title=\"javascript:x\">");
}

static void url_placeholders_that_cannot_be_checked_are_refused(void **state)
{
    const char *msg = "templates/page.html:1: placeholder in a URL attribute must come first or after a literal '/', '?' or '#'";
    assert_refused("<a href=\"{{a}}{{b}}\">", msg);
    assert_refused("<a href=\"{{#s}}{{a}}{{/s}}\">", msg);
    assert_refused("<a href=\"{{a}}:{{b}}\">",
                   "templates/page.html:1: after a placeholder in a URL, write '/', '?' or '#' before ':' or '&'");
    assert_refused("<a href=\"&#106;{{a}}\">", "templates/page.html:1: a character reference at the start of a URL");
}

static void embedded_templates_compile(void **state)
{
    char err[256];
    tmpl_set *set = tmpl_set_load(err, sizeof err);
    if (!set) fail_msg("%s", err);
    tmpl_set_free(set);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(escapes_hostile_text),
        cmocka_unit_test(escapes_attribute_breakouts),
        cmocka_unit_test(replaces_invalid_utf8),
        cmocka_unit_test(renders_scalars),
        cmocka_unit_test(values_keep_order_and_replace),
        cmocka_unit_test(null_value_hides_the_outer_key),
        cmocka_unit_test(section_over_list_of_maps_sees_outer_scope),
        cmocka_unit_test(section_over_strings_and_maps),
        cmocka_unit_test(falsy_values_and_inverted_sections),
        cmocka_unit_test(deep_nesting_walks_outward),
        cmocka_unit_test(conditional_attributes),
        cmocka_unit_test(partials_share_the_scope),
        cmocka_unit_test(cyclic_partials_are_refused),
        cmocka_unit_test(partial_chains_are_limited),
        cmocka_unit_test(unknown_partial_is_refused),
        cmocka_unit_test(partial_only_in_text),
        cmocka_unit_test(translations_in_both_languages),
        cmocka_unit_test(i18n_table),
        cmocka_unit_test(refuses_script),
        cmocka_unit_test(refuses_style),
        cmocka_unit_test(refuses_event_handlers),
        cmocka_unit_test(refuses_unquoted_values),
        cmocka_unit_test(refuses_tag_names),
        cmocka_unit_test(refuses_attribute_names),
        cmocka_unit_test(refuses_comments),
        cmocka_unit_test(refuses_srcdoc),
        cmocka_unit_test(raw_text_elements),
        cmocka_unit_test(svg_foreign_content),
        cmocka_unit_test(refuses_code_urls),
        cmocka_unit_test(refuses_meta_refresh_values),
        cmocka_unit_test(select_noscript_and_frameset),
        cmocka_unit_test(refuses_raw_output_syntax),
        cmocka_unit_test(refuses_broken_syntax),
        cmocka_unit_test(url_values_with_bad_schemes_become_hash),
        cmocka_unit_test(url_values_that_are_safe_are_kept),
        cmocka_unit_test(url_placeholders_that_cannot_be_checked_are_refused),
        cmocka_unit_test(embedded_templates_compile),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

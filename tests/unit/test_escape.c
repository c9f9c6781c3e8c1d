/* tests/unit/test_escape.c — unit tests of html/escape.c: HTML, URL and JSON escaping
 * and the URL allow-list.  Owner: HTML templates (src/html/). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include "html/escape.h"

typedef void (*escaper)(buf *, const char *, size_t);

static void check(escaper fn, const char *in, size_t len, const char *expect)
{
    buf b = BUF_INIT;
    fn(&b, in, len);
    assert_string_equal(buf_str(&b), expect);
    buf_free(&b);
}

#define HTML(in, expect) check(html_escape, in, sizeof in - 1, expect)

static void html_plain_text_is_unchanged(void **state)
{
    HTML("", "");
    HTML("Izin Usaha Mikro 2024", "Izin Usaha Mikro 2024");
    HTML("Rp 1.000 — é 日本 😀", "Rp 1.000 — é 日本 😀");
}

static void html_escapes_markup(void **state)
{
    HTML("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;");
    HTML("\" onmouseover=\"x", "&quot; onmouseover=&quot;x");
    HTML("it's", "it&#39;s");
    HTML("a & b", "a &amp; b");
    HTML("&amp;", "&amp;amp;");
}

static void html_replaces_invalid_utf8(void **state)
{
    HTML("\xff", "\xEF\xBF\xBD");
    HTML("a\xc3", "a\xEF\xBF\xBD");                               /* truncated */
    HTML("\xe2\x82z", "\xEF\xBF\xBDz");                          /* one maximal subpart */
    HTML("\xc0\xaf", "\xEF\xBF\xBD\xEF\xBF\xBD");                /* overlong '/' */
    HTML("\xed\xa0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"); /* surrogate */
    HTML("\xf4\x90\x80\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"); /* > U+10FFFF */
    HTML("\x80<", "\xEF\xBF\xBD&lt;");
    HTML("\xEF\xBF\xBD", "\xEF\xBF\xBD");                         /* a real U+FFFD stays */
}

static void html_drops_control_characters(void **state)
{
    HTML("a\x01" "b\x7f\tc\nd\re", "ab\tc\nd\re");
    HTML("a\xc2\x85" "b", "ab");                                  /* C1 NEL */
    HTML("a\0b", "ab");                                           /* NUL inside len */
}

static void url_encode_keeps_only_unreserved(void **state)
{
    check(url_encode, "a b&c=d/é~-._", strlen("a b&c=d/é~-._"), "a%20b%26c%3Dd%2F%C3%A9~-._");
    check(url_encode, "", 0, "");
}

static void json_escape_makes_a_safe_literal(void **state)
{
    check(json_escape, "", 0, "\"\"");
    const char in[] = "a\"b\\c\n\t\x01</script>&'";
    check(json_escape, in, sizeof in - 1,
          "\"a\\\"b\\\\c\\n\\t\\u0001\\u003C/script\\u003E\\u0026\\u0027\"");
    check(json_escape, "\xff\xe2\x80\xa8z", 5, "\"\xEF\xBF\xBD\\u2028z\"");
    check(json_escape, "é日", strlen("é日"), "\"é日\"");
}

static void url_allow_list(void **state)
{
    static const char *const safe[] = {
        "", "/", "/path?a=1&b=2", "?q=izin", "#main", "katalog/izin-usaha", "./x", "../x",
        "page-2", "https://oss.go.id/", "HTTP://example.org", "mailto:dpmptsp@example.go.id",
        "tel:+62717", "  /x", "1x:y", "a b:c",
    };
    static const char *const unsafe[] = {
        "javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)",
        "\tjavascript:alert(1)", "java\tscript:alert(1)", "java\nscript:alert(1)",
        "java\x01script:x", "\x01javascript:x", "java\xc2\x85script:x",
        "data:text/html,<script>alert(1)</script>", "vbscript:msgbox", "file:///etc/passwd",
        "//evil.example/", "/\\evil.example", "\\\\evil.example", "/\t/evil.example",
        " //evil.example", "ftp://example.org", "httpx://a", "https2:x",
    };
    for (size_t i = 0; i < sizeof safe / sizeof safe[0]; i++)
        if (!url_is_safe(safe[i])) fail_msg("refused safe URL '%s'", safe[i]);
    for (size_t i = 0; i < sizeof unsafe / sizeof unsafe[0]; i++)
        if (url_is_safe(unsafe[i])) fail_msg("allowed unsafe URL '%s'", unsafe[i]);
    assert_false(url_is_safe(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(html_plain_text_is_unchanged),
        cmocka_unit_test(html_escapes_markup),
        cmocka_unit_test(html_replaces_invalid_utf8),
        cmocka_unit_test(html_drops_control_characters),
        cmocka_unit_test(url_encode_keeps_only_unreserved),
        cmocka_unit_test(json_escape_makes_a_safe_literal),
        cmocka_unit_test(url_allow_list),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

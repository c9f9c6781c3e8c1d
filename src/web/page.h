/* web/page.h — rendering a page inside the shared layout, and error pages.
 *
 * Every HTML page goes through page_new() + page_send(): page_new() fills the layout's
 * values (language, portal name, navigation, the language switch, the stylesheet's
 * fingerprinted address) and page_send() renders the named template, which includes
 * {{>header}} and {{>footer}} itself. */
#ifndef LOKET_WEB_PAGE_H
#define LOKET_WEB_PAGE_H
#include "html/tmpl.h"
#include "http/http.h"
#include "util/err.h"
#include "web/app.h"

#define APP(r) ((app *)(r)->app)

/* The page language for this request: ?lang=, else the "lang" cookie, else Accept-Language
 * is ignored on purpose (Indonesian is the default), so "id" or "en". */
const char *page_lang(req *r);
/* Translated phrase in the request's language (borrowed, static). */
const char *page_t(req *r, const char *phrase);

/* A new page context with the layout values set; `title` is an Indonesian phrase and is
 * translated.  `nav` names the active menu entry ("home", "katalog", ...). */
tv *page_new(req *r, const char *title, const char *nav);
/* Renders `template` with ctx and sends it with `status`. */
void page_send(req *r, int status, const char *template_name, tv *ctx);
/* An error page: status and a reason in words (Indonesian; translated when possible). */
void page_error(req *r, int status, const char *reason);
/* Maps an error code to its page (404 for NOTFOUND, 503 for BUSY, 500 otherwise ...). */
void page_fail(req *r, lk_err e);

/* Dates in the page's language: "22 November 2026 pukul 20.18 WIB" / "… at 20:18 WIB" for
 * an ISO moment, "22 Maret 1995" / "22 March 1995" for a calendar date (the text itself
 * when it does not parse). */
const char *page_datetime(req *r, const char *iso);
const char *page_date(req *r, const char *ymd);
/* "{n} permohonan" with n, in the page's language and with the English plural form: the
 * translation of `phrase` may hold "singular|plural" ("{n} application|{n} applications"). */
const char *page_count(req *r, long long n, const char *phrase);

/* The fingerprinted address of an embedded static file: "/static/loket.css?v=3f2a…". */
const char *static_url(const char *name);

#endif

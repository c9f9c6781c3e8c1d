/* web/routes.c — the map from addresses to handlers.  Read this file to find the code
 * behind any page. */
#include "web/app.h"
#include "web/handlers.h"
#include "web/page.h"

void web_routes(http_router *rt)
{
    http_router_on_error(rt, page_error);

    http_route(rt, "GET", "/", handle_home);
    http_route(rt, "GET", "/healthz", handle_health);
    http_route(rt, "GET", "/bahasa/:lang", handle_language);
    http_route(rt, "GET", "/static/*", handle_static);

    /* Public service catalogue (SPEC 3). */
    http_route(rt, "GET", "/katalog", handle_katalog);
    http_route(rt, "GET", "/katalog/:instansi", handle_katalog_instansi);
    http_route(rt, "GET", "/katalog/:instansi/:izin", handle_jenis_izin);
    http_route(rt, "GET", "/formulir/:id", handle_blank_form);

    /* JSON API v1. */
    http_route(rt, "GET", "/api/v1/wilayah", handle_api_wilayah);

    /* Applicant accounts arrive with the accounts feature; until then these say so. */
    http_route(rt, "GET", "/login", handle_not_open_yet);
    http_route(rt, "GET", "/registrasi", handle_not_open_yet);
}

int web_init(void)
{
    return web_static_init();
}

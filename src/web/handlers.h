/* web/handlers.h — every HTTP handler of the web interface and the JSON API, by file.
 * web/routes.c maps addresses to them. */
#ifndef LOKET_WEB_HANDLERS_H
#define LOKET_WEB_HANDLERS_H
#include "http/http.h"

/* web/static.c */
int web_static_init(void);
void handle_static(req *r);

/* web/home.c */
void handle_home(req *r);
void handle_language(req *r);
void handle_health(req *r);
void handle_not_open_yet(req *r);

/* web/katalog.c */
void handle_katalog(req *r);
void handle_katalog_instansi(req *r);
void handle_jenis_izin(req *r);
void handle_blank_form(req *r);

/* web/api_wilayah.c */
void handle_api_wilayah(req *r);

#endif

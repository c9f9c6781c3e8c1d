/* web/access.h — who may call a route: the access rule every route of web/routes.c
 * carries, the guard that enforces it before the handler runs, and the table as JSON for
 * `loket routes --json` (which the authorization matrix test reads).
 *
 * A rule names who may call (anyone, any logged-in account, an applicant, an officer
 * holding one of some roles) and, for addresses with ids, which table the first id
 * names.  An id is then limited by ownership: an applicant reaches only their own rows,
 * an officer only their own instansi's; anything else answers 404, as if it did not
 * exist.  The guard checks who; the handler's queries check the ids (they carry the
 * applicant's account or the officer's instansi).  Handlers keep their own guard as a
 * second line. */
#ifndef LOKET_WEB_ACCESS_H
#define LOKET_WEB_ACCESS_H
#include "http/http.h"
#include "util/buf.h"

typedef enum {
    WHO_PUBLIC,     /* anyone, logged in or not */
    WHO_LOGIN,      /* any logged-in, active account that has set its own password */
    WHO_LOGIN_ANY,  /* also one still holding its one-time password: the change page only */
    WHO_PEMOHON,    /* an applicant */
    WHO_PETUGAS,    /* an officer holding one of `roles` (0 = any officer) */
} web_who;

typedef struct {
    web_who who;
    unsigned roles;         /* role_bit values (domain/akun/account.h), WHO_PETUGAS only */
    const char *object;     /* the table the address's first id names ("permohonan"), or
                             * NULL when the address names no object */
    int cached;             /* WHO_PUBLIC and WHO_PEMOHON: answered through web/public_cache.c */
} web_access;

/* The rules, for routes.c: ROUTE(GET, "/petugas/x/:id", handler, PETUGAS(ROLE_X, "permohonan")). */
#define PUBLIC ((web_access){.who = WHO_PUBLIC})
#define PUBLIC_OBJ(table) ((web_access){.who = WHO_PUBLIC, .object = (table)})
/* Public pages that are the same for every anonymous visitor of a language: rendered
 * once per change of their data (web/public_cache.h). */
#define PUBLIC_CACHED ((web_access){.who = WHO_PUBLIC, .cached = 1})
#define LOGIN ((web_access){.who = WHO_LOGIN})
/* The password change itself, which a one-time password must still reach. */
#define LOGIN_ONE_TIME ((web_access){.who = WHO_LOGIN_ANY})
/* The owning applicant, or an officer of the instansi the object belongs to. */
#define LOGIN_OBJ(table) ((web_access){.who = WHO_LOGIN, .object = (table)})
#define PEMOHON ((web_access){.who = WHO_PEMOHON})
#define PEMOHON_OWN(table) ((web_access){.who = WHO_PEMOHON, .object = (table)})
/* An applicant's GET page that shows only their own rows and public data (domain/akun/
 * pemohon_version.h lists which): kept per session while none of that changes
 * (web/public_cache.h). */
#define PEMOHON_CACHED ((web_access){.who = WHO_PEMOHON, .cached = 1})
#define PEMOHON_OWN_CACHED(table) ((web_access){.who = WHO_PEMOHON, .object = (table), .cached = 1})
#define PETUGAS(role_bits, table) ((web_access){.who = WHO_PETUGAS, .roles = (role_bits), .object = (table)})

/* Registers a route with its rule.  The rule is a required argument, so a route cannot
 * be added without one (routes.c poisons the plain http_route). */
void web_route(http_router *rt, const char *method, const char *pattern, http_handler h, web_access rule);

/* The guard for http_router_on_guard: sends the log-in redirect or a 403 page and
 * returns 0 when the rule refuses the caller. */
int web_access_guard(req *r, const void *rule);

/* Appends the routes registered so far as a JSON array of
 * {"method","path","who","roles":[role keys],"object"} in registration order. */
void web_routes_json(buf *out);

/* Frees the table (at exit). */
void web_routes_free(void);

#endif

/* web/app.h — what every web handler shares: the store, the templates and the settings
 * the pages need.  Built once by `loket serve` (cli/cmd_serve.c) and read-only after. */
#ifndef LOKET_WEB_APP_H
#define LOKET_WEB_APP_H
#include "html/tmpl.h"
#include "http/http.h"
#include "store/store.h"

struct mailer;
struct wilayah_cache;
struct izin_keyring;
struct ratelimit;
struct inbox_cache;

typedef struct {
    store *db;
    tmpl_set *tmpl;
    const char *data_dir;      /* absolute or relative to the working folder */
    const char *base_url;      /* "https://izin.example.go.id", no trailing slash */
    struct mailer *mail;       /* the outbox sender; wake it after queueing mail */
    unsigned max_upload_mb;    /* the largest file the HTTP layer accepts, for hints */
    struct wilayah_cache *wilayah;   /* regions in memory for the pickers' API, refreshed
                                      * when the database's copy changes */
    /* Operations (issue 11): /metrics answers only when on, and only to loopback clients
     * that did not come through a proxy. */
    int metrics_on;
    unsigned visitor_mails_per_client;  /* visitors' mails per client address and hour */
    /* Permits: public keys in memory (verification without the database) and the
     * throttle of the verification pages. */
    struct izin_keyring *izin_keys;
    struct ratelimit *verify_limit;
    /* Public pages rendered once per change of their data (web/public_cache.h); NULL:
     * every page is rendered per request. */
    struct public_cache *public_pages;
    /* Officers' inbox pages kept until they can have changed (web/inbox_cache.h); NULL:
     * read per request. */
    struct inbox_cache *inbox_pages;
    /* Electronic signatures of permit PDFs: the signer configuration (izin_tte.h). */
    const struct izin_tte_config *tte;
} app;

/* Registers every route of the web interface and the JSON API. */
void web_routes(http_router *rt);

/* Prepares what the handlers need at start-up (asset fingerprints); 0 or -1. */
int web_init(void);

#endif

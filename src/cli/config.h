/* cli/config.h — Loket's configuration (SPEC 7): the command line wins over the
 * environment, which wins over the configuration file, which wins over the defaults.
 * The file is /etc/loket/loket.conf when it exists, or the one named by --config FILE
 * (or LOKET_CONFIG); its keys are the environment's names, one "KEY=value" a line
 * ('#' starts a comment line; a value may be wrapped in double quotes).
 * Operations scripts depend on these names:
 *   --data DIR        LOKET_DATA      data folder (default ./data)
 *   --db URL          LOKET_DB        SQLite file path or postgresql:// URL
 *                                     (default DATA/loket.db)
 *   --listen H:P      LOKET_LISTEN    serve: address to listen on (default 127.0.0.1:8080)
 *   --base-url URL    LOKET_BASE_URL  public address used in links and QR codes
 *   --threads N       LOKET_THREADS   serve: worker threads (default 2 per core, >= 4)
 *   --wilayah DIR     LOKET_WILAYAH_DIR  import-wilayah: folder of idn-area-data CSVs
 *                     LOKET_SMTP_URL  mail server (smtp://host:port); unset: .eml files
 *                     LOKET_MAIL_FROM sender address of mails (default loket@localhost.localdomain)
 *                     LOKET_MAX_UPLOAD_MB  largest accepted file (default 5)
 *                     LOKET_ACCESS_LOG  on | off (default on)
 *                     LOKET_METRICS   /metrics: off | loopback (default off)
 *                     LOKET_INBOX_CACHE  on | off (default on): officers' inbox pages
 *                                     kept until they can have changed (web/inbox_cache.h)
 *                     LOKET_PEMOHON_CACHE  on | off (default on): applicants' own pages
 *                                     kept per session until they can have changed
 *                                     (web/public_cache.h)
 *                     LOKET_TRUSTED_PROXIES  addresses of reverse proxies whose
 *                                     X-Forwarded-For is believed (e.g. 127.0.0.1)
 *                     LOKET_REFRESH_S seconds between checks for changed shared data
 *                                     such as the regions (default 10)
 *                     LOKET_MAX_CONN_PER_IP  connections per client address (default 64)
 *                     LOKET_HEADER_TIMEOUT   seconds for a request's headers (default 10)
 *                     LOKET_VISITOR_MAILS    mails (reset, registration) one client address
 *                                     may trigger per hour (default 30; a front desk
 *                                     registering walk-in applicants shares one address)
 *                     LOKET_VERIFY_PER_MINUTE  permit verifications per client address and
 *                                     minute (default 60; bursts of 30 or half the rate)
 *                     LOKET_TTE_URL   the signing service of permit PDFs (Esign client API
 *                                     shape, docs/tte.md); unset: each signer's own
 *                                     certificate (the local signer)
 *                     LOKET_TTE_USER, LOKET_TTE_PASSWORD  its HTTP basic credentials
 *                     LOKET_TTE_TIMEOUT  seconds per request to it (default 20)
 *                     LOKET_TTE_REQUIRED  on | off (default off): on refuses to issue a
 *                                     permit whose PDF cannot be signed electronically
 *                     LOKET_TTE_TSA_URL  a timestamp authority (RFC 3161 over HTTP): each
 *                                     signature gets its timestamp (PAdES B-T)
 *                     LOKET_TTE_TSA_CA   the PEM file of the certificates its tokens must
 *                                     chain to (required with LOKET_TTE_TSA_URL)
 *                     LOKET_TTE_TSA_USER, LOKET_TTE_TSA_PASSWORD  its HTTP basic credentials
 *                     LOKET_TTE_TSA_TIMEOUT  seconds per request to it (default 10)
 * A bad value stops the program with one line naming the key and what was expected, and
 * for the file also the file and line. */
#ifndef LOKET_CONFIG_H
#define LOKET_CONFIG_H

#define CONFIG_DEFAULT_FILE "/etc/loket/loket.conf"

typedef enum { METRICS_OFF, METRICS_LOOPBACK } metrics_mode;

typedef struct {
    char config_file[1024];    /* the file read, "" if none */
    char data_dir[1024];
    char db_url[1024];
    char listen[256];
    char base_url[512];
    char wilayah_dir[1024];
    char smtp_url[512];
    char mail_from[256];
    char trusted_proxies[512];
    unsigned threads;          /* 0 = default */
    unsigned max_upload_mb;
    unsigned refresh_s;
    int access_log;            /* 1 on, 0 off */
    int inbox_cache;           /* 1 on, 0 off: every inbox page read from the database */
    int pemohon_cache;         /* 1 on, 0 off: every applicant page rendered anew */
    metrics_mode metrics;
    /* the connection guard and visitor mail limits (docs/SECURITY.md) */
    unsigned max_conns_per_ip;
    unsigned header_timeout_s;
    unsigned visitor_mails_per_client;
    unsigned verify_per_minute;   /* permit verifications per address and minute */
    /* Performance (issue 12): log-ins waiting for the hashing pool; 0 = the default. */
    unsigned login_queue;
    /* The longest expected wait for a hashing worker a log-in is admitted to; 0 = default. */
    unsigned login_wait_ms;
    /* Electronic signatures on permits (domain/izin/izin_tte.h, docs/tte.md) */
    char tte_url[512];         /* the remote signing service; "" = the local signer */
    char tte_user[256];
    char tte_password[256];
    unsigned tte_timeout_s;
    int tte_required;          /* 1: no permit without a PAdES signature */
    /* Baseline B-T: the timestamp authority (RFC 3161 over HTTP) and its trust bundle */
    char tte_tsa_url[512];     /* "" = no timestamp */
    char tte_tsa_user[256];
    char tte_tsa_password[256];
    unsigned tte_tsa_timeout_s;
    char tte_tsa_ca[1024];     /* PEM file of the certificates a TSA must chain to */
} config;

/* Fills cfg from defaults, the configuration file and the environment, then applies the
 * options in argv (argv[0] is the subcommand; recognised options are removed, leaving
 * the rest in *argc/argv).  On a bad value prints "loket: [FILE:LINE: ]KEY: ..." and
 * returns -1. */
int config_load(config *cfg, int *argc, char **argv);
/* How many argv entries the global option at argv[0] uses: 1 ("--data=DIR", a flag),
 * 2 ("--data DIR"), or 0 if it is not an option config_load knows. */
int config_option_width(const char *arg);
/* Creates the data folder and its sub-folders (tmp/, forms/, files/, mail/). */
int config_prepare_data_dir(const config *cfg);

#endif

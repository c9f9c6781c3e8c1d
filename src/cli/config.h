/* cli/config.h — Loket's configuration: command-line options over environment variables
 * over defaults (SPEC 7).  Operations scripts depend on these names:
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
 *                     LOKET_VERIFY_PER_MINUTE  permit verifications per client address and
 *                                     minute (default 60; bursts of 30 or half the rate)
 * A bad value stops the program with one line naming the key and what was expected. */
#ifndef LOKET_CONFIG_H
#define LOKET_CONFIG_H

typedef struct {
    char data_dir[1024];
    char db_url[1024];
    char listen[256];
    char base_url[512];
    char wilayah_dir[1024];
    char smtp_url[512];
    char mail_from[256];
    unsigned threads;          /* 0 = default */
    unsigned max_upload_mb;
    unsigned verify_per_minute;   /* permit verifications per address and minute */
} config;

/* Fills cfg from defaults and the environment, then applies the options in argv
 * (argv[0] is the subcommand; recognised options are removed, leaving the rest in
 * *argc/argv).  On a bad value prints "loket: KEY: ..." and returns -1. */
int config_load(config *cfg, int *argc, char **argv);
/* Creates the data folder and its sub-folders (tmp/, forms/, files/, mail/). */
int config_prepare_data_dir(const config *cfg);

#endif

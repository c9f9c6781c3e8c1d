/* cli/config.c — reads the configuration file, the environment and the options into a
 * config (see config.h).  One table lists every key once: its environment name (also
 * its name in the file), its option, the kind of value and where it goes. */
#include "cli/config.h"
#include "util/text.h"
#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef enum { V_TEXT, V_ADDRESSES, V_DB, V_LISTEN, V_HTTP_URL, V_SMTP_URL, V_EMAIL, V_UINT, V_ONOFF, V_METRICS } value_kind;

typedef struct {
    const char *env;           /* environment variable and key in the file */
    const char *option;        /* "" when there is no option */
    value_kind kind;
    size_t offset;             /* into config */
    size_t cap;                /* V_* text kinds: the field's size */
    unsigned min, max;         /* V_UINT */
} key_def;

#define TEXT_AT(field) offsetof(config, field), sizeof(((config *)0)->field)
static const key_def KEYS[] = {
    {"LOKET_DATA", "--data", V_TEXT, TEXT_AT(data_dir), 0, 0},
    {"LOKET_DB", "--db", V_DB, TEXT_AT(db_url), 0, 0},
    {"LOKET_LISTEN", "--listen", V_LISTEN, TEXT_AT(listen), 0, 0},
    {"LOKET_BASE_URL", "--base-url", V_HTTP_URL, TEXT_AT(base_url), 0, 0},
    {"LOKET_THREADS", "--threads", V_UINT, offsetof(config, threads), 0, 1, 256},
    {"LOKET_WILAYAH_DIR", "--wilayah", V_TEXT, TEXT_AT(wilayah_dir), 0, 0},
    {"LOKET_SMTP_URL", "", V_SMTP_URL, TEXT_AT(smtp_url), 0, 0},
    {"LOKET_MAIL_FROM", "", V_EMAIL, TEXT_AT(mail_from), 0, 0},
    {"LOKET_MAX_UPLOAD_MB", "", V_UINT, offsetof(config, max_upload_mb), 0, 1, 1024},
    {"LOKET_ACCESS_LOG", "", V_ONOFF, offsetof(config, access_log), 0, 0, 0},
    {"LOKET_INBOX_CACHE", "", V_ONOFF, offsetof(config, inbox_cache), 0, 0, 0},
    {"LOKET_PEMOHON_CACHE", "", V_ONOFF, offsetof(config, pemohon_cache), 0, 0, 0},
    {"LOKET_METRICS", "", V_METRICS, offsetof(config, metrics), 0, 0, 0},
    {"LOKET_REFRESH_S", "", V_UINT, offsetof(config, refresh_s), 0, 1, 3600},
    {"LOKET_TRUSTED_PROXIES", "", V_ADDRESSES, TEXT_AT(trusted_proxies), 0, 0},
    /* the connection guard and visitor mail limits (docs/SECURITY.md) */
    {"LOKET_MAX_CONN_PER_IP", "", V_UINT, offsetof(config, max_conns_per_ip), 0, 0, 100000},
    {"LOKET_HEADER_TIMEOUT", "", V_UINT, offsetof(config, header_timeout_s), 0, 1, 3600},
    {"LOKET_VISITOR_MAILS", "", V_UINT, offsetof(config, visitor_mails_per_client), 0, 1, 1000000},
    /* Permits: how often one address may verify a permit code. */
    {"LOKET_VERIFY_PER_MINUTE", "", V_UINT, offsetof(config, verify_per_minute), 0, 1, 10000000},
    /* Performance (issue 12): password checks that may wait for the hashing pool. */
    {"LOKET_LOGIN_QUEUE", "", V_UINT, offsetof(config, login_queue), 0, 1, 100000},
    {"LOKET_LOGIN_WAIT_MS", "", V_UINT, offsetof(config, login_wait_ms), 0, 1, 60000},
    /* Electronic signatures on permits (docs/tte.md): the remote signing service. */
    {"LOKET_TTE_URL", "", V_HTTP_URL, TEXT_AT(tte_url), 0, 0},
    {"LOKET_TTE_USER", "", V_TEXT, TEXT_AT(tte_user), 0, 0},
    {"LOKET_TTE_PASSWORD", "", V_TEXT, TEXT_AT(tte_password), 0, 0},
    {"LOKET_TTE_TIMEOUT", "", V_UINT, offsetof(config, tte_timeout_s), 0, 1, 600},
    {"LOKET_TTE_REQUIRED", "", V_ONOFF, offsetof(config, tte_required), 0, 0, 0},
    /* Baseline B-T (docs/tte.md): the timestamp authority of the signatures. */
    {"LOKET_TTE_TSA_URL", "", V_HTTP_URL, TEXT_AT(tte_tsa_url), 0, 0},
    {"LOKET_TTE_TSA_USER", "", V_TEXT, TEXT_AT(tte_tsa_user), 0, 0},
    {"LOKET_TTE_TSA_PASSWORD", "", V_TEXT, TEXT_AT(tte_tsa_password), 0, 0},
    {"LOKET_TTE_TSA_TIMEOUT", "", V_UINT, offsetof(config, tte_tsa_timeout_s), 0, 1, 120},
    {"LOKET_TTE_TSA_CA", "", V_TEXT, TEXT_AT(tte_tsa_ca), 0, 0},
};
enum { KEY_COUNT = sizeof KEYS / sizeof *KEYS };

static int fail(const char *where, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(const char *where, const char *fmt, ...)
{
    char msg[1400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fprintf(stderr, "loket: %s: %s\n", where, msg);
    return -1;
}

static int set_text(config *cfg, const key_def *k, const char *where, const char *v)
{
    char *dst = (char *)cfg + k->offset;
    if (strlen(v) >= k->cap) return fail(where, "value too long (at most %zu characters)", k->cap - 1);
    memcpy(dst, v, strlen(v) + 1);
    return 0;
}

static int has_scheme(const char *v, const char *const *schemes)
{
    for (const char *const *s = schemes; *s; s++)
        if (strncmp(v, *s, strlen(*s)) == 0 && v[strlen(*s)] && !strpbrk(v, " \t\r\n")) return 1;
    return 0;
}

/* Applies one key's value; `where` names it in errors ("--db", "LOKET_DB",
 * "/etc/loket/loket.conf:3: LOKET_DB"). */
static int apply(config *cfg, const key_def *k, const char *where, const char *v)
{
    static const char *const http_schemes[] = {"http://", "https://", NULL};
    static const char *const smtp_schemes[] = {"smtp://", "smtps://", NULL};
    if (!v || !*v) return fail(where, "expected a value, got nothing");
    int64_t n;
    switch (k->kind) {
    case V_LISTEN: {
        const char *colon = strrchr(v, ':');
        if (!colon || colon == v || parse_int64(colon + 1, 1, 65535, &n) != 0)
            return fail(where, "expected HOST:PORT with a port 1-65535 (e.g. 127.0.0.1:8080), got \"%s\"", v);
        return set_text(cfg, k, where, v);
    }
    case V_DB: {
        /* A URL is PostgreSQL's; anything else is a SQLite file path. */
        static const char *const pg_schemes[] = {"postgresql://", "postgres://", NULL};
        if (strstr(v, "://") && !has_scheme(v, pg_schemes))
            return fail(where, "expected a SQLite file path or a URL starting with postgresql://, got \"%s\"", v);
        return set_text(cfg, k, where, v);
    }
    case V_ADDRESSES: {
        /* IP addresses separated by commas; names are refused (no lookups per request). */
        char one[64];
        for (const char *p = v; *p;) {
            size_t len = strcspn(p, ", ");
            unsigned char bin[16];
            if (len == 0 || len >= sizeof one) return fail(where, "expected IP addresses separated by commas, got \"%s\"", v);
            memcpy(one, p, len);
            one[len] = '\0';
            if (inet_pton(AF_INET, one, bin) != 1 && inet_pton(AF_INET6, one, bin) != 1)
                return fail(where, "\"%s\" is not an IP address (expected e.g. 127.0.0.1,::1)", one);
            p += len;
            p += strspn(p, ", ");
        }
        return set_text(cfg, k, where, v);
    }
    case V_HTTP_URL:
        if (!has_scheme(v, http_schemes)) return fail(where, "expected a URL starting with http:// or https://, got \"%s\"", v);
        return set_text(cfg, k, where, v);
    case V_SMTP_URL:
        if (!has_scheme(v, smtp_schemes)) return fail(where, "expected a URL starting with smtp:// or smtps://, got \"%s\"", v);
        return set_text(cfg, k, where, v);
    case V_EMAIL:
        if (!strchr(v, '@') || strpbrk(v, " <>\r\n"))
            return fail(where, "expected an email address such as noreply@dpmptsp.example.go.id, got \"%s\"", v);
        return set_text(cfg, k, where, v);
    case V_UINT:
        if (parse_int64(v, k->min, k->max, &n) != 0)
            return fail(where, "expected a whole number from %u to %u, got \"%s\"", k->min, k->max, v);
        *(unsigned *)((char *)cfg + k->offset) = (unsigned)n;
        return 0;
    case V_ONOFF:
        if (strcmp(v, "on") != 0 && strcmp(v, "off") != 0) return fail(where, "expected on or off, got \"%s\"", v);
        *(int *)((char *)cfg + k->offset) = strcmp(v, "on") == 0;
        return 0;
    case V_METRICS:
        if (strcmp(v, "off") != 0 && strcmp(v, "loopback") != 0)
            return fail(where, "expected off or loopback, got \"%s\"", v);
        *(metrics_mode *)((char *)cfg + k->offset) = strcmp(v, "off") == 0 ? METRICS_OFF : METRICS_LOOPBACK;
        return 0;
    case V_TEXT:
        return set_text(cfg, k, where, v);
    }
    return -1;
}

static const key_def *key_by_env(const char *name)
{
    for (size_t i = 0; i < KEY_COUNT; i++)
        if (strcmp(KEYS[i].env, name) == 0) return &KEYS[i];
    return NULL;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t') s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n')) s[--n] = '\0';
    return s;
}

/* Reads "KEY=value" lines.  `required`: a missing file is an error (it was named);
 * otherwise a missing default file is simply not there. */
static int read_file(config *cfg, const char *path, int required)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        if (!required && errno == ENOENT) return 0;
        return fail(path, "cannot read the configuration file: %s", strerror(errno));
    }
    snprintf(cfg->config_file, sizeof cfg->config_file, "%s", path);
    int first_line[KEY_COUNT] = {0};
    char line[4096], where[1200];
    int rc = 0;
    for (int lineno = 1; rc == 0 && fgets(line, sizeof line, f); lineno++) {
        snprintf(where, sizeof where, "%s:%d", path, lineno);
        if (!strchr(line, '\n') && !feof(f)) {
            rc = fail(where, "line too long (at most %zu bytes)", sizeof line - 2);
            break;
        }
        char *s = trim(line);
        if (!*s || *s == '#') continue;
        char *eq = strchr(s, '=');
        if (!eq) {
            rc = fail(where, "expected KEY=value, got \"%s\"", s);
            break;
        }
        *eq = '\0';
        char *name = trim(s), *value = trim(eq + 1);
        size_t vl = strlen(value);
        if (vl >= 2 && value[0] == '"' && value[vl - 1] == '"') {
            value[vl - 1] = '\0';
            value++;
        }
        snprintf(where, sizeof where, "%s:%d: %s", path, lineno, name);
        const key_def *k = key_by_env(name);
        if (!k) {
            char known[600] = "";
            for (size_t i = 0; i < KEY_COUNT; i++)
                snprintf(known + strlen(known), sizeof known - strlen(known), "%s%s", i ? ", " : "", KEYS[i].env);
            rc = fail(where, "unknown key (known: %s)", known);
            break;
        }
        int idx = (int)(k - KEYS);
        if (first_line[idx]) {
            rc = fail(where, "set twice (first on line %d)", first_line[idx]);
            break;
        }
        first_line[idx] = lineno;
        if (!utf8_valid(value, strlen(value))) rc = fail(where, "the value is not valid UTF-8");
        else if (*value) rc = apply(cfg, k, where, value);   /* KEY= leaves the default */
    }
    if (rc == 0 && ferror(f)) rc = fail(path, "cannot read the configuration file: %s", strerror(errno));
    fclose(f);
    return rc;
}

int config_option_width(const char *arg)
{
    if (strcmp(arg, "--config") == 0) return 2;
    if (strncmp(arg, "--config=", 9) == 0) return 1;
    for (size_t i = 0; i < KEY_COUNT; i++) {
        size_t n = strlen(KEYS[i].option);
        if (!n || strncmp(arg, KEYS[i].option, n) != 0) continue;
        if (arg[n] == '\0') return 2;
        if (arg[n] == '=') return 1;
    }
    return 0;
}

/* The file named by --config in argv (removed from it), else LOKET_CONFIG. */
static int take_config_option(int *argc, char **argv, const char **path)
{
    int out = 1;
    for (int i = 1; i < *argc; i++) {
        if (strcmp(argv[i], "--config") == 0) {
            if (i + 1 >= *argc) return fail("--config", "expected a file after it");
            *path = argv[++i];
        } else if (strncmp(argv[i], "--config=", 9) == 0) {
            *path = argv[i] + 9;
        } else {
            argv[out++] = argv[i];
        }
    }
    *argc = out;
    argv[out] = NULL;
    if (*path && !**path) return fail("--config", "expected a file, got nothing");
    return 0;
}

int config_load(config *cfg, int *argc, char **argv)
{
    memset(cfg, 0, sizeof *cfg);
    strcpy(cfg->data_dir, "./data");
    strcpy(cfg->listen, "127.0.0.1:8080");
    strcpy(cfg->wilayah_dir, "node_modules/idn-area-data/data");
    strcpy(cfg->mail_from, "loket@localhost.localdomain");
    cfg->max_upload_mb = 5;
    cfg->refresh_s = 10;
    cfg->verify_per_minute = 60;
    cfg->tte_timeout_s = 20;
    cfg->tte_tsa_timeout_s = 10;
    cfg->access_log = 1;
    cfg->inbox_cache = 1;
    cfg->pemohon_cache = 1;
    cfg->metrics = METRICS_OFF;
    cfg->max_conns_per_ip = 64;
    cfg->header_timeout_s = 10;
    cfg->visitor_mails_per_client = 30;

    /* The file first, the environment over it, the options over both. */
    const char *file = NULL;
    if (take_config_option(argc, argv, &file) != 0) return -1;
    const char *env_file = getenv("LOKET_CONFIG");
    if (!file && env_file && *env_file) file = env_file;
    if (read_file(cfg, file ? file : CONFIG_DEFAULT_FILE, file != NULL) != 0) return -1;

    for (size_t i = 0; i < KEY_COUNT; i++) {
        const char *v = getenv(KEYS[i].env);
        if (v && *v && apply(cfg, &KEYS[i], KEYS[i].env, v) != 0) return -1;
    }
    /* Options: "--key value" or "--key=value". */
    int out = 1;
    for (int i = 1; i < *argc; i++) {
        const char *arg = argv[i];
        const key_def *k = NULL;
        const char *val = NULL;
        for (size_t j = 0; j < KEY_COUNT && !k; j++) {
            size_t n = strlen(KEYS[j].option);
            if (!n || strncmp(arg, KEYS[j].option, n) != 0) continue;
            if (arg[n] == '=') { k = &KEYS[j]; val = arg + n + 1; }
            else if (arg[n] == '\0') {
                k = &KEYS[j];
                if (i + 1 >= *argc) return fail(k->option, "expected a value after it");
                val = argv[++i];
            }
        }
        if (k) {
            if (apply(cfg, k, k->option, val) != 0) return -1;
        } else {
            argv[out++] = argv[i];
        }
    }
    *argc = out;
    argv[out] = NULL;

    if (!cfg->db_url[0]) {
        if (snprintf(cfg->db_url, sizeof cfg->db_url, "%s/loket.db", cfg->data_dir) >= (int)sizeof cfg->db_url)
            return fail("--data", "path too long");
    }
    if (!cfg->base_url[0]) {
        const char *colon = strrchr(cfg->listen, ':');
        const char *host = cfg->listen;
        size_t hl = (size_t)(colon - host);
        if (hl == 0 || (hl == 7 && strncmp(host, "0.0.0.0", 7) == 0)) { host = "127.0.0.1"; hl = 9; }
        snprintf(cfg->base_url, sizeof cfg->base_url, "http://%.*s%s", (int)hl, host, colon);
    }
    size_t bl = strlen(cfg->base_url);
    while (bl > 0 && cfg->base_url[bl - 1] == '/') cfg->base_url[--bl] = '\0';
    return 0;
}

static int make_dir(const char *path)
{
    if (mkdir(path, 0750) == 0 || errno == EEXIST) return 0;
    fprintf(stderr, "loket: cannot create the folder %s: %s\n", path, strerror(errno));
    return -1;
}

int config_prepare_data_dir(const config *cfg)
{
    static const char *subdirs[] = {"tmp", "forms", "files", "mail"};
    if (make_dir(cfg->data_dir) != 0) return -1;
    char path[1200];
    for (size_t i = 0; i < sizeof subdirs / sizeof *subdirs; i++) {
        snprintf(path, sizeof path, "%s/%s", cfg->data_dir, subdirs[i]);
        if (make_dir(path) != 0) return -1;
    }
    return 0;
}

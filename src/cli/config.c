/* cli/config.c — reads options and environment into a config (see config.h). */
#include "cli/config.h"
#include "util/text.h"
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int set_str(char *dst, size_t cap, const char *key, const char *val)
{
    if (!val || !*val) {
        fprintf(stderr, "loket: %s: expected a value, got nothing\n", key);
        return -1;
    }
    if (strlen(val) >= cap) {
        fprintf(stderr, "loket: %s: value too long (at most %zu characters)\n", key, cap - 1);
        return -1;
    }
    memcpy(dst, val, strlen(val) + 1);
    return 0;
}

static int check_listen(const char *key, const char *v)
{
    const char *colon = strrchr(v, ':');
    int64_t port;
    if (!colon || colon == v || parse_int64(colon + 1, 1, 65535, &port) != 0) {
        fprintf(stderr, "loket: %s: expected HOST:PORT with a port 1-65535 (e.g. 127.0.0.1:8080), got \"%s\"\n", key, v);
        return -1;
    }
    return 0;
}

static int check_url(const char *key, const char *v, const char *const *schemes)
{
    for (const char *const *s = schemes; *s; s++)
        if (strncmp(v, *s, strlen(*s)) == 0 && v[strlen(*s)]) return 0;
    fprintf(stderr, "loket: %s: expected a URL starting with %s, got \"%s\"\n", key, schemes[0], v);
    return -1;
}

static int set_uint(unsigned *dst, const char *key, const char *val, unsigned min, unsigned max)
{
    int64_t n;
    if (parse_int64(val, min, max, &n) != 0) {
        fprintf(stderr, "loket: %s: expected a whole number from %u to %u, got \"%s\"\n", key, min, max, val ? val : "");
        return -1;
    }
    *dst = (unsigned)n;
    return 0;
}

typedef struct {
    const char *option, *env;
} key_names;

static const key_names K_DATA = {"--data", "LOKET_DATA"}, K_DB = {"--db", "LOKET_DB"},
    K_LISTEN = {"--listen", "LOKET_LISTEN"}, K_BASE = {"--base-url", "LOKET_BASE_URL"},
    K_THREADS = {"--threads", "LOKET_THREADS"}, K_WILAYAH = {"--wilayah", "LOKET_WILAYAH_DIR"},
    K_SMTP = {"", "LOKET_SMTP_URL"}, K_UPLOAD = {"", "LOKET_MAX_UPLOAD_MB"},
    K_FROM = {"", "LOKET_MAIL_FROM"};
/* Permits: how often one address may verify a permit code. */
static const key_names K_VERIFY_RATE = {"", "LOKET_VERIFY_PER_MINUTE"};

/* Applies one key's value (from the environment or an option). */
static int apply(config *cfg, const key_names *k, const char *name, const char *v)
{
    static const char *const http_schemes[] = {"http://", "https://", NULL};
    static const char *const smtp_schemes[] = {"smtp://", "smtps://", NULL};
    if (k == &K_DATA) return set_str(cfg->data_dir, sizeof cfg->data_dir, name, v);
    if (k == &K_DB) return set_str(cfg->db_url, sizeof cfg->db_url, name, v);
    if (k == &K_LISTEN)
        return set_str(cfg->listen, sizeof cfg->listen, name, v) || check_listen(name, v);
    if (k == &K_BASE)
        return set_str(cfg->base_url, sizeof cfg->base_url, name, v) || check_url(name, v, http_schemes);
    if (k == &K_THREADS) return set_uint(&cfg->threads, name, v, 1, 256);
    if (k == &K_WILAYAH) return set_str(cfg->wilayah_dir, sizeof cfg->wilayah_dir, name, v);
    if (k == &K_SMTP)
        return set_str(cfg->smtp_url, sizeof cfg->smtp_url, name, v) || check_url(name, v, smtp_schemes);
    if (k == &K_UPLOAD) return set_uint(&cfg->max_upload_mb, name, v, 1, 1024);
    if (k == &K_VERIFY_RATE) return set_uint(&cfg->verify_per_minute, name, v, 1, 10000000);
    if (k == &K_FROM) {
        if (set_str(cfg->mail_from, sizeof cfg->mail_from, name, v) != 0) return -1;
        if (!strchr(v, '@') || strpbrk(v, " <>\r\n")) {
            fprintf(stderr, "loket: %s: expected an email address such as noreply@dpmptsp.example.go.id, got \"%s\"\n", name, v);
            return -1;
        }
        return 0;
    }
    return -1;
}

int config_load(config *cfg, int *argc, char **argv)
{
    static const key_names *keys[] = {&K_DATA, &K_DB, &K_LISTEN, &K_BASE, &K_THREADS,
                                      &K_WILAYAH, &K_SMTP, &K_UPLOAD, &K_FROM, &K_VERIFY_RATE};
    memset(cfg, 0, sizeof *cfg);
    strcpy(cfg->data_dir, "./data");
    strcpy(cfg->listen, "127.0.0.1:8080");
    strcpy(cfg->wilayah_dir, "node_modules/idn-area-data/data");
    cfg->max_upload_mb = 5;
    cfg->verify_per_minute = 60;
    strcpy(cfg->mail_from, "loket@localhost.localdomain");

    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
        const char *v = getenv(keys[i]->env);
        if (v && *v && apply(cfg, keys[i], keys[i]->env, v) != 0) return -1;
    }
    /* Options: "--key value" or "--key=value". */
    int out = 1;
    for (int i = 1; i < *argc; i++) {
        const char *arg = argv[i];
        const key_names *k = NULL;
        const char *val = NULL;
        for (size_t j = 0; j < sizeof keys / sizeof *keys && !k; j++) {
            const char *opt = keys[j]->option;
            size_t n = strlen(opt);
            if (!n || strncmp(arg, opt, n) != 0) continue;
            if (arg[n] == '=') { k = keys[j]; val = arg + n + 1; }
            else if (arg[n] == '\0') {
                k = keys[j];
                if (i + 1 >= *argc) {
                    fprintf(stderr, "loket: %s: expected a value after it\n", opt);
                    return -1;
                }
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
        if (snprintf(cfg->db_url, sizeof cfg->db_url, "%s/loket.db", cfg->data_dir) >= (int)sizeof cfg->db_url) {
            fprintf(stderr, "loket: --data: path too long\n");
            return -1;
        }
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

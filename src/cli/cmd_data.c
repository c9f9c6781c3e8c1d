/* cli/cmd_data.c — the commands that set up data: migrate, import-wilayah and demo. */
#include "cli/commands.h"
#include "demo/demo.h"
#include "domain/wilayah/wilayah.h"
#include <stdio.h>
#include <string.h>
#include <time.h>

store *cli_open_store(const config *cfg, int pool_size)
{
    char err[512];
    if (config_prepare_data_dir(cfg) != 0) return NULL;
    store *s = store_open(cfg->db_url, pool_size, err, sizeof err);
    if (!s) {
        fprintf(stderr, "loket: %s\n", err);
        return NULL;
    }
    int applied = 0;
    if (store_migrate(s, &applied, err, sizeof err) != LK_OK) {
        fprintf(stderr, "loket: migration failed: %s\n", err);
        store_close(s);
        return NULL;
    }
    if (applied) fprintf(stderr, "loket: applied %d migration(s); schema version %d\n", applied, store_schema_version(s));
    return s;
}

int cmd_migrate(const config *cfg, int argc, char **argv)
{
    store *s = cli_open_store(cfg, 1);
    if (!s) return 1;
    printf("schema version %d\n", store_schema_version(s));
    store_close(s);
    return 0;
}

static double seconds_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

static int import_wilayah(store *s, const config *cfg)
{
    char err[512];
    wilayah_import_stats st;
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (wilayah_import(s, cfg->wilayah_dir, &st, err, sizeof err) != LK_OK) {
        fprintf(stderr, "loket: import-wilayah from %s: %s\n", cfg->wilayah_dir, err);
        return 1;
    }
    printf("wilayah: %ld provinsi, %ld kabupaten/kota, %ld kecamatan, %ld desa in %.2f s\n",
           st.provinsi, st.kabupaten, st.kecamatan, st.desa, seconds_since(&t0));
    return 0;
}

int cmd_import_wilayah(const config *cfg, int argc, char **argv)
{
    store *s = cli_open_store(cfg, 1);
    if (!s) return 1;
    int rc = import_wilayah(s, cfg);
    store_close(s);
    return rc;
}

/* Known on purpose: demo data are for trying Loket out, never for production. */
#define DEMO_PASSWORD "demo-loket-2026"

static void print_officer(void *ctx, const char *instansi_slug, const char *username, const char *role)
{
    printf("officer %-28s %-15s (%s)\n", username, role, instansi_slug);
}

int cmd_demo(const config *cfg, int argc, char **argv)
{
    int permits = 1;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--without-permits") == 0) {
            permits = 0;
            continue;
        }
        fprintf(stderr, "loket demo: unknown option \"%s\" (see loket demo --help)\n", argv[i]);
        return 2;
    }
    store *s = cli_open_store(cfg, 1);
    if (!s) return 1;
    int rc = 0;
    store_conn *c = store_acquire(s);
    int64_t regions = 0;
    lk_err e = store_query_int(c, "SELECT COUNT(*) FROM wilayah WHERE level = 2", STORE_NOP, &regions);
    store_release(c);
    if (e != LK_OK || regions == 0) rc = import_wilayah(s, cfg);
    char err[512];
    if (rc == 0 && demo_load(s, cfg->data_dir, err, sizeof err) != LK_OK) {
        fprintf(stderr, "loket: demo: %s\n", err);
        rc = 1;
    }
    if (rc == 0 && demo_holidays_load(s, err, sizeof err) != LK_OK) {
        fprintf(stderr, "loket: demo: %s\n", err);
        rc = 1;
    }
    if (rc == 0 && demo_workflows_load(s, err, sizeof err) != LK_OK) {
        fprintf(stderr, "loket: demo: %s\n", err);
        rc = 1;
    }
    /* Tarifs of the paid permit types (issue 13). */
    if (rc == 0 && demo_tarif_load(s, err, sizeof err) != LK_OK) {
        fprintf(stderr, "loket: demo: %s\n", err);
        rc = 1;
    }
    if (rc == 0 && demo_officers_load(s, DEMO_PASSWORD, print_officer, NULL) != LK_OK) {
        fprintf(stderr, "loket: demo: cannot create the demo officers\n");
        rc = 1;
    }
    /* Electronic signatures: a demo CA and the signers' certificates (issue 14). */
    if (rc == 0 && permits && demo_tte_load(s, cfg->data_dir, err, sizeof err) != LK_OK) {
        fprintf(stderr, "loket: demo: %s\n", err);
        rc = 1;
    }
    if (rc == 0 && permits && demo_izin_load(s, cfg->data_dir, cfg->base_url, DEMO_PASSWORD, err, sizeof err) != LK_OK) {
        fprintf(stderr, "loket: demo: %s\n", err);
        rc = 1;
    }
    if (rc == 0)
        printf("demo data loaded: Kota Pangkalpinang and Kabupaten Muara Enim\n"
               "every demo officer above logs in with the password: %s\n", DEMO_PASSWORD);
    store_close(s);
    return rc;
}

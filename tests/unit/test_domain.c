/* tests/unit/test_domain.c — wilayah import and search, the catalogue and the demo data,
 * against real databases.
 *
 * The same tests run on SQLite (a temporary data folder) and, when LOKET_TEST_PG_URL is
 * set, on PostgreSQL (a fresh schema first on the search_path).  One database per group:
 * the tests run in order and build on each other (import, then search, then demo, then
 * catalogue), as `loket import-wilayah` and `loket demo` do.  The wilayah CSVs are the
 * real ones of idn-area-data (LOKET_WILAYAH_DIR, default node_modules/idn-area-data/data
 * relative to the repository root, where tests run). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <cairo.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "domain/katalog/catalogue.h"
#include "domain/wilayah/csv.h"
#include "demo/demo.h"
#include "domain/wilayah/wilayah.h"
#include "store/store.h"
#include "util/alloc.h"
#include "util/arena.h"
#include "util/log.h"

/* Counts of idn-area-data 4.x. */
enum { N_PROVINSI = 38, N_KABUPATEN = 514, N_KECAMATAN = 7285, N_DESA = 83762 };
#define N_WILAYAH (N_PROVINSI + N_KABUPATEN + N_KECAMATAN + N_DESA)

static struct {
    store_kind kind;
    const char *pg_url;
    store *pg_admin;        /* PostgreSQL: creates and drops the schemas */
    char dir[256];          /* temporary data folder: SQLite files and blank forms */
    const char *csv_dir;
    store *s;               /* the group's database */
    char schema[64];
    int schemas;
} g;

/* ---- helpers ---- */

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static const char *kind_name(void)
{
    return g.kind == STORE_PG ? "PostgreSQL" : "SQLite";
}

static int admin_exec(const char *sql)
{
    store_conn *c = store_acquire(g.pg_admin);
    lk_err e = store_exec(c, sql, STORE_NOP, NULL);
    if (e) print_error("%s: %s\n", sql, store_errmsg(c));
    store_release(c);
    return e ? -1 : 0;
}

/* A new, migrated database: a SQLite file in the data folder or a new PostgreSQL schema
 * (its name, made of numbers only, goes to *schema for dropping). */
static store *open_fresh(char *schema, size_t schemalen)
{
    char url[1024], err[512];
    int n = ++g.schemas;
    schema[0] = '\0';
    if (g.kind == STORE_SQLITE) {
        snprintf(url, sizeof url, "%s/domain-%d.db", g.dir, n);
    } else {
        snprintf(schema, schemalen, "loket_dt_%d_%d", (int)getpid(), n);
        char sql[128];
        snprintf(sql, sizeof sql, "CREATE SCHEMA %s", schema);
        if (admin_exec(sql)) return NULL;
        snprintf(url, sizeof url, "%s%soptions=-csearch_path%%3D%s,public", g.pg_url,
                 strchr(g.pg_url, '?') ? "&" : "?", schema);
    }
    store *s = store_open(url, 2, err, sizeof err);
    if (!s) {
        print_error("store_open: %s\n", err);
        return NULL;
    }
    if (store_migrate(s, NULL, err, sizeof err)) {
        print_error("store_migrate: %s\n", err);
        store_close(s);
        return NULL;
    }
    return s;
}

static void close_fresh(store *s, const char *schema)
{
    store_close(s);
    if (g.kind == STORE_PG && schema[0]) {
        char sql[128];
        snprintf(sql, sizeof sql, "DROP SCHEMA %s CASCADE", schema);
        admin_exec(sql);
    }
}

static int64_t count_sql(store *s, const char *sql)
{
    store_conn *c = store_acquire(s);
    int64_t n = -1;
    lk_err e = store_query_int(c, sql, STORE_NOP, &n);
    if (e) print_error("%s: %s\n", sql, store_errmsg(c));
    store_release(c);
    assert_int_equal(e, LK_OK);
    return n;
}

static int64_t count_level(int level)
{
    store_conn *c = store_acquire(g.s);
    int64_t n = -1;
    lk_err e = store_query_int(c, "SELECT count(*) FROM wilayah WHERE level = $1", STORE_P(SP_I(level)), &n);
    store_release(c);
    assert_int_equal(e, LK_OK);
    return n;
}

static void copy_file(const char *from, const char *to, long max_lines, const char *extra)
{
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    assert_non_null(in);
    assert_non_null(out);
    char line[4096];
    for (long n = 0; (max_lines < 0 || n < max_lines) && fgets(line, sizeof line, in); n++) fputs(line, out);
    if (extra) fputs(extra, out);
    fclose(in);
    fclose(out);
}

static void remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        char path[600];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat st;
        if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode)) remove_tree(path);
        else unlink(path);
    }
    closedir(d);
    rmdir(dir);
}

/* ---- pure functions ---- */

static void test_code_shapes(void **state)
{
    assert_true(wilayah_code_valid("19"));
    assert_true(wilayah_code_valid("19.71"));
    assert_true(wilayah_code_valid("19.71.01"));
    assert_true(wilayah_code_valid("19.71.01.1001"));
    const char *bad[] = {"", "1", "197", "19.", "19.7", "19.71.", "19.71.01.100", "19.71.01.10011",
                         "19.71.01.1001.1", "ab", "19,71", " 19", "19.71'--", "19.71.01.1001\n"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) assert_false(wilayah_code_valid(bad[i]));
    assert_false(wilayah_code_valid(NULL));

    jenis_permohonan jp;
    assert_int_equal(jenis_permohonan_parse("perpanjangan", &jp), 0);
    assert_int_equal(jp, JP_PERPANJANGAN);
    assert_int_equal(jenis_permohonan_parse("Baru", &jp), -1);
    assert_string_equal(jenis_permohonan_label(JP_PERUBAHAN), "Perubahan");
    assert_string_equal(jenis_permohonan_key(JP_BARU), "baru");
}

static void test_csv_reader(void **state)
{
    const char *text = "\xEF\xBB\xBF" "a,b,c\r\n"
                       "1,\"x, y\",\"say \"\"hi\"\"\"\n"
                       "2,\"two\nlines\",\r\n"
                       "3,last,no-newline";
    arena *a = arena_new();
    csv_reader r;
    csv_init(&r, text, strlen(text));
    const char *f[3];
    int n;
    long line;
    char err[100];
    assert_int_equal(csv_next(&r, a, f, 3, &n, &line, err, sizeof err), 1);
    assert_int_equal(n, 3);
    assert_string_equal(f[0], "a");
    assert_string_equal(f[2], "c");
    assert_int_equal(csv_next(&r, a, f, 3, &n, &line, err, sizeof err), 1);
    assert_int_equal(line, 2);
    assert_string_equal(f[1], "x, y");
    assert_string_equal(f[2], "say \"hi\"");
    assert_int_equal(csv_next(&r, a, f, 3, &n, &line, err, sizeof err), 1);
    assert_int_equal(line, 3);
    assert_string_equal(f[1], "two\nlines");
    assert_string_equal(f[2], "");
    assert_int_equal(csv_next(&r, a, f, 3, &n, &line, err, sizeof err), 1);
    assert_int_equal(line, 5);
    assert_string_equal(f[2], "no-newline");
    assert_int_equal(csv_next(&r, a, f, 3, &n, &line, err, sizeof err), 0);

    const char *broken[] = {"1,\"open\n", "1,\"x\"y\n", "1,x\"y\n"};
    for (size_t i = 0; i < 3; i++) {
        csv_init(&r, broken[i], strlen(broken[i]));
        assert_int_equal(csv_next(&r, a, f, 3, &n, &line, err, sizeof err), -1);
    }
    csv_init(&r, "1,2,3,4\n", 8);
    assert_int_equal(csv_next(&r, a, f, 3, &n, &line, err, sizeof err), 1);
    assert_int_equal(n, 4);   /* more than max */
    arena_free(a);
}

/* ---- wilayah ---- */

static void test_import_counts(void **state)
{
    wilayah_import_stats st;
    char err[300];
    double t0 = now_seconds();
    lk_err e = wilayah_import(g.s, g.csv_dir, &st, err, sizeof err);
    double took = now_seconds() - t0;
    if (e) print_error("import: %s\n", err);
    assert_int_equal(e, LK_OK);
    print_message("wilayah_import on %s (empty table): %.2f s\n", kind_name(), took);
    assert_int_equal(st.provinsi, N_PROVINSI);
    assert_int_equal(st.kabupaten, N_KABUPATEN);
    assert_int_equal(st.kecamatan, N_KECAMATAN);
    assert_int_equal(st.desa, N_DESA);
    assert_int_equal(count_level(1), N_PROVINSI);
    assert_int_equal(count_level(4), N_DESA);
    assert_int_equal(count_sql(g.s, "SELECT count(*) FROM wilayah"), N_WILAYAH);

    arena *a = arena_new();
    store_conn *c = store_acquire(g.s);
    wilayah w;
    assert_int_equal(wilayah_get(c, a, "19.71", &w), LK_OK);
    assert_string_equal(w.name, "Kota Pangkalpinang");   /* the official spelling, not the data set's */
    assert_int_equal(w.level, 2);
    assert_string_equal(w.parent_name, "Kepulauan Bangka Belitung");
    assert_int_equal(wilayah_get(c, a, "16.03", &w), LK_OK);
    assert_string_equal(w.name, "Kabupaten Muara Enim");
    assert_int_equal(wilayah_get(c, a, "35.29.22", &w), LK_OK);
    assert_string_equal(w.name, "Ra\"as");   /* a doubled quote in the CSV */
    assert_int_equal(wilayah_get(c, a, "12.07.28.1007", &w), LK_OK);
    assert_string_equal(w.name, "Lubuk Pakam I,II");   /* a comma inside quotes */
    assert_int_equal(wilayah_get(c, a, "99.99", &w), LK_ERR_NOTFOUND);
    assert_int_equal(wilayah_get(c, a, "19.71' OR '1'='1", &w), LK_ERR_NOTFOUND);

    wilayah *list;
    size_t n;
    assert_int_equal(wilayah_children(c, a, NULL, &list, &n), LK_OK);
    assert_int_equal(n, N_PROVINSI);
    for (size_t i = 1; i < n; i++) assert_true(strcmp(list[i - 1].name, list[i].name) <= 0);
    assert_int_equal(wilayah_children(c, a, "19.71", &list, &n), LK_OK);
    assert_true(n >= 5);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(list[i].level, 3);
        assert_memory_equal(list[i].code, "19.71.", 6);
    }
    assert_int_equal(wilayah_children(c, a, list[0].code, &list, &n), LK_OK);
    assert_true(n >= 1);
    assert_int_equal(list[0].level, 4);
    assert_int_equal(wilayah_children(c, a, list[0].code, &list, &n), LK_OK);
    assert_int_equal(n, 0);   /* a desa has no children */
    assert_int_equal(wilayah_children(c, a, "'; DROP TABLE wilayah; --", &list, &n), LK_OK);
    assert_int_equal(n, 0);
    store_release(c);
    arena_free(a);
}

static void test_import_twice_same_counts(void **state)
{
    wilayah_import_stats st;
    char err[300];
    double t0 = now_seconds();
    lk_err e = wilayah_import(g.s, g.csv_dir, &st, err, sizeof err);
    double took = now_seconds() - t0;
    if (e) print_error("import: %s\n", err);
    assert_int_equal(e, LK_OK);
    print_message("wilayah_import on %s (again, unchanged): %.2f s\n", kind_name(), took);
    assert_int_equal(st.desa, N_DESA);
    assert_int_equal(count_sql(g.s, "SELECT count(*) FROM wilayah"), N_WILAYAH);
    assert_int_equal(count_level(3), N_KECAMATAN);
}

/* A broken villages.csv after a changed provinces.csv: nothing of the import remains. */
static void test_broken_csv_rolls_back(void **state)
{
    char dir[300], from[600], to[600], err[300];
    snprintf(dir, sizeof dir, "%s/broken-csv", g.dir);
    mkdir(dir, 0700);
    snprintf(to, sizeof to, "%s/provinces.csv", dir);
    FILE *fp = fopen(to, "w");
    assert_non_null(fp);
    fputs("code,name\n11,Aceh Berubah\n", fp);   /* rename one and keep the rest */
    fclose(fp);
    snprintf(from, sizeof from, "%s/provinces.csv", g.csv_dir);
    FILE *in = fopen(from, "r");
    fp = fopen(to, "a");
    char line[512];
    assert_non_null(fgets(line, sizeof line, in));   /* header */
    assert_non_null(fgets(line, sizeof line, in));   /* 11,Aceh */
    while (fgets(line, sizeof line, in)) fputs(line, fp);
    fclose(in);
    fclose(fp);
    const char *same[] = {"regencies.csv", "districts.csv"};
    for (int i = 0; i < 2; i++) {
        snprintf(from, sizeof from, "%s/%s", g.csv_dir, same[i]);
        snprintf(to, sizeof to, "%s/%s", dir, same[i]);
        copy_file(from, to, -1, NULL);
    }
    snprintf(from, sizeof from, "%s/villages.csv", g.csv_dir);
    snprintf(to, sizeof to, "%s/villages.csv", dir);
    copy_file(from, to, 11, "11.01.01.2099,11.01.01,Desa \xC3\x28 Rusak\n");   /* line 12: bad UTF-8 */

    lk_err e = wilayah_import(g.s, dir, NULL, err, sizeof err);
    assert_int_equal(e, LK_ERR_INVALID);
    assert_string_equal(err, "villages.csv:12: name of 11.01.01.2099 is not valid UTF-8");

    copy_file(from, to, 5, "11.01.01.2098,11.01.02,Salah Induk\n");
    assert_int_equal(wilayah_import(g.s, dir, NULL, err, sizeof err), LK_ERR_INVALID);
    assert_string_equal(err, "villages.csv:6: code 11.01.01.2098 does not belong under '11.01.02'");
    copy_file(from, to, 5, "99.01.01.2001,99.01.01,Tanpa Induk\n");
    assert_int_equal(wilayah_import(g.s, dir, NULL, err, sizeof err), LK_ERR_INVALID);
    assert_string_equal(err, "villages.csv:6: parent 99.01.01 of 99.01.01.2001 does not exist");
    copy_file(from, to, 3, "11.01.01.2001,11.01.01,Dobel\n");
    assert_int_equal(wilayah_import(g.s, dir, NULL, err, sizeof err), LK_ERR_INVALID);
    assert_string_equal(err, "villages.csv:4: duplicate code 11.01.01.2001");
    copy_file(from, to, 3, "11.01.01.2AB1,11.01.01,Kode Aneh\n");
    assert_int_equal(wilayah_import(g.s, dir, NULL, err, sizeof err), LK_ERR_INVALID);
    assert_string_equal(err, "villages.csv:4: '11.01.01.2AB1' is not a desa/kelurahan code");
    copy_file(from, to, 3, "11.01.01.2097,\"11.01.01,Kutip Terbuka\n");
    assert_int_equal(wilayah_import(g.s, dir, NULL, err, sizeof err), LK_ERR_INVALID);
    assert_string_equal(err, "villages.csv:4: unterminated quoted field");
    /* Valid syntax, but this smaller data would have to delete the regions an instansi
     * uses — checked in test_demo_blocks_removing_used_wilayah. */

    snprintf(to, sizeof to, "%s/villages.csv", dir);
    unlink(to);
    assert_int_equal(wilayah_import(g.s, dir, NULL, err, sizeof err), LK_ERR_IO);
    assert_string_equal(err, "villages.csv: cannot be read");

    arena *a = arena_new();
    store_conn *c = store_acquire(g.s);
    wilayah w;
    assert_int_equal(wilayah_get(c, a, "11", &w), LK_OK);
    assert_string_equal(w.name, "Aceh");
    store_release(c);
    arena_free(a);
    assert_int_equal(count_sql(g.s, "SELECT count(*) FROM wilayah"), N_WILAYAH);
    remove_tree(dir);
}

static int has_code(const wilayah *list, size_t n, const char *code)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i].code, code) == 0) return 1;
    return 0;
}

static void test_search(void **state)
{
    arena *a = arena_new();
    store_conn *c = store_acquire(g.s);
    wilayah *list;
    size_t n;

    assert_int_equal(wilayah_search(c, a, "pangkal", 2, NULL, 10, &list, &n), LK_OK);
    assert_true(has_code(list, n, "19.71"));
    assert_int_equal(wilayah_search(c, a, "PANGKAL PINANG", 0, NULL, 50, &list, &n), LK_OK);
    assert_true(has_code(list, n, "19.71"));
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i].code, "19.71") == 0) assert_string_equal(list[i].parent_name, "Kepulauan Bangka Belitung");
    for (size_t i = 1; i < n; i++) assert_true(strlen(list[i - 1].name) <= strlen(list[i].name));

    /* A desa names its kecamatan and kabupaten. */
    assert_int_equal(wilayah_search(c, a, "pu\xE2\x80\x99u", 4, NULL, 50, &list, &n), LK_OK);
    assert_true(has_code(list, n, "53.07.01.2021"));
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i].code, "53.07.01.2021") == 0) {
            assert_non_null(strchr(list[i].parent_name, ','));
            assert_non_null(strstr(list[i].parent_name, "Kabupaten"));
        }

    /* Under a parent: only its descendants. */
    assert_int_equal(wilayah_search(c, a, "an", 0, "19.71", 50, &list, &n), LK_OK);
    assert_true(n > 0);
    for (size_t i = 0; i < n; i++) assert_memory_equal(list[i].code, "19.71.", 6);
    assert_int_equal(wilayah_search(c, a, "an", 0, "19.7", 50, &list, &n), LK_OK);
    assert_int_equal(n, 0);   /* not a code */

    /* Limits are clamped. */
    assert_int_equal(wilayah_search(c, a, "an", 0, NULL, 1000, &list, &n), LK_OK);
    assert_int_equal(n, 50);
    assert_int_equal(wilayah_search(c, a, "an", 4, NULL, 0, &list, &n), LK_OK);
    assert_int_equal(n, 1);
    assert_int_equal(list[0].level, 4);

    /* Hostile and out-of-range queries give nothing, not an error. */
    char big[10 * 1024 + 1];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    const char *nothing[] = {"'; DROP TABLE wilayah; --", big, "a", "", " a ", "\xFF\xFE", "%", "%%", "__",
                             "a%", "an_", "\\%", "pangkal\xC0\xAF"};
    for (size_t i = 0; i < sizeof nothing / sizeof *nothing; i++) {
        assert_int_equal(wilayah_search(c, a, nothing[i], 0, NULL, 50, &list, &n), LK_OK);
        assert_int_equal(n, 0);
    }
    assert_int_equal(wilayah_search(c, a, NULL, 0, NULL, 50, &list, &n), LK_OK);
    assert_int_equal(n, 0);
    assert_int_equal(wilayah_search(c, a, "pangkal", 9, NULL, 50, &list, &n), LK_OK);
    assert_int_equal(n, 0);
    store_release(c);
    assert_int_equal(count_sql(g.s, "SELECT count(*) FROM wilayah"), N_WILAYAH);

    /* Timing, for the report (not an assertion): what a picker sends. */
    const char *queries[] = {"pangkal", "muara enim", "ka", "sukamaju", "bukit"};
    c = store_acquire(g.s);
    int rounds = 40;
    char timings[300] = "";
    for (size_t q = 0; q < 5; q++) {
        double t0 = now_seconds();
        for (int r = 0; r < rounds; r++)
            assert_int_equal(wilayah_search(c, a, queries[q], 0, NULL, 20, &list, &n), LK_OK);
        size_t used = strlen(timings);
        snprintf(timings + used, sizeof timings - used, " %s %.2f ms;", queries[q],
                 (now_seconds() - t0) / rounds * 1000);
    }
    double t0 = now_seconds();
    for (int r = 0; r < rounds; r++)
        assert_int_equal(wilayah_search(c, a, "sari", 4, "19.71", 20, &list, &n), LK_OK);
    double under = (now_seconds() - t0) / rounds * 1000;
    store_release(c);
    print_message("wilayah_search on %s, anywhere:%s under a kabupaten: %.2f ms\n", kind_name(),
                  timings, under);
    arena_free(a);
}

/* ---- demo and catalogue ---- */

static const char *const demo_tables[] = {"instansi", "unit_kerja", "jenis_izin", "jenis_izin_setting",
                                          "persyaratan", "data_teknis_field", "blank_form"};
enum { N_DEMO_TABLES = 7 };

static void demo_counts(int64_t *out)
{
    for (int i = 0; i < N_DEMO_TABLES; i++) {
        char sql[100];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", demo_tables[i]);
        out[i] = count_sql(g.s, sql);
    }
}

static void test_demo_without_wilayah_fails(void **state)
{
    char schema[64], err[300];
    store *s = open_fresh(schema, sizeof schema);
    assert_non_null(s);
    lk_err e = demo_load(s, g.dir, err, sizeof err);
    assert_int_equal(e, LK_ERR_NOTFOUND);
    assert_non_null(strstr(err, "loket import-wilayah"));
    assert_int_equal(count_sql(s, "SELECT count(*) FROM instansi"), 0);
    close_fresh(s, schema);
}

static void test_demo_twice_same_counts(void **state)
{
    char err[300];
    lk_err e = demo_load(g.s, g.dir, err, sizeof err);
    if (e) print_error("demo: %s\n", err);
    assert_int_equal(e, LK_OK);
    int64_t first[N_DEMO_TABLES], second[N_DEMO_TABLES];
    demo_counts(first);
    assert_int_equal(first[0], 2);    /* instansi */
    assert_int_equal(first[1], 2);    /* units */
    assert_int_equal(first[2], 10);   /* 5 jenis izin in each office */
    assert_int_equal(first[3], 30);   /* × 3 jenis permohonan */
    assert_true(first[4] >= 100);
    assert_true(first[5] >= 80);
    assert_true(first[6] >= 10);

    e = demo_load(g.s, g.dir, err, sizeof err);
    if (e) print_error("demo again: %s\n", err);
    assert_int_equal(e, LK_OK);
    demo_counts(second);
    for (int i = 0; i < N_DEMO_TABLES; i++) assert_int_equal(first[i], second[i]);
    assert_int_equal(count_sql(g.s, "SELECT max(id) FROM instansi"), 2);   /* updated, not re-created */
}

static void test_catalogue(void **state)
{
    arena *a = arena_new();
    store_conn *c = store_acquire(g.s);

    instansi *list;
    size_t n;
    assert_int_equal(catalogue_instansi_list(c, a, &list, &n), LK_OK);
    assert_int_equal(n, 2);
    instansi pkp, me;
    assert_int_equal(catalogue_instansi_get(c, a, "kota-pangkalpinang", &pkp), LK_OK);
    assert_string_equal(pkp.wilayah_code, "19.71");
    assert_string_equal(pkp.phone, "0717-436772");
    assert_int_equal(pkp.auto_approve, 0);
    assert_non_null(strstr(pkp.office_name, "DPMPTSP & NAKER"));
    assert_int_equal(catalogue_instansi_get(c, a, "kabupaten-muara-enim", &me), LK_OK);
    assert_string_equal(me.wilayah_code, "16.03");
    instansi none;
    assert_int_equal(catalogue_instansi_get(c, a, "' OR 1=1 --", &none), LK_ERR_NOTFOUND);

    unit_kerja *units;
    assert_int_equal(catalogue_units(c, a, pkp.id, &units, &n), LK_OK);
    assert_int_equal(n, 1);
    assert_string_equal(units[0].name, "Dinas Penanaman Modal, PTSP dan Naker");

    jenis_izin_summary *found;
    assert_int_equal(catalogue_search(c, a, "Dokter", 0, &found, &n), LK_OK);
    int in_pkp = 0, in_me = 0;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(found[i].slug, "sip-dokter") != 0) continue;
        in_pkp += found[i].instansi_id == pkp.id;
        in_me += found[i].instansi_id == me.id;
        assert_int_equal(found[i].gratis, 1);
    }
    assert_int_equal(in_pkp, 1);
    assert_int_equal(in_me, 1);
    assert_int_equal(catalogue_search(c, a, "dokter", me.id, &found, &n), LK_OK);
    assert_true(n >= 1);
    for (size_t i = 0; i < n; i++) assert_string_equal(found[i].instansi_slug, "kabupaten-muara-enim");
    assert_int_equal(catalogue_search(c, a, NULL, 0, &found, &n), LK_OK);
    assert_int_equal(n, 10);
    assert_int_equal(catalogue_search(c, a, "reklame", pkp.id, &found, &n), LK_OK);
    assert_int_equal(n, 1);
    assert_int_equal(found[0].gratis, 0);
    const char *nothing[] = {"%", "_", "'; DROP TABLE jenis_izin; --", "\xFF"};
    for (size_t i = 0; i < 4; i++) {
        assert_int_equal(catalogue_search(c, a, nothing[i], 0, &found, &n), LK_OK);
        assert_int_equal(n, 0);
    }

    jenis_izin_detail d;
    assert_int_equal(catalogue_jenis_izin(c, a, "kota-pangkalpinang", "sip-dokter", &d), LK_OK);
    assert_string_equal(d.s.name, "Surat Izin Praktik Dokter");
    assert_string_equal(d.s.unit_name, "Dinas Penanaman Modal, PTSP dan Naker");
    assert_null(d.tarif_formula);
    assert_int_equal(d.settings[JP_BARU].enabled, 1);
    assert_true(d.settings[JP_BARU].sla_days >= 5 && d.settings[JP_BARU].sla_days <= 7);
    assert_int_equal(d.settings[JP_BARU].validity_value, 5);
    assert_string_equal(d.settings[JP_BARU].validity_unit, "tahun");
    assert_string_equal(d.settings[JP_BARU].number_format_izin, "503/{NNN}/SIP/DPMPTSP-NAKER/{YYYY}");
    assert_string_equal(d.settings[JP_BARU].number_format_permohonan, "REG/{YYYY}/{MM}/{NNNNN}");
    assert_true(d.persyaratan_count >= 8);
    int str = 0, old_sip = 0, ijazah = 0;
    const persyaratan *with_form = NULL;
    for (size_t i = 0; i < d.persyaratan_count; i++) {
        const persyaratan *p = &d.persyaratan[i];
        assert_int_equal(p->position, (int)i + 1);
        if (strstr(p->name, "STR")) {
            str = 1;
            assert_int_equal(p->wajib, 1);
            assert_true(p->applies[JP_BARU] && p->applies[JP_PERPANJANGAN] && p->applies[JP_PERUBAHAN]);
        }
        if (strcmp(p->name, "SIP lama") == 0) {
            old_sip = 1;
            assert_false(p->applies[JP_BARU]);
            assert_true(p->applies[JP_PERPANJANGAN]);
        }
        if (strstr(p->name, "ijazah")) {
            ijazah = 1;
            assert_true(p->applies[JP_BARU]);
            assert_false(p->applies[JP_PERPANJANGAN]);
        }
        if (p->blank_form_id && !with_form) with_form = p;
    }
    assert_true(str && old_sip && ijazah);
    assert_non_null(with_form);
    assert_non_null(with_form->blank_form_name);
    assert_true(d.field_count >= 5);
    assert_string_equal(d.fields[1].key, "no_str");
    assert_string_equal(d.fields[0].type, "select");
    assert_non_null(d.fields[0].options);

    blank_form bf;
    assert_int_equal(catalogue_blank_form(c, a, g.dir, with_form->blank_form_id, &bf), LK_OK);
    assert_string_equal(bf.content_type, "application/pdf");
    assert_true(bf.path[0] == '/');
    FILE *fp = fopen(bf.path, "rb");
    assert_non_null(fp);
    char head[5] = {0};
    assert_int_equal(fread(head, 1, 4, fp), 4);
    fseek(fp, 0, SEEK_END);
    assert_int_equal(ftell(fp), bf.size);
    fclose(fp);
    assert_string_equal(head, "%PDF");
    assert_int_equal(catalogue_blank_form(c, a, g.dir, 999999, &bf), LK_ERR_NOTFOUND);

    assert_int_equal(catalogue_jenis_izin(c, a, "kabupaten-muara-enim", "pbg", &d), LK_OK);
    assert_string_equal(d.tarif_formula, "L × It × 1,00 × HSbg");
    assert_int_equal(d.s.gratis, 0);
    assert_int_equal(d.settings[JP_PERPANJANGAN].enabled, 0);
    assert_string_equal(d.settings[JP_BARU].number_format_izin, "640/{NNN}/PBG/DPMPTSP/{YYYY}");
    int has_l = 0;
    for (size_t i = 0; i < d.field_count; i++) has_l |= strcmp(d.fields[i].key, "L") == 0;
    assert_true(has_l);
    assert_int_equal(catalogue_jenis_izin(c, a, "kabupaten-muara-enim", "izin-reklame", &d), LK_OK);
    assert_string_equal(d.tarif_formula, "(RT × harga(RT) + RI × harga(RI)) × B");
    assert_non_null(d.tarif_note);
    assert_int_equal(catalogue_jenis_izin(c, a, "kabupaten-muara-enim", "tidak-ada", &d), LK_ERR_NOTFOUND);
    assert_int_equal(catalogue_jenis_izin(c, a, "kota-pangkalpinang", "pbg' --", &d), LK_ERR_NOTFOUND);
    store_release(c);
    arena_free(a);
}

/* A new import that lacks a region an instansi uses is refused and changes nothing. */
static void test_demo_blocks_removing_used_wilayah(void **state)
{
    char dir[300], from[600], to[600], err[300];
    snprintf(dir, sizeof dir, "%s/small-csv", g.dir);
    mkdir(dir, 0700);
    const char *files[] = {"provinces.csv", "regencies.csv", "districts.csv", "villages.csv"};
    for (int i = 0; i < 4; i++) {
        snprintf(from, sizeof from, "%s/%s", g.csv_dir, files[i]);
        snprintf(to, sizeof to, "%s/%s", dir, files[i]);
        FILE *in = fopen(from, "r"), *out = fopen(to, "w");
        assert_non_null(in);
        assert_non_null(out);
        char line[512];
        while (fgets(line, sizeof line, in))   /* everything but Kepulauan Bangka Belitung */
            if (strncmp(line, "19", 2) != 0) fputs(line, out);
        fclose(in);
        fclose(out);
    }
    lk_err e = wilayah_import(g.s, dir, NULL, err, sizeof err);
    assert_int_equal(e, LK_ERR_CONFLICT);
    assert_string_equal(err, "wilayah 19.71 is no longer in the data but is still in use");
    assert_int_equal(count_sql(g.s, "SELECT count(*) FROM wilayah"), N_WILAYAH);
    remove_tree(dir);
}

/* ---- groups ---- */

static int group_setup(void **state)
{
    snprintf(g.dir, sizeof g.dir, "%s/loket-test-domain-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(g.dir)) return -1;
    if (g.kind == STORE_PG) {
        char err[512];
        g.pg_admin = store_open(g.pg_url, 1, err, sizeof err);
        if (!g.pg_admin) {
            print_error("%s\n", err);
            return -1;
        }
    }
    g.s = open_fresh(g.schema, sizeof g.schema);
    return g.s ? 0 : -1;
}

static int group_teardown(void **state)
{
    if (g.s) close_fresh(g.s, g.schema);
    g.s = NULL;
    if (g.pg_admin) store_close(g.pg_admin);
    g.pg_admin = NULL;
    remove_tree(g.dir);
    return 0;
}

int main(void)
{
    log_set_level(LOG_WARN);
    g.csv_dir = getenv("LOKET_WILAYAH_DIR");
    if (!g.csv_dir || !*g.csv_dir) g.csv_dir = "node_modules/idn-area-data/data";
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_code_shapes),
        cmocka_unit_test(test_csv_reader),
        cmocka_unit_test(test_import_counts),
        cmocka_unit_test(test_import_twice_same_counts),
        cmocka_unit_test(test_broken_csv_rolls_back),
        cmocka_unit_test(test_search),
        cmocka_unit_test(test_demo_without_wilayah_fails),
        cmocka_unit_test(test_demo_twice_same_counts),
        cmocka_unit_test(test_catalogue),
        cmocka_unit_test(test_demo_blocks_removing_used_wilayah),
    };
    int failed = 0;
    g.kind = STORE_SQLITE;
    failed += cmocka_run_group_tests_name("domain on SQLite", tests, group_setup, group_teardown);
    g.pg_url = getenv("LOKET_TEST_PG_URL");
    if (g.pg_url && *g.pg_url) {
        g.kind = STORE_PG;
        failed += cmocka_run_group_tests_name("domain on PostgreSQL", tests, group_setup, group_teardown);
    } else {
        fflush(stdout);
        fprintf(stderr, "[  SKIPPED ] domain on PostgreSQL: LOKET_TEST_PG_URL is not set\n");
    }
    cairo_debug_reset_static_data();   /* the blank forms' font caches, for LeakSanitizer */
    return failed ? 1 : 0;
}

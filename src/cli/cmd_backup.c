/* cli/cmd_backup.c — `loket backup` and `loket restore` (SPEC 7, 8): one archive (ustar)
 * holding a consistent copy of the database, the uploaded files (DATA/files), the blank
 * forms (DATA/forms) and the signing keys (DATA/keys, when present), with a manifest of
 * SHA-256 checksums.
 *
 *   loket-backup/BACKUP            format=1, database=sqlite|pg, schema=N, created=…
 *   database.sqlite | database.pgdump
 *   files/…, forms/…, keys/…
 *   MANIFEST                       "sha256  bytes  name" per entry, then "end SHA" of
 *                                  the lines above, so a damaged manifest shows too
 *
 * Backup takes the database first (SQLite's online backup API or pg_dump: serving goes
 * on), then the files.  Files are only ever renamed into place, so each is whole or
 * absent; one deleted after the database copy was taken is reported and left out.  The
 * archive is written as FILE.partial and renamed when complete.
 *
 * Restore refuses a database or data folder that already holds anything, unpacks into
 * DATA/.restore-XXXXXX, checks every entry against the manifest (none missing, none
 * extra, every checksum equal) and only then loads the database and moves the folders
 * into place.  A refused archive leaves nothing behind. */
#include "cli/commands.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/tar.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifndef LOKET_VERSION
#define LOKET_VERSION "unknown"
#endif

/* The data sub-folders that hold what cannot be made again. */
static const char *const SAVED_DIRS[] = {"files", "forms", "keys"};
enum { SAVED_DIR_COUNT = sizeof SAVED_DIRS / sizeof *SAVED_DIRS, BACKUP_FORMAT = 1 };

typedef struct {
    char **names;               /* relative to the data folder, e.g. "files/dok-….pdf" */
    size_t count, cap;
} name_list;

static void names_add(name_list *l, const char *name)
{
    if (l->count == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 64;
        char **grown = realloc(l->names, l->cap * sizeof *grown);
        if (!grown) abort();
        l->names = grown;
    }
    l->names[l->count++] = strdup(name);
    if (!l->names[l->count - 1]) abort();
}

static void names_free(name_list *l)
{
    for (size_t i = 0; i < l->count; i++) free(l->names[i]);
    free(l->names);
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every regular file under root/rel, skipping dot-files (files being written). */
static int walk(const char *root, const char *rel, name_list *out)
{
    char path[2048];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    DIR *d = opendir(path);
    if (!d) return errno == ENOENT ? 0 : -1;
    struct dirent *e;
    int rc = 0;
    while (rc == 0 && (e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        char child[1024];
        snprintf(child, sizeof child, "%s/%s", rel, e->d_name);
        snprintf(path, sizeof path, "%s/%s", root, child);
        struct stat st;
        if (lstat(path, &st) != 0) continue;   /* gone meanwhile */
        if (S_ISDIR(st.st_mode)) rc = walk(root, child, out);
        else if (S_ISREG(st.st_mode)) names_add(out, child);
    }
    closedir(d);
    return rc;
}

/* rm -r of a folder Loket made itself (a staging folder). */
static void remove_tree(const char *path)
{
    DIR *d = opendir(path);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d))) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
            char child[2048];
            snprintf(child, sizeof child, "%s/%s", path, e->d_name);
            struct stat st;
            if (lstat(child, &st) == 0 && S_ISDIR(st.st_mode)) remove_tree(child);
            else unlink(child);
        }
        closedir(d);
    }
    rmdir(path);
}

static void sha256_hex_of(const char *data, size_t len, char *hex)
{
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, (const unsigned char *)data, len);
    sodium_bin2hex(hex, TAR_SHA256_HEX, digest, sizeof digest);
}

static double seconds_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* ---- backup ---- */

static int parse_backup_args(int argc, char **argv, const char **output)
{
    for (int i = 1; i < argc; i++) {
        if ((strcmp(argv[i], "--output") == 0 || strcmp(argv[i], "-o") == 0) && i + 1 < argc) {
            *output = argv[++i];
        } else if (strncmp(argv[i], "--output=", 9) == 0) {
            *output = argv[i] + 9;
        } else {
            fprintf(stderr, "loket backup: unknown argument \"%s\" (see loket backup --help)\n", argv[i]);
            return -1;
        }
    }
    return 0;
}

int cmd_backup(const config *cfg, int argc, char **argv)
{
    const char *output = NULL;
    if (parse_backup_args(argc, argv, &output) != 0) return 2;
    char default_out[64];
    if (!output) {
        time_t now = time(NULL);
        struct tm tm;
        gmtime_r(&now, &tm);
        strftime(default_out, sizeof default_out, "loket-backup-%Y%m%dT%H%M%SZ.tar", &tm);
        output = default_out;
    }
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    store *s = cli_open_store(cfg, 1);
    if (!s) return 1;
    int rc = 1, fd = -1;
    char err[1024] = "", staging[1200], partial[1200], db_copy[1300];
    name_list files = {0};
    buf manifest = BUF_INIT;
    int pg = store_kind_of(s) == STORE_PG;
    int schema = store_schema_version(s);
    snprintf(staging, sizeof staging, "%s/tmp/backup-XXXXXX", cfg->data_dir);
    snprintf(partial, sizeof partial, "%s.partial", output);
    if (!mkdtemp(staging)) {
        fprintf(stderr, "loket backup: cannot create a folder in %s/tmp: %s\n", cfg->data_dir, strerror(errno));
        staging[0] = '\0';
        goto out;
    }
    struct stat st;
    if (stat(output, &st) == 0) {
        fprintf(stderr, "loket backup: %s exists already; name another file with --output\n", output);
        goto out;
    }
    fd = open(partial, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);   /* holds secrets */
    if (fd < 0) {
        fprintf(stderr, "loket backup: cannot create %s: %s\n", partial, strerror(errno));
        goto out;
    }

    /* 1. The database, while serving goes on. */
    const char *db_name = pg ? "database.pgdump" : "database.sqlite";
    snprintf(db_copy, sizeof db_copy, "%s/%s", staging, db_name);
    if (store_snapshot(s, db_copy, err, sizeof err) != LK_OK) {
        fprintf(stderr, "loket backup: %s\n", err);
        goto out;
    }
    tar_writer w = {.fd = fd};
    char created[32], info[512], hex[TAR_SHA256_HEX];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(created, sizeof created, "%Y-%m-%dT%H:%M:%SZ", &tm);
    int info_len = snprintf(info, sizeof info, "format=%d\ndatabase=%s\nschema=%d\ncreated=%s\nloket=%s\n",
                            BACKUP_FORMAT, pg ? "pg" : "sqlite", schema, created, LOKET_VERSION);
    if (tar_add_bytes(&w, "BACKUP", info, (size_t)info_len, err, sizeof err) != 0) goto fail;
    sha256_hex_of(info, (size_t)info_len, hex);
    buf_printf(&manifest, "%s  %d  BACKUP\n", hex, info_len);
    uint64_t size = 0, total = 0;
    int missing = 0;
    if (tar_add_file(&w, db_name, db_copy, hex, &size, &missing, err, sizeof err) != 0) goto fail;
    buf_printf(&manifest, "%s  %llu  %s\n", hex, (unsigned long long)size, db_name);
    total += size;

    /* 2. The files. */
    for (size_t i = 0; i < SAVED_DIR_COUNT; i++)
        if (walk(cfg->data_dir, SAVED_DIRS[i], &files) != 0) {
            fprintf(stderr, "loket backup: cannot read %s/%s: %s\n", cfg->data_dir, SAVED_DIRS[i], strerror(errno));
            goto out;
        }
    qsort(files.names, files.count, sizeof *files.names, cmp_names);
    size_t saved = 0, vanished = 0;
    for (size_t i = 0; i < files.count; i++) {
        char path[2048];
        snprintf(path, sizeof path, "%s/%s", cfg->data_dir, files.names[i]);
        if (tar_add_file(&w, files.names[i], path, hex, &size, &missing, err, sizeof err) != 0) {
            if (!missing) goto fail;
            /* Deleted after the database copy: the copy still names it, the file is gone. */
            fprintf(stderr, "loket backup: %s was deleted while the backup ran; left out\n", files.names[i]);
            vanished++;
            continue;
        }
        buf_printf(&manifest, "%s  %llu  %s\n", hex, (unsigned long long)size, files.names[i]);
        total += size;
        saved++;
    }
    sha256_hex_of(manifest.data, manifest.len, hex);
    buf_printf(&manifest, "end %s\n", hex);
    if (tar_add_bytes(&w, "MANIFEST", manifest.data, manifest.len, err, sizeof err) != 0 ||
        tar_finish(&w, err, sizeof err) != 0)
        goto fail;
    if (fsync(fd) != 0 || close(fd) != 0) {
        fd = -1;
        snprintf(err, sizeof err, "cannot write %.400s: %.400s", partial, strerror(errno));
        goto fail;
    }
    fd = -1;
    if (rename(partial, output) != 0) {
        snprintf(err, sizeof err, "cannot rename %.400s to %.400s: %.400s", partial, output, strerror(errno));
        goto fail;
    }
    printf("backup: %s — %s database (schema %d) and %zu files, %.1f MB, in %.2f s%s\n", output,
           pg ? "PostgreSQL" : "SQLite", schema, saved, (double)total / 1e6, seconds_since(&t0),
           vanished ? " (some files were deleted meanwhile; see above)" : "");
    rc = 0;
    goto out;
fail:
    fprintf(stderr, "loket backup: %s\n", err);
out:
    if (fd >= 0) close(fd);
    if (rc != 0) unlink(partial);
    if (staging[0]) remove_tree(staging);
    names_free(&files);
    buf_free(&manifest);
    store_close(s);
    return rc;
}

/* ---- restore ---- */

typedef struct {
    char name[TAR_NAME_MAX + 2];
    char sha[TAR_SHA256_HEX];
    uint64_t size;
    int listed;                 /* seen in the manifest */
} unpacked;

typedef struct {
    unpacked *items;
    size_t count, cap;
} unpacked_list;

static unpacked *find_unpacked(unpacked_list *l, const char *name)
{
    for (size_t i = 0; i < l->count; i++)
        if (strcmp(l->items[i].name, name) == 0) return &l->items[i];
    return NULL;
}

/* mkdir -p of the folders in staging/name's path. */
static int make_parents(const char *staging, const char *name)
{
    char path[2048];
    int n = snprintf(path, sizeof path, "%s/%s", staging, name);
    for (int i = (int)strlen(staging) + 1; i < n; i++) {
        if (path[i] != '/') continue;
        path[i] = '\0';
        if (mkdir(path, 0750) != 0 && errno != EEXIST) return -1;
        path[i] = '/';
    }
    return 0;
}

/* Unpacks the archive into staging; every entry once, each a regular file. */
static int unpack(int fd, const char *staging, unpacked_list *out, char *err, size_t errlen)
{
    tar_reader r = {.fd = fd};
    char name[TAR_NAME_MAX + 2];
    uint64_t size;
    int got;
    while ((got = tar_next(&r, name, sizeof name, &size, err, errlen)) == 1) {
        if (find_unpacked(out, name)) {
            snprintf(err, errlen, "the archive is damaged: \"%.400s\" appears twice", name);
            return -1;
        }
        char path[2048];
        snprintf(path, sizeof path, "%s/%s", staging, name);
        if (make_parents(staging, name) != 0) {
            snprintf(err, errlen, "cannot create a folder for %.400s: %.400s", path, strerror(errno));
            return -1;
        }
        int ofd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0640);
        if (ofd < 0) {
            snprintf(err, errlen, "cannot create %.400s: %.400s", path, strerror(errno));
            return -1;
        }
        if (out->count == out->cap) {
            out->cap = out->cap ? out->cap * 2 : 64;
            unpacked *grown = realloc(out->items, out->cap * sizeof *grown);
            if (!grown) abort();
            out->items = grown;
        }
        unpacked *u = &out->items[out->count++];
        memset(u, 0, sizeof *u);
        snprintf(u->name, sizeof u->name, "%s", name);
        u->size = size;
        int rc = tar_extract(&r, size, ofd, u->sha, err, errlen);
        if (rc == 0 && fsync(ofd) != 0) {
            snprintf(err, errlen, "cannot write %.400s: %.400s", path, strerror(errno));
            rc = -1;
        }
        close(ofd);
        if (rc != 0) return -1;
    }
    return got;   /* 0: the end marker was reached */
}

static char *read_small_file(const char *path, size_t max, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *data = malloc(max + 1);
    if (!data) abort();
    *len = fread(data, 1, max + 1, f);
    fclose(f);
    if (*len > max) {
        free(data);
        return NULL;
    }
    data[*len] = '\0';
    return data;
}

/* Checks the manifest against what was unpacked: its own end line, then every entry. */
static int check_manifest(const char *staging, unpacked_list *l, char *err, size_t errlen)
{
    unpacked *m = find_unpacked(l, "MANIFEST");
    if (!m) {
        snprintf(err, errlen, "the archive has no MANIFEST: it is not a Loket backup, or it was cut short");
        return -1;
    }
    m->listed = 1;
    char path[2048];
    snprintf(path, sizeof path, "%s/MANIFEST", staging);
    size_t len = 0;
    char *text = read_small_file(path, 64u << 20, &len);
    if (!text) {
        snprintf(err, errlen, "cannot read the MANIFEST");
        return -1;
    }
    int rc = -1;
    char *end = strstr(text, "end ");
    while (end && end != text && end[-1] != '\n') end = strstr(end + 1, "end ");
    char hex[TAR_SHA256_HEX];
    if (!end) {
        snprintf(err, errlen, "the MANIFEST is damaged: its end line is missing");
        goto out;
    }
    sha256_hex_of(text, (size_t)(end - text), hex);
    if (strncmp(end + 4, hex, 64) != 0 || end[68] != '\n' || end[69] != '\0') {
        snprintf(err, errlen, "the MANIFEST is damaged: its lines do not match its end checksum");
        goto out;
    }
    *end = '\0';
    for (char *line = text, *next; *line; line = next) {
        next = strchr(line, '\n');
        if (!next) break;
        *next++ = '\0';
        char sha[65], name[TAR_NAME_MAX + 2];
        unsigned long long size;
        if (sscanf(line, "%64s %llu %100s", sha, &size, name) != 3) {
            snprintf(err, errlen, "the MANIFEST is damaged: cannot read the line \"%.80s\"", line);
            goto out;
        }
        unpacked *u = find_unpacked(l, name);
        if (!u) {
            snprintf(err, errlen, "the archive is incomplete: %.400s is in the MANIFEST but not in the archive", name);
            goto out;
        }
        if (u->size != size || strcmp(u->sha, sha) != 0) {
            snprintf(err, errlen, "the archive is damaged: %.400s does not match its checksum in the MANIFEST", name);
            goto out;
        }
        u->listed = 1;
    }
    for (size_t i = 0; i < l->count; i++)
        if (!l->items[i].listed) {
            snprintf(err, errlen, "the archive holds %.400s, which the MANIFEST does not list", l->items[i].name);
            goto out;
        }
    rc = 0;
out:
    free(text);
    return rc;
}

/* "key=value" from BACKUP; NULL if absent (copied into out). */
static const char *info_value(const char *info, const char *key, char *out, size_t cap)
{
    size_t kl = strlen(key);
    for (const char *p = info; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
        if (strncmp(p, key, kl) == 0 && p[kl] == '=') {
            size_t n = strcspn(p + kl + 1, "\n");
            snprintf(out, cap, "%.*s", (int)n, p + kl + 1);
            return out;
        }
    }
    return NULL;
}

/* The first thing that is not a folder anywhere under dir (dot-files too: anything
 * there is someone's data); 1 found, 0 none. */
static int find_any_file(const char *dir, const char *rel, char *found, size_t cap)
{
    char path[2048];
    snprintf(path, sizeof path, "%s%s%s", dir, rel[0] ? "/" : "", rel);
    DIR *d = opendir(path);
    if (!d) return 0;
    struct dirent *e;
    int hit = 0;
    while (!hit && (e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        char child[1024], child_path[3100];
        snprintf(child, sizeof child, "%s%s%s", rel, rel[0] ? "/" : "", e->d_name);
        snprintf(child_path, sizeof child_path, "%s/%s", dir, child);
        struct stat st;
        if (lstat(child_path, &st) == 0 && S_ISDIR(st.st_mode)) {
            hit = find_any_file(dir, child, found, cap);
        } else {
            snprintf(found, cap, "%s", child);
            hit = 1;
        }
    }
    closedir(d);
    return hit;
}

/* Refuses a target that already holds data: a database with tables, or any file in the
 * data folder (empty sub-folders are fine). */
static int target_empty(const config *cfg)
{
    char err[1024], found[1024];
    int empty = store_url_empty(cfg->db_url, err, sizeof err);
    if (empty < 0) {
        fprintf(stderr, "loket restore: %s\n", err);
        return 0;
    }
    if (!empty) {
        fprintf(stderr, "loket restore: the database %s is not empty; restore only into a new, empty "
                        "database (nothing was changed)\n",
                store_url_kind(cfg->db_url) == STORE_PG ? "named by LOKET_DB" : cfg->db_url);
        return 0;
    }
    if (find_any_file(cfg->data_dir, "", found, sizeof found)) {
        fprintf(stderr, "loket restore: the data folder %s is not empty (it holds %s); restore only into an "
                        "empty folder (nothing was changed)\n", cfg->data_dir, found);
        return 0;
    }
    return 1;
}

int cmd_restore(const config *cfg, int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "loket restore: expected one archive, e.g. loket restore loket-backup-20261201T020000Z.tar\n");
        return 2;
    }
    const char *archive = argv[1];
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int fd = open(archive, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        fprintf(stderr, "loket restore: cannot read %s: %s\n", archive, strerror(errno));
        return 1;
    }
    if (!target_empty(cfg)) {
        close(fd);
        return 1;
    }
    int made_data_dir = access(cfg->data_dir, F_OK) != 0;
    if (config_prepare_data_dir(cfg) != 0) {
        close(fd);
        return 1;
    }
    int rc = 1;
    char err[1024] = "", staging[1200], path[2048], value[64];
    unpacked_list items = {0};
    char *info = NULL;
    snprintf(staging, sizeof staging, "%s/.restore-XXXXXX", cfg->data_dir);
    if (!mkdtemp(staging)) {
        fprintf(stderr, "loket restore: cannot create a folder in %s: %s\n", cfg->data_dir, strerror(errno));
        staging[0] = '\0';
        goto out;
    }
    if (unpack(fd, staging, &items, err, sizeof err) != 0 || check_manifest(staging, &items, err, sizeof err) != 0)
        goto refused;
    snprintf(path, sizeof path, "%s/BACKUP", staging);
    size_t info_len = 0;
    info = find_unpacked(&items, "BACKUP") ? read_small_file(path, 4096, &info_len) : NULL;
    if (!info || !info_value(info, "format", value, sizeof value) || atoi(value) != BACKUP_FORMAT) {
        snprintf(err, sizeof err, "the archive is not a Loket backup of format %d", BACKUP_FORMAT);
        goto refused;
    }
    int archive_pg = info_value(info, "database", value, sizeof value) && strcmp(value, "pg") == 0;
    int target_pg = store_url_kind(cfg->db_url) == STORE_PG;
    if (archive_pg != target_pg) {
        snprintf(err, sizeof err, "the archive holds a %.400s database but the target is %.400s; restore it into the same kind",
                 archive_pg ? "PostgreSQL" : "SQLite", target_pg ? "PostgreSQL" : "a SQLite file");
        goto refused;
    }
    int archive_schema = info_value(info, "schema", value, sizeof value) ? atoi(value) : 0;
    int newest = store_newest_migration(archive_pg ? STORE_PG : STORE_SQLITE);
    if (archive_schema > newest) {
        snprintf(err, sizeof err, "the archive was made by a newer Loket (schema %d; this one knows up to %d): "
                                  "restore it with that release or a later one", archive_schema, newest);
        goto refused;
    }
    const char *db_name = archive_pg ? "database.pgdump" : "database.sqlite";
    if (!find_unpacked(&items, db_name)) {
        snprintf(err, sizeof err, "the archive has no %.400s", db_name);
        goto refused;
    }

    /* Checked: now the database, then the folders. */
    snprintf(path, sizeof path, "%s/%s", staging, db_name);
    if (store_load_snapshot(cfg->db_url, path, err, sizeof err) != LK_OK) goto refused;
    size_t moved_files = 0;
    for (size_t i = 0; i < SAVED_DIR_COUNT; i++) {
        char from[2048], to[2048];
        snprintf(from, sizeof from, "%s/%s", staging, SAVED_DIRS[i]);
        snprintf(to, sizeof to, "%s/%s", cfg->data_dir, SAVED_DIRS[i]);
        if (access(from, F_OK) != 0) continue;
        rmdir(to);   /* the empty folder config_prepare_data_dir made */
        if (rename(from, to) != 0) {
            fprintf(stderr, "loket restore: the database was restored, but %s could not be moved to %s: %s\n",
                    from, to, strerror(errno));
            goto out;
        }
    }
    for (size_t i = 0; i < items.count; i++)
        if (strchr(items.items[i].name, '/')) moved_files++;
    printf("restore: %s — %s database (schema %s) and %zu files, in %.2f s\n", archive,
           archive_pg ? "PostgreSQL" : "SQLite", info_value(info, "schema", value, sizeof value) ? value : "?",
           moved_files, seconds_since(&t0));
    rc = 0;
    goto out;
refused:
    fprintf(stderr, "loket restore: %s (nothing was restored)\n", err);
out:
    close(fd);
    if (staging[0]) remove_tree(staging);
    if (rc != 0 && made_data_dir) {
        /* Leave no half state: only the empty folders this run made go again. */
        for (size_t i = 0; i < SAVED_DIR_COUNT; i++) {
            snprintf(path, sizeof path, "%s/%s", cfg->data_dir, SAVED_DIRS[i]);
            rmdir(path);
        }
        static const char *const made[] = {"tmp", "mail"};
        for (size_t i = 0; i < 2; i++) {
            snprintf(path, sizeof path, "%s/%s", cfg->data_dir, made[i]);
            rmdir(path);
        }
        rmdir(cfg->data_dir);
    }
    free(info);
    free(items.items);
    return rc;
}

/* domain/akun/cleanup.c — removing abandoned drafts, their scans and stale uploads (see
 * cleanup.h). */
#include "domain/akun/cleanup.h"
#include "util/arena.h"
#include "util/log.h"
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Loket's own file names only: never a path, never hidden. */
static int plain_name(const char *name)
{
    return name && *name && name[0] != '.' && !strchr(name, '/');
}

static int older_than(const char *path, time_t limit)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_mtime < limit;
}

static lk_err purge_drafts(store_conn *c, arena *a, const char *files_dir, time_t limit, int64_t *drafts, int64_t *scans)
{
    store_rows *r = store_query(c, "SELECT session_hash, identity_file FROM registration_draft WHERE updated_at < $1",
                                STORE_P(SP_I(limit)));
    if (!r) return LK_ERR_DB;
    const char *hashes[256], *files[256];
    size_t n = 0;
    int more;
    while (n < 256 && (more = store_next(r)) == 1) {
        hashes[n] = arena_strdup(a, store_text(r, 0));
        files[n] = store_text(r, 1) ? arena_strdup(a, store_text(r, 1)) : NULL;
        n++;
    }
    store_rows_close(r);
    for (size_t i = 0; i < n; i++) {
        /* The row first: a scan whose row is gone is an orphan the next pass removes. */
        if (store_exec(c, "DELETE FROM registration_draft WHERE session_hash = $1 AND updated_at < $2",
                       STORE_P(SP_T(hashes[i]), SP_I(limit)), NULL) != LK_OK)
            return LK_ERR_DB;
        (*drafts)++;
        if (plain_name(files[i]) && unlink(arena_printf(a, "%s/%s", files_dir, files[i])) == 0) (*scans)++;
    }
    return LK_OK;
}

static lk_err purge_orphan_scans(store_conn *c, arena *a, const char *files_dir, time_t limit, int64_t *scans)
{
    DIR *d = opendir(files_dir);
    if (!d) return errno == ENOENT ? LK_OK : LK_ERR_IO;
    lk_err e = LK_OK;
    struct dirent *ent;
    while (e == LK_OK && (ent = readdir(d))) {
        if (strncmp(ent->d_name, "identitas-", 10) != 0 || !plain_name(ent->d_name)) continue;
        const char *path = arena_printf(a, "%s/%s", files_dir, ent->d_name);
        if (!older_than(path, limit)) continue;
        int64_t used = 0;
        e = store_query_int(c,
            "SELECT (SELECT COUNT(*) FROM registration_draft WHERE identity_file = $1) + "
            "(SELECT COUNT(*) FROM pemohon_profile WHERE identity_file = $1)",
            STORE_P(SP_T(ent->d_name)), &used);
        if (e == LK_OK && used == 0 && unlink(path) == 0) (*scans)++;
    }
    closedir(d);
    return e;
}

static void purge_tmp(arena *a, const char *tmp_dir, time_t limit, int64_t *removed)
{
    DIR *d = opendir(tmp_dir);
    if (!d) return;
    struct dirent *ent;
    while ((ent = readdir(d))) {
        if (!plain_name(ent->d_name)) continue;
        const char *path = arena_printf(a, "%s/%s", tmp_dir, ent->d_name);
        if (older_than(path, limit) && unlink(path) == 0) (*removed)++;
    }
    closedir(d);
}

lk_err cleanup_run(store_conn *c, const char *data_dir, time_t now, cleanup_counts *out)
{
    memset(out, 0, sizeof *out);
    arena *a = arena_new();
    time_t limit = now - CLEANUP_AGE_S;
    const char *files_dir = arena_printf(a, "%s/files", data_dir);
    lk_err e = purge_drafts(c, a, files_dir, limit, &out->drafts, &out->scans);
    if (e == LK_OK) e = purge_orphan_scans(c, a, files_dir, limit, &out->scans);
    purge_tmp(a, arena_printf(a, "%s/tmp", data_dir), limit, &out->tmp_files);
    arena_free(a);
    if (out->drafts || out->scans || out->tmp_files)
        log_info("clean-up: %lld abandoned registration drafts, %lld identity scans, %lld temporary files removed",
                 (long long)out->drafts, (long long)out->scans, (long long)out->tmp_files);
    return e;
}

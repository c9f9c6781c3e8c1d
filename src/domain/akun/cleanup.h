/* domain/akun/cleanup.h — the periodic clean-up of what abandoned work leaves behind
 * (issue 9), run by `loket serve` at start and every ten minutes:
 *   - registration drafts untouched for CLEANUP_AGE_S, with their identity scans;
 *   - identity scans in DATA/files that no draft or applicant refers to any more (a
 *     draft goes with its expired session), once older than CLEANUP_AGE_S;
 *   - files in DATA/tmp older than CLEANUP_AGE_S (uploads of requests that died).
 * Scans are personal data: they must not outlive the registration that brought them. */
#ifndef LOKET_CLEANUP_H
#define LOKET_CLEANUP_H
#include <stdint.h>
#include <time.h>
#include "store/store.h"
#include "util/err.h"

#define CLEANUP_AGE_S 86400

typedef struct {
    int64_t drafts, scans, tmp_files;
} cleanup_counts;

lk_err cleanup_run(store_conn *c, const char *data_dir, time_t now, cleanup_counts *out);

#endif

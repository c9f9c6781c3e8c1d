/* cli/cmd_inbox.c — `loket inbox check|rebuild`: the officers' kept inbox counts
 * (domain/proses/inbox_tally.h) compared with the applications, or refilled from them.
 * Exit status 0 when they agree (check) or were refilled (rebuild), 1 when they differ
 * or cannot be read, 2 for bad usage. */
#include "cli/commands.h"
#include "domain/proses/inbox_tally.h"
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#define SHOWN_MAX 20   /* differences printed; the rest are counted */

static int check(store *s)
{
    store_conn *c = store_acquire(s);
    arena *a = arena_new();
    inbox_tally_diff *d = NULL;
    size_t n = 0;
    lk_err rc = inbox_tally_check(c, a, &d, &n);
    if (rc != LK_OK) fprintf(stderr, "loket inbox check: cannot read the counts: %s\n", store_errmsg(c));
    store_release(c);
    for (size_t i = 0; rc == LK_OK && i < n && i < SHOWN_MAX; i++)
        printf("instansi %" PRId64 " unit %" PRId64 " role %s step \"%s\" due %s: kept %" PRId64 ", counted %" PRId64 "\n",
               d[i].instansi_id, d[i].unit_id, d[i].role_key, d[i].step_name, *d[i].due_at ? d[i].due_at : "-",
               d[i].kept, d[i].counted);
    if (rc == LK_OK && n > SHOWN_MAX) printf("... and %zu more\n", n - SHOWN_MAX);
    if (rc == LK_OK && n) printf("inbox counts DIFFER in %zu group(s); loket inbox rebuild refills them\n", n);
    else if (rc == LK_OK) printf("inbox counts OK\n");
    arena_free(a);
    return rc != LK_OK || n ? 1 : 0;
}

static int rebuild(store *s)
{
    int64_t groups = 0;
    lk_err rc = inbox_tally_rebuild(s, &groups);
    if (rc != LK_OK) {
        fprintf(stderr, "loket inbox rebuild: failed (%s); nothing changed\n", lk_err_name(rc));
        return 1;
    }
    printf("inbox counts rebuilt: %" PRId64 " group(s)\n", groups);
    return 0;
}

int cmd_inbox(const config *cfg, int argc, char **argv)
{
    int is_check = argc == 2 && strcmp(argv[1], "check") == 0;
    if (!is_check && !(argc == 2 && strcmp(argv[1], "rebuild") == 0)) {
        fprintf(stderr, "loket inbox: expected \"check\" or \"rebuild\" (see loket inbox --help)\n");
        return 2;
    }
    store *s = cli_open_store(cfg, 1);
    if (!s) return 1;
    int status = is_check ? check(s) : rebuild(s);
    store_close(s);
    return status;
}

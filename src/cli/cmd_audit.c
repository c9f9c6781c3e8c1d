/* cli/cmd_audit.c — `loket audit verify`: walks the audit chain (domain/proses/audit.h)
 * and names the first record that does not fit.  Exit status 0 when the chain holds,
 * 1 when it is broken or unreadable, 2 for bad usage. */
#include "cli/commands.h"
#include "domain/proses/audit.h"
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

int cmd_audit(const config *cfg, int argc, char **argv)
{
    if (argc != 2 || strcmp(argv[1], "verify") != 0) {
        fprintf(stderr, "loket audit: expected \"verify\" (see loket audit --help)\n");
        return 2;
    }
    store *s = cli_open_store(cfg, 1);
    if (!s) return 1;
    store_conn *c = store_acquire(s);
    audit_report rep;
    lk_err rc = audit_verify(c, &rep);
    if (rc != LK_OK) fprintf(stderr, "loket audit verify: cannot read the audit trail: %s\n", store_errmsg(c));
    store_release(c);
    store_close(s);
    if (rc != LK_OK) return 1;
    if (rep.first_bad_id) {
        printf("audit chain BROKEN at record %" PRId64 ": %s (%" PRId64 " record(s) before it verified)\n",
               rep.first_bad_id, rep.reason, rep.checked);
        return 1;
    }
    printf("audit chain OK: %" PRId64 " record(s) verified\n", rep.checked);
    return 0;
}

/* cli/cmd_routes.c — `loket routes --json`: every address of the web interface with its
 * access rule (web/access.h), as the route table in web/routes.c registers them.  The
 * authorization matrix test reads it, so routes added later are tested without listing
 * them anywhere else.  Needs no database. */
#include "cli/commands.h"
#include "util/buf.h"
#include "web/access.h"
#include "web/app.h"
#include <stdio.h>
#include <string.h>

int cmd_routes(const config *cfg, int argc, char **argv)
{
    (void)cfg;
    if (argc != 2 || strcmp(argv[1], "--json") != 0) {
        fprintf(stderr, "loket routes: expected \"--json\" (see loket routes --help)\n");
        return 2;
    }
    http_router *rt = http_router_new();
    web_routes(rt);
    buf out = BUF_INIT;
    web_routes_json(&out);
    fputs(buf_str(&out), stdout);
    buf_free(&out);
    http_router_free(rt);
    web_routes_free();
    return 0;
}

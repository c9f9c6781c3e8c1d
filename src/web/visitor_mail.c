/* web/visitor_mail.c — per-recipient and per-client limits on visitors' mails (see
 * visitor_mail.h). */
#include "web/visitor_mail.h"
#include "domain/akun/throttle.h"
#include "web/page.h"
#include <ctype.h>
#include <string.h>
#include <time.h>

int visitor_mail_allowed(req *r, store_conn *c, const char *recipient)
{
    time_t now = time(NULL);
    char key[64];
    int by_client = 0, by_recipient = 1;
    throttle_key(key, "mail:ip:", req_client_ip(r), "");
    if (throttle_take(c, key, APP(r)->visitor_mails_per_client, VISITOR_MAIL_WINDOW_S, now, &by_client) != LK_OK) return 0;
    if (recipient) {
        char *lower = arena_strdup(r->a, recipient);
        for (char *p = lower; *p; p++) *p = (char)tolower((unsigned char)*p);
        throttle_key(key, "mail:to:", lower, "");
        if (throttle_take(c, key, VISITOR_MAIL_PER_RECIPIENT, VISITOR_MAIL_WINDOW_S, now, &by_recipient) != LK_OK)
            return 0;
    }
    return by_client && by_recipient;
}

/* web/visitor_mail.h — limits on the mails an anonymous visitor can make Loket send
 * (Lupa Password, Registrasi Pemohon), so the service cannot be used to flood an inbox
 * (issue 9, defect 6; docs/SECURITY.md "Mail").  Counted in the database
 * (domain/akun/throttle.h), so every `loket serve` process shares the counts. */
#ifndef LOKET_WEB_VISITOR_MAIL_H
#define LOKET_WEB_VISITOR_MAIL_H
#include "http/http.h"
#include "store/store.h"

#define VISITOR_MAIL_PER_RECIPIENT 3     /* per hour to one address */
#define VISITOR_MAIL_WINDOW_S 3600       /* per client: app->visitor_mails_per_client */

/* Counts one mail to `recipient` (NULL: not known yet) asked by this client; 1 if it may
 * be sent.  Both counts move whether or not the recipient has an account, so the answer
 * a caller gives must not differ either. */
int visitor_mail_allowed(req *r, store_conn *c, const char *recipient);

#endif

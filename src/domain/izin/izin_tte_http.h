/* domain/izin/izin_tte_http.h — one HTTP POST to a signature service (the remote signer's
 * Esign-shaped API, the timestamp authority), with libcurl: http or https only, HTTP basic
 * credentials when given, a whole-request timeout, the answer read up to a bound.  The
 * callers turn the outcome into their own messages. */
#ifndef LOKET_IZIN_TTE_HTTP_H
#define LOKET_IZIN_TTE_HTTP_H
#include <stddef.h>
#include "util/buf.h"

typedef struct {
    const char *url;
    const char *user, *password;      /* HTTP basic; NULL or "": none */
    const char *content_type, *accept;
    unsigned timeout_s;               /* the whole request */
    size_t answer_max;                /* a longer answer is a failure (UNREACHABLE) */
} tte_http_req;

typedef enum { TTE_HTTP_OK, TTE_HTTP_TIMEOUT, TTE_HTTP_UNREACHABLE } tte_http_outcome;

/* POSTs body[0..n); the answer's status in *status and its body appended to answer.
 * Failures are logged with the URL and curl's reason. */
tte_http_outcome tte_http_post(const tte_http_req *rq, const void *body, size_t n, long *status, buf *answer);

#endif

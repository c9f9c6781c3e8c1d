/* domain/izin/izin_tte_http.c — an HTTP POST to a signature service (see izin_tte_http.h). */
#include "domain/izin/izin_tte_http.h"
#include "util/log.h"
#include <curl/curl.h>
#include <pthread.h>
#include <stdio.h>

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;

static void curl_init(void)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
}

typedef struct {
    buf *b;
    size_t max;
} sink;

static size_t collect(char *p, size_t size, size_t n, void *ctx)
{
    sink *s = ctx;
    if (s->b->len + size * n > s->max) return 0;
    buf_put(s->b, p, size * n);
    return size * n;
}

tte_http_outcome tte_http_post(const tte_http_req *rq, const void *body, size_t n, long *status, buf *answer)
{
    pthread_once(&curl_once, curl_init);
    *status = 0;
    CURL *curl = curl_easy_init();
    if (!curl) return TTE_HTTP_UNREACHABLE;
    char err[CURL_ERROR_SIZE] = "", ct[160], ac[160];
    snprintf(ct, sizeof ct, "Content-Type: %s", rq->content_type);
    snprintf(ac, sizeof ac, "Accept: %s", rq->accept);
    struct curl_slist *headers = curl_slist_append(NULL, ct);
    headers = curl_slist_append(headers, ac);
    sink s = {answer, rq->answer_max};
    long timeout = rq->timeout_s ? (long)rq->timeout_s : 20;
    curl_easy_setopt(curl, CURLOPT_URL, rq->url);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)n);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &s);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, err);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, timeout);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, timeout < 10 ? timeout : 10L);
    if (rq->user && *rq->user) {
        curl_easy_setopt(curl, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
        curl_easy_setopt(curl, CURLOPT_USERNAME, rq->user);
        curl_easy_setopt(curl, CURLOPT_PASSWORD, rq->password ? rq->password : "");
    }
    CURLcode rc = curl_easy_perform(curl);
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, status);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    if (rc == CURLE_OPERATION_TIMEDOUT) {
        log_warn("tte: %s timed out after %ld s", rq->url, timeout);
        return TTE_HTTP_TIMEOUT;
    }
    if (rc != CURLE_OK) {
        log_warn("tte: %s: %s", rq->url, *err ? err : curl_easy_strerror(rc));
        return TTE_HTTP_UNREACHABLE;
    }
    return TTE_HTTP_OK;
}

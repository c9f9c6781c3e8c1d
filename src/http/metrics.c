/* http/metrics.c — the HTTP layer's counters for /metrics: requests by route and status
 * and a latency histogram, kept in atomics so recording a request takes no lock.
 * Statuses are counted in a fixed set of slots (the codes Loket answers with, then one
 * "other"), so the table is allocated once, when the server starts. */
#include "http/internal.h"
#include "util/alloc.h"
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>

static const int STATUSES[] = {0,   200, 201, 204, 301, 302, 303, 304, 307, 308, 400, 401, 403,
                               404, 405, 408, 409, 410, 413, 415, 422, 429, 431, 500, 502, 503};
enum { STATUS_SLOTS = sizeof STATUSES / sizeof *STATUSES + 1 };   /* + "other" */
/* Upper bounds in seconds of the latency buckets (Prometheus' "le"), then +Inf. */
static const double BUCKETS[] = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
enum { BUCKET_COUNT = sizeof BUCKETS / sizeof *BUCKETS + 1 };

struct http_stats {
    size_t routes;
    _Atomic uint64_t *by_route;   /* (routes + 1) x STATUS_SLOTS; the last row: unmatched */
    _Atomic uint64_t buckets[BUCKET_COUNT];
    _Atomic uint64_t micros;      /* sum of durations */
};

http_stats *stats_new(size_t routes)
{
    http_stats *st = xcalloc(1, sizeof *st);
    st->routes = routes;
    st->by_route = xcalloc((routes + 1) * STATUS_SLOTS, sizeof *st->by_route);
    return st;
}

void stats_free(http_stats *st)
{
    if (!st) return;
    free(st->by_route);
    free(st);
}

static size_t status_slot(int status)
{
    for (size_t i = 0; i < STATUS_SLOTS - 1; i++)
        if (STATUSES[i] == status) return i;
    return STATUS_SLOTS - 1;
}

void stats_record(http_stats *st, int route, int status, double ms)
{
    size_t row = route >= 0 && (size_t)route < st->routes ? (size_t)route : st->routes;
    atomic_fetch_add_explicit(&st->by_route[row * STATUS_SLOTS + status_slot(status)], 1, memory_order_relaxed);
    double s = ms / 1000;
    size_t b = 0;
    while (b < BUCKET_COUNT - 1 && s > BUCKETS[b]) b++;
    atomic_fetch_add_explicit(&st->buckets[b], 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&st->micros, (uint64_t)(ms * 1000), memory_order_relaxed);
}

void stats_write(const http_stats *st, const http_router *rt, buf *out)
{
    buf_puts(out, "# HELP loket_http_requests_total Requests answered, by route pattern and status (0: aborted).\n"
                  "# TYPE loket_http_requests_total counter\n");
    for (size_t r = 0; r <= st->routes; r++) {
        const char *method = "", *pattern = "(unmatched)";
        if (r < st->routes) router_route(rt, r, &method, &pattern);
        for (size_t s = 0; s < STATUS_SLOTS; s++) {
            uint64_t n = atomic_load_explicit(&st->by_route[r * STATUS_SLOTS + s], memory_order_relaxed);
            if (!n) continue;
            /* Patterns are Loket's own ("/katalog/:instansi"): no quoting needed. */
            if (s < STATUS_SLOTS - 1)
                buf_printf(out, "loket_http_requests_total{method=\"%s\",route=\"%s\",status=\"%d\"} %llu\n",
                           method, pattern, STATUSES[s], (unsigned long long)n);
            else
                buf_printf(out, "loket_http_requests_total{method=\"%s\",route=\"%s\",status=\"other\"} %llu\n",
                           method, pattern, (unsigned long long)n);
        }
    }
    buf_puts(out, "# HELP loket_http_request_duration_seconds Time from the first byte of a request to its answer.\n"
                  "# TYPE loket_http_request_duration_seconds histogram\n");
    uint64_t cumulative = 0;
    for (size_t b = 0; b < BUCKET_COUNT; b++) {
        cumulative += atomic_load_explicit(&st->buckets[b], memory_order_relaxed);
        if (b < BUCKET_COUNT - 1)
            buf_printf(out, "loket_http_request_duration_seconds_bucket{le=\"%g\"} %llu\n", BUCKETS[b],
                       (unsigned long long)cumulative);
        else
            buf_printf(out, "loket_http_request_duration_seconds_bucket{le=\"+Inf\"} %llu\n",
                       (unsigned long long)cumulative);
    }
    buf_printf(out, "loket_http_request_duration_seconds_sum %.6f\n",
               (double)atomic_load_explicit(&st->micros, memory_order_relaxed) / 1e6);
    buf_printf(out, "loket_http_request_duration_seconds_count %llu\n", (unsigned long long)cumulative);
}

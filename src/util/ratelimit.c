/* util/ratelimit.c — per-key token buckets in a fixed table (see ratelimit.h). */
#include "util/ratelimit.h"
#include "util/alloc.h"
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>

#define SLOTS 4096

typedef struct {
    uint64_t key_hash;
    double tokens;
    long long at_ms;
} bucket;

struct ratelimit {
    pthread_mutex_t lock;
    double per_ms, burst;
    bucket slots[SLOTS];
};

ratelimit *ratelimit_new(unsigned per_minute, unsigned burst)
{
    ratelimit *rl = xcalloc(1, sizeof *rl);
    pthread_mutex_init(&rl->lock, NULL);
    rl->per_ms = per_minute / 60000.0;
    rl->burst = burst ? burst : 1;
    return rl;
}

void ratelimit_free(ratelimit *rl)
{
    if (!rl) return;
    pthread_mutex_destroy(&rl->lock);
    free(rl);
}

static uint64_t fnv1a(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h | 1;   /* 0 marks an unused slot */
}

int ratelimit_take(ratelimit *rl, const char *key, long long now_ms)
{
    uint64_t h = fnv1a(key ? key : "");
    pthread_mutex_lock(&rl->lock);
    bucket *b = &rl->slots[h % SLOTS];
    if (!b->key_hash) {   /* first use of the slot: a full bucket */
        b->key_hash = h;
        b->tokens = rl->burst;
        b->at_ms = now_ms;
    }
    double refill = (double)(now_ms - b->at_ms) * rl->per_ms;
    if (refill > 0) {
        b->tokens = b->tokens + refill > rl->burst ? rl->burst : b->tokens + refill;
        b->at_ms = now_ms;
    }
    int ok = b->tokens >= 1.0;
    if (ok) b->tokens -= 1.0;
    pthread_mutex_unlock(&rl->lock);
    return ok;
}

long long ratelimit_now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

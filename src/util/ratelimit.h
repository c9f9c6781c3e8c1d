/* util/ratelimit.h — a per-key token bucket in memory (e.g. per client address), for
 * public pages an attacker could hammer (the permit verification).  Each key may make
 * `burst` requests at once and then `per_minute` a minute.  A fixed table of slots
 * hashed by key: memory never grows; keys that hash to one slot share its bucket,
 * which only ever makes the limit stricter.  Thread-safe; one lock, held for a few
 * instructions, so throttling never slows the pages that do not use it. */
#ifndef LOKET_RATELIMIT_H
#define LOKET_RATELIMIT_H
#include <time.h>

typedef struct ratelimit ratelimit;

ratelimit *ratelimit_new(unsigned per_minute, unsigned burst);
void ratelimit_free(ratelimit *rl);
/* 1 if `key` may go ahead at `now_ms` (milliseconds on any monotonic clock), else 0. */
int ratelimit_take(ratelimit *rl, const char *key, long long now_ms);
/* Milliseconds of a monotonic clock, for ratelimit_take. */
long long ratelimit_now_ms(void);

#endif

/* domain/akun/throttle.h — counters that slow down guessing and flooding, stored in the
 * database (table login_throttle) so every `loket serve` process shares them.
 *
 * Two kinds, both under a text key of at most 64 bytes (throttle_key hashes long ones):
 *   failures  throttle_wait / throttle_fail / throttle_clear: after `free_tries`
 *             failures each further one makes the key wait 2^n seconds (at most
 *             max_delay_s); the `lock_at`-th locks it for lock_s and starts the count
 *             again.  A count older than lock_s is forgotten.
 *   rate      throttle_take: at most `limit` uses per window_s. */
#ifndef LOKET_THROTTLE_H
#define LOKET_THROTTLE_H
#include <stdint.h>
#include <time.h>
#include "store/store.h"
#include "util/err.h"

typedef struct {
    int64_t free_tries, lock_at, lock_s, max_delay_s;
} throttle_rule;

/* "prefix" + the first 40 hex digits of SHA-256(part1 "\n" part2): a key of fixed
 * length for names and addresses of any length.  out must hold 64 bytes. */
void throttle_key(char out[64], const char *prefix, const char *part1, const char *part2);

/* Seconds until `key` may try again (0 = now). */
lk_err throttle_wait(store_conn *c, const char *key, time_t now, int64_t *wait_s);
/* Counts one failure for `key` and sets its wait by `rule`. */
lk_err throttle_fail(store_conn *c, const char *key, const throttle_rule *rule, time_t now);
lk_err throttle_clear(store_conn *c, const char *key);
/* Counts one use of `key` in the current window; *allowed = 0 once over `limit`. */
lk_err throttle_take(store_conn *c, const char *key, int64_t limit, int64_t window_s, time_t now,
                     int *allowed);

#endif

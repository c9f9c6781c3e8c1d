/* domain/akun/throttle.c — failure and rate counters (see throttle.h). */
#include "domain/akun/throttle.h"
#include "util/crypto.h"
#include <stdio.h>
#include <string.h>

void throttle_key(char out[64], const char *prefix, const char *part1, const char *part2)
{
    char joined[1024];
    snprintf(joined, sizeof joined, "%s\n%s", part1 ? part1 : "", part2 ? part2 : "");
    char hash[TOKEN_HASH_CHARS + 1];
    token_hash(joined, hash);
    snprintf(out, 64, "%.20s%.40s", prefix, hash);
}

lk_err throttle_wait(store_conn *c, const char *key, time_t now, int64_t *wait_s)
{
    int64_t until = 0;
    lk_err e = store_query_int(c, "SELECT locked_until FROM login_throttle WHERE client = $1",
                               STORE_P(SP_T(key)), &until);
    if (e != LK_OK && e != LK_ERR_NOTFOUND) return e;
    *wait_s = until > now ? until - now : 0;
    return LK_OK;
}

/* The wait that follows the n-th failure. */
static int64_t wait_after(int64_t failures, const throttle_rule *rule, time_t now)
{
    if (failures >= rule->lock_at) return now + rule->lock_s;
    if (failures < rule->free_tries) return 0;
    int64_t shift = failures - rule->free_tries + 1;
    int64_t delay = shift >= 20 ? rule->max_delay_s : (int64_t)1 << shift;
    return now + (delay > rule->max_delay_s ? rule->max_delay_s : delay);
}

lk_err throttle_fail(store_conn *c, const char *key, const throttle_rule *rule, time_t now)
{
    int64_t failures = 0;
    /* A count whose last failure is older than a lock is forgotten. */
    lk_err e = store_query_int(c,
        "INSERT INTO login_throttle (client, failures, last_failed_at) VALUES ($1, 1, $2) "
        "ON CONFLICT (client) DO UPDATE SET failures = CASE WHEN login_throttle.last_failed_at < $3 "
        "THEN 1 ELSE login_throttle.failures + 1 END, last_failed_at = $2 RETURNING failures",
        STORE_P(SP_T(key), SP_I(now), SP_I(now - rule->lock_s)), &failures);
    if (e != LK_OK) return e;
    /* A full lock starts the count again, so the next round begins with free tries. */
    return store_exec(c, "UPDATE login_throttle SET locked_until = $1, failures = CASE WHEN $2 >= $3 THEN 0 ELSE failures END "
                         "WHERE client = $4",
                      STORE_P(SP_I(wait_after(failures, rule, now)), SP_I(failures), SP_I(rule->lock_at), SP_T(key)),
                      NULL);
}

lk_err throttle_clear(store_conn *c, const char *key)
{
    return store_exec(c, "DELETE FROM login_throttle WHERE client = $1", STORE_P(SP_T(key)), NULL);
}

lk_err throttle_take(store_conn *c, const char *key, int64_t limit, int64_t window_s, time_t now,
                     int *allowed)
{
    int64_t used = 0;
    /* last_failed_at holds the window's start here. */
    lk_err e = store_query_int(c,
        "INSERT INTO login_throttle (client, failures, last_failed_at) VALUES ($1, 1, $2) "
        "ON CONFLICT (client) DO UPDATE SET "
        "failures = CASE WHEN login_throttle.last_failed_at <= $3 THEN 1 ELSE login_throttle.failures + 1 END, "
        "last_failed_at = CASE WHEN login_throttle.last_failed_at <= $3 THEN $2 ELSE login_throttle.last_failed_at END "
        "RETURNING failures",
        STORE_P(SP_T(key), SP_I(now), SP_I(now - window_s)), &used);
    if (e != LK_OK) return e;
    *allowed = used <= limit;
    return LK_OK;
}

/* tests/unit/test_audit.c — the hash-chained audit trail (domain/proses/audit.h) on SQLite
 * and PostgreSQL: appends from several threads at once form one unbroken, gap-free chain;
 * a rolled-back append leaves no trace; a record changed, removed or inserted directly in
 * the database is named by audit_verify. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>
#include "domain/proses/audit.h"
#include "testdb.h"
#include "util/log.h"

enum { THREADS = 4, PER_THREAD = 20 };

static testdb db = {.name = "audit", .pool = THREADS};

static int setup(void **st) { return testdb_setup(&db); }
static int teardown(void **st) { return testdb_teardown(&db); }

static lk_err append(store_conn *c, int64_t who, const char *detail, int commit)
{
    lk_err e;
    while ((e = store_begin(c)) == LK_ERR_BUSY) usleep(1000);
    if (e) return e;
    audit_entry en = {.account_id = who, .instansi_id = 1, .action = "permohonan.teruskan",
                      .object_type = "permohonan", .object_id = 42, .detail = detail};
    e = audit_record(c, &en, 1764547200, NULL);
    if (e || !commit) {
        store_rollback(c);
        return e;
    }
    return store_commit(c);
}

static void *appender(void *arg)
{
    int *failures = arg;
    store_conn *c = store_acquire(db.s);
    for (int i = 0; i < PER_THREAD; i++) {
        if (i == 3 && append(c, 9, "rolled back", 0)) (*failures)++;
        if (append(c, i % 3 ? 7 : 0, i % 2 ? "langkah 1 → 2: berkas lengkap" : NULL, 1)) (*failures)++;
    }
    store_release(c);
    return NULL;
}

static void expect_verify(int64_t checked, int64_t bad_id)
{
    store_conn *c = store_acquire(db.s);
    audit_report rep;
    assert_int_equal(audit_verify(c, &rep), LK_OK);
    store_release(c);
    if (rep.first_bad_id != bad_id) fail_msg("first bad %lld (%s), expected %lld", (long long)rep.first_bad_id,
                                             rep.reason, (long long)bad_id);
    assert_int_equal(rep.checked, checked);
}

static void sql(const char *text)
{
    store_conn *c = store_acquire(db.s);
    if (store_exec(c, text, STORE_NOP, NULL)) fail_msg("%s: %s", text, store_errmsg(c));
    store_release(c);
}

static void test_concurrent_appends_form_one_chain(void **st)
{
    expect_verify(0, 0);
    pthread_t t[THREADS];
    int failures[THREADS] = {0};
    for (int i = 0; i < THREADS; i++) assert_int_equal(pthread_create(&t[i], NULL, appender, &failures[i]), 0);
    for (int i = 0; i < THREADS; i++) pthread_join(t[i], NULL);
    for (int i = 0; i < THREADS; i++) assert_int_equal(failures[i], 0);
    expect_verify(THREADS * PER_THREAD, 0);
    store_conn *c = store_acquire(db.s);
    int64_t n = 0;
    assert_int_equal(store_query_int(c, "SELECT count(*) FROM audit_log WHERE detail = 'rolled back'", STORE_NOP, &n),
                     LK_OK);
    store_release(c);
    assert_int_equal(n, 0);
}

static void test_tampering_is_named(void **st)
{
    /* A changed note in record 17. */
    sql("UPDATE audit_log SET detail = 'disetujui' WHERE id = 17");
    expect_verify(16, 17);
    sql("UPDATE audit_log SET account_id = 99 WHERE id = 17");
    expect_verify(16, 17);
    /* A record rewritten with a hash recomputed by someone who does not know the scheme
     * still breaks the link to the next record. */
    sql("UPDATE audit_log SET hash = prev_hash WHERE id = 17");
    expect_verify(16, 17);
}

static void test_removal_and_insertion_are_named(void **st)
{
    /* Restore 17 by removing the tail from 17 on and re-checking what is left. */
    sql("DELETE FROM audit_log WHERE id >= 17");
    expect_verify(16, 17);   /* the head still says 80: records were removed from the end */
    sql("UPDATE audit_head SET last_id = 16, last_hash = (SELECT hash FROM audit_log WHERE id = 16)");
    expect_verify(16, 0);
    sql("DELETE FROM audit_log WHERE id = 5");
    expect_verify(4, 5);     /* a gap */
    /* A record forged in its place, with a correct-looking prev_hash but no valid hash. */
    sql("INSERT INTO audit_log (id, at, action, object_type, prev_hash, hash) SELECT 5, at, 'akun.hapus', 'account',"
        " hash, hash FROM audit_log WHERE id = 4");
    expect_verify(4, 5);
}

int main(void)
{
    log_set_level(LOG_WARN);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_concurrent_appends_form_one_chain),
        cmocka_unit_test(test_tampering_is_named),
        cmocka_unit_test(test_removal_and_insertion_are_named),
    };
    return testdb_run_both("audit chain", tests, &db, setup, teardown) ? 1 : 0;
}

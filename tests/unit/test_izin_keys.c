/* tests/unit/test_izin_keys.c — signing keys (domain/izin/izin_keys.h) and verdicts
 * (izin_verify.h) on SQLite and PostgreSQL: the private key only in a 0600 file, one
 * active key per instansi, a rotated key still verifying what it signed while the new one
 * signs, a revoked key verifying nothing (also for the offline verifier reading
 * DATA/keys), and the audit records of every change. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sodium.h>
#include <sys/stat.h>
#include "domain/izin/izin.h"
#include "domain/izin/izin_keys.h"
#include "domain/izin/izin_verify.h"
#include "testdb.h"
#include "util/arena.h"

static testdb db = {.name = "izinkeys", .pool = 2};
static char data_dir[256];
static int64_t instansi_id;

static int setup(void **st)
{
    if (testdb_setup(&db)) return -1;
    snprintf(data_dir, sizeof data_dir, "%s/loket-keys-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(data_dir)) return -1;
    store_conn *c = store_acquire(db.s);
    lk_err e = store_exec(c, "INSERT INTO wilayah (code, level, name, name_lower) VALUES ('19', 1, 'Kepulauan Bangka Belitung', 'kepulauan bangka belitung')", STORE_NOP, NULL);
    if (!e) e = store_exec(c, "INSERT INTO wilayah (code, parent_code, level, name, name_lower) VALUES ('19.71', '19', 2, 'Kota Pangkal Pinang', 'kota pangkal pinang')", STORE_NOP, NULL);
    if (!e) e = store_query_int(c, "INSERT INTO instansi (slug, name, wilayah_code, office_name) VALUES ('kota-pangkalpinang',"
                                   " 'Pemerintah Kota Pangkalpinang', '19.71', 'DPMPTSP') RETURNING id", STORE_NOP, &instansi_id);
    store_release(c);
    return e ? -1 : 0;
}

static int teardown(void **st)
{
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", data_dir);
    if (system(cmd) != 0) return -1;
    return testdb_teardown(&db);
}

static izin_signed fields(const char *kid, const char *nomor)
{
    izin_signed f = {.nomor = nomor, .jenis_izin = "Izin Reklame", .pemegang = "CV Maju Jaya", .wilayah = "19.71",
                     .berlaku_dari = "2026-12-01", .berlaku_sampai = "2027-11-30"};
    snprintf(f.kid, sizeof f.kid, "%s", kid);
    return f;
}

static const char *signed_code(arena *a, const char *nomor, char kid[IZIN_KID_CHARS + 1])
{
    unsigned char sk[IZIN_SK_BYTES], sig[IZIN_SIG_BYTES];
    store_conn *c = store_acquire(db.s);
    assert_int_equal(izin_key_signing(c, data_dir, instansi_id, kid, sk), LK_OK);
    store_release(c);
    izin_signed f = fields(kid, nomor);
    assert_int_equal(izin_sign(&f, sk, sig), LK_OK);
    const char *code = NULL;
    assert_int_equal(izin_code_encode(a, &f, sig, &code), LK_OK);
    return code;
}

static izin_verdict_kind offline(arena *a, const char *code, int from_db)
{
    izin_keyring *ring = izin_keyring_new();
    store_conn *c = from_db ? store_acquire(db.s) : NULL;
    izin_keyring_load(ring, c, from_db ? NULL : data_dir);
    if (c) store_release(c);
    izin_verdict v;
    assert_int_equal(izin_verify(NULL, ring, a, code, "2026-12-05", &v), LK_OK);
    izin_keyring_free(ring);
    return v.kind;
}

static void test_create_rotate_revoke(void **st)
{
    arena *a = arena_new();
    char kid1[IZIN_KID_CHARS + 1], kid2[IZIN_KID_CHARS + 1], old[IZIN_KID_CHARS + 1], got[IZIN_KID_CHARS + 1];
    const char *msg = NULL;
    store_conn *c0 = store_acquire(db.s);
    assert_int_equal(izin_ready(c0, data_dir, instansi_id, &msg), LK_ERR_INVALID);   /* no key yet */
    assert_non_null(strstr(msg, "loket keys create"));
    store_release(c0);
    assert_int_equal(izin_key_create(db.s, data_dir, "kota-pangkalpinang", 0, 1764547200, kid1), LK_OK);
    assert_int_equal(izin_key_create(db.s, data_dir, "kota-pangkalpinang", 0, 1764547200, kid2), LK_ERR_CONFLICT);
    assert_int_equal(izin_key_create(db.s, data_dir, "tidak-ada", 0, 1764547200, kid2), LK_ERR_NOTFOUND);

    /* The private half: a 0600 file, never a column. */
    char path[400];
    snprintf(path, sizeof path, "%s/keys/%s.key", data_dir, kid1);
    struct stat sb;
    assert_int_equal(stat(path, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);
    snprintf(path, sizeof path, "%s/keys", data_dir);
    assert_int_equal(stat(path, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0700);
    store_conn *c = store_acquire(db.s);
    assert_int_equal(izin_ready(c, data_dir, instansi_id, &msg), LK_OK);
    int64_t n = 0;
    assert_int_equal(store_query_int(c, "SELECT COUNT(*) FROM izin_key WHERE length(public_key) = 64", STORE_NOP, &n), LK_OK);
    assert_int_equal(n, 1);
    store_release(c);

    const char *code1 = signed_code(a, "503/001/IR/2026", got);
    assert_string_equal(got, kid1);
    assert_int_equal(offline(a, code1, 1), IZIN_V_BERLAKU);
    assert_int_equal(offline(a, code1, 0), IZIN_V_BERLAKU);

    /* Rotation: the new key signs, the old one still verifies, its private file is gone. */
    assert_int_equal(izin_key_rotate(db.s, data_dir, "kota-pangkalpinang", 0, 1764550000, kid2, old), LK_OK);
    assert_string_equal(old, kid1);
    assert_string_not_equal(kid2, kid1);
    snprintf(path, sizeof path, "%s/keys/%s.key", data_dir, kid1);
    assert_int_not_equal(access(path, F_OK), 0);
    const char *code2 = signed_code(a, "503/002/IR/2026", got);
    assert_string_equal(got, kid2);
    assert_int_equal(offline(a, code1, 1), IZIN_V_BERLAKU);
    assert_int_equal(offline(a, code1, 0), IZIN_V_BERLAKU);
    assert_int_equal(offline(a, code2, 0), IZIN_V_BERLAKU);
    c = store_acquire(db.s);
    izin_key_info info;
    assert_int_equal(izin_key_get(c, a, kid1, &info), LK_OK);
    assert_string_equal(info.status, "diganti");
    store_release(c);

    /* Revocation: what the key signed is not genuine any more, online and offline. */
    assert_int_equal(izin_key_revoke(db.s, data_dir, kid1, "kunci bocor", 0, 1764560000), LK_OK);
    assert_int_equal(izin_key_revoke(db.s, data_dir, kid1, "lagi", 0, 1764560000), LK_ERR_CONFLICT);
    assert_int_equal(izin_key_revoke(db.s, data_dir, "00000000", "x", 0, 1764560000), LK_ERR_NOTFOUND);
    assert_int_equal(offline(a, code1, 1), IZIN_V_TIDAK_ASLI);
    assert_int_equal(offline(a, code1, 0), IZIN_V_TIDAK_ASLI);
    assert_int_equal(offline(a, code2, 0), IZIN_V_BERLAKU);

    /* Online, a signature that fits but no registered permit is not genuine either. */
    c = store_acquire(db.s);
    izin_verdict v;
    assert_int_equal(izin_verify(c, NULL, a, code2, "2026-12-05", &v), LK_OK);
    assert_int_equal(v.kind, IZIN_V_TIDAK_ASLI);
    assert_non_null(strstr(v.reason, "tidak terdaftar"));

    int64_t audits = 0;
    assert_int_equal(store_query_int(c, "SELECT COUNT(*) FROM audit_log WHERE object_type = 'izin_key'", STORE_NOP, &audits), LK_OK);
    assert_int_equal(audits, 3);   /* buat, ganti, cabut */
    izin_key_info *list;
    size_t count;
    assert_int_equal(izin_key_list(c, a, data_dir, NULL, &list, &count), LK_OK);
    assert_int_equal(count, 2);
    assert_false(list[0].has_private);
    assert_true(list[1].has_private);
    store_release(c);
    arena_free(a);
}

int main(void)
{
    if (sodium_init() < 0) return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_create_rotate_revoke),
    };
    return testdb_run_both("izin_keys", tests, &db, setup, teardown);
}

/* tests/unit/test_izin_code.c — what a permit's signature covers (domain/izin/izin_code.h):
 * the canonical serialisation byte for byte, the sign/verify and code round trip, every
 * tampered field and every changed or cut byte of the code refused, bad fields refused
 * before signing. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include "domain/izin/izin_code.h"
#include "util/arena.h"

static unsigned char pk[IZIN_PK_BYTES], sk[IZIN_SK_BYTES];

static izin_signed sample(void)
{
    izin_signed f = {.nomor = "503/007/SIP/DPMPTSP/2026", .jenis_izin = "Surat Izin Praktik Dokter (SIP Dokter)",
                     .pemegang = "dr. Siti Rahmawati Nurjanah", .wilayah = "19.71", .berlaku_dari = "2026-12-01",
                     .berlaku_sampai = "2031-11-30"};
    izin_kid_of(pk, f.kid);
    return f;
}

static void test_canonical_bytes(void **st)
{
    izin_signed f = sample();
    buf b = BUF_INIT;
    assert_int_equal(izin_canonical(&f, &b), LK_OK);
    char expected[600];
    snprintf(expected, sizeof expected,
             "loket-izin/1\nkid:%s\nnomor:503/007/SIP/DPMPTSP/2026\njenis_izin:Surat Izin Praktik Dokter (SIP Dokter)\n"
             "pemegang:dr. Siti Rahmawati Nurjanah\nwilayah:19.71\nberlaku_dari:2026-12-01\nberlaku_sampai:2031-11-30\n",
             f.kid);
    assert_string_equal(buf_str(&b), expected);
    buf_reset(&b);
    f.berlaku_sampai = "";   /* no expiry */
    assert_int_equal(izin_canonical(&f, &b), LK_OK);
    assert_non_null(strstr(buf_str(&b), "\nberlaku_sampai:-\n"));
    buf_free(&b);
}

static void test_round_trip_and_tampered_fields(void **st)
{
    arena *a = arena_new();
    izin_signed f = sample();
    unsigned char sig[IZIN_SIG_BYTES], sig2[IZIN_SIG_BYTES];
    assert_int_equal(izin_sign(&f, sk, sig), LK_OK);
    assert_true(izin_signature_ok(&f, sig, pk));
    const char *code = NULL;
    assert_int_equal(izin_code_encode(a, &f, sig, &code), LK_OK);
    print_message("code: %zu characters\n", strlen(code));
    assert_true(strlen(code) < 300);
    izin_signed g;
    assert_int_equal(izin_code_decode(a, code, &g, sig2), LK_OK);
    assert_string_equal(g.kid, f.kid);
    assert_string_equal(g.nomor, f.nomor);
    assert_string_equal(g.pemegang, f.pemegang);
    assert_string_equal(g.berlaku_sampai, f.berlaku_sampai);
    assert_memory_equal(sig, sig2, IZIN_SIG_BYTES);
    assert_true(izin_signature_ok(&g, sig2, pk));
    /* The whole address decodes too. */
    assert_int_equal(izin_code_decode(a, arena_printf(a, "https://izin.example.go.id/v/%s", code), &g, sig2), LK_OK);

    /* Every field changed on its own breaks the signature. */
    const char *const changed[] = {"503/008/SIP/DPMPTSP/2026", "Surat Izin Praktik Bidan", "dr. Siti Rahmawati",
                                   "19.72", "2026-12-02", "2032-11-30"};
    for (int i = 0; i < 6; i++) {
        izin_signed t = f;
        const char **field[] = {&t.nomor, &t.jenis_izin, &t.pemegang, &t.wilayah, &t.berlaku_dari, &t.berlaku_sampai};
        *field[i] = changed[i];
        if (izin_signature_ok(&t, sig, pk)) fail_msg("field %d changed and the signature still fits", i);
    }
    izin_signed t = f;
    t.berlaku_sampai = "";
    assert_false(izin_signature_ok(&t, sig, pk));
    t = f;
    t.kid[0] = t.kid[0] == 'a' ? 'b' : 'a';
    assert_false(izin_signature_ok(&t, sig, pk));
    /* Another key's signature does not fit. */
    unsigned char pk2[IZIN_PK_BYTES], sk2[IZIN_SK_BYTES];
    crypto_sign_keypair(pk2, sk2);
    assert_false(izin_signature_ok(&f, sig, pk2));
    arena_free(a);
}

/* A changed character anywhere in the code, or a cut one, never passes as genuine. */
static void test_every_changed_byte_of_the_code(void **st)
{
    arena *a = arena_new();
    izin_signed f = sample();
    unsigned char sig[IZIN_SIG_BYTES], got[IZIN_SIG_BYTES];
    assert_int_equal(izin_sign(&f, sk, sig), LK_OK);
    const char *code = NULL;
    assert_int_equal(izin_code_encode(a, &f, sig, &code), LK_OK);
    size_t n = strlen(code);
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    int refused = 0;
    for (size_t i = 0; i < n; i++) {
        char *t = arena_strdup(a, code);
        t[i] = alphabet[(strchr(alphabet, t[i]) - alphabet + 17) % 64];
        izin_signed g;
        if (izin_code_decode(a, t, &g, got) == LK_OK && izin_signature_ok(&g, got, pk))
            fail_msg("the code with character %zu changed still verifies", i);
        refused++;
    }
    for (size_t cut = 1; cut < n; cut += 7) {
        izin_signed g;
        char *t = arena_strndup(a, code, n - cut);
        if (izin_code_decode(a, t, &g, got) == LK_OK && izin_signature_ok(&g, got, pk))
            fail_msg("the code cut by %zu characters still verifies", cut);
    }
    assert_int_equal(refused, (int)n);
    izin_signed g;
    assert_int_equal(izin_code_decode(a, "", &g, got), LK_ERR_INVALID);
    assert_int_equal(izin_code_decode(a, "not a code!", &g, got), LK_ERR_INVALID);
    assert_int_equal(izin_code_decode(a, NULL, &g, got), LK_ERR_INVALID);
    arena_free(a);
}

static void test_bad_fields_are_not_signed(void **st)
{
    unsigned char sig[IZIN_SIG_BYTES];
    izin_signed f = sample();
    f.pemegang = "Budi\nnomor:999";   /* a line break would forge a field */
    assert_int_equal(izin_sign(&f, sk, sig), LK_ERR_INVALID);
    f = sample();
    f.berlaku_dari = "2026-02-30";
    assert_int_equal(izin_sign(&f, sk, sig), LK_ERR_INVALID);
    f = sample();
    f.berlaku_sampai = "2020-01-01";   /* before dari */
    assert_int_equal(izin_sign(&f, sk, sig), LK_ERR_INVALID);
    f = sample();
    f.wilayah = "19.71; DROP";
    assert_int_equal(izin_sign(&f, sk, sig), LK_ERR_INVALID);
    f = sample();
    f.nomor = "";
    assert_int_equal(izin_sign(&f, sk, sig), LK_ERR_INVALID);
    f = sample();
    f.jenis_izin = "\xc3\x28";   /* invalid UTF-8 */
    assert_int_equal(izin_sign(&f, sk, sig), LK_ERR_INVALID);
}

int main(void)
{
    if (sodium_init() < 0) return 1;
    crypto_sign_keypair(pk, sk);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_canonical_bytes),
        cmocka_unit_test(test_round_trip_and_tampered_fields),
        cmocka_unit_test(test_every_changed_byte_of_the_code),
        cmocka_unit_test(test_bad_fields_are_not_signed),
    };
    return cmocka_run_group_tests_name("izin_code", tests, NULL, NULL);
}

/* fuzz/fuzz_izin_code.c — libFuzzer target for the QR payload of a permit
 * (domain/izin/izin_code.h), which anyone can type or scan into /v/<code>: any text is
 * either refused or decodes to fields that pass izin_signed_valid; a decoded code encodes
 * back to a code that decodes to the same fields and signature; and no decoded code
 * verifies under a key the fuzzer cannot know (Ed25519 is not forged by chance). */
#include "fuzz/fuzz_common.h"
#include "domain/izin/izin_code.h"
#include <sodium.h>

static unsigned char pk[IZIN_PK_BYTES], sk[IZIN_SK_BYTES];

static int same(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    if (!ready) {
        CHECK(sodium_init() >= 0);
        crypto_sign_keypair(pk, sk);
        ready = 1;
    }
    if (size > IZIN_CODE_MAX + 100) return 0;
    char *text = fuzz_cstring(data, size);
    arena *a = arena_new();
    izin_signed f;
    unsigned char sig[IZIN_SIG_BYTES];
    if (izin_code_decode(a, text, &f, sig) == LK_OK) {
        CHECK(izin_signed_valid(&f));
        CHECK(!izin_signature_ok(&f, sig, pk));
        const char *again = NULL;
        CHECK(izin_code_encode(a, &f, sig, &again) == LK_OK);
        izin_signed g;
        unsigned char sig2[IZIN_SIG_BYTES];
        CHECK(izin_code_decode(a, again, &g, sig2) == LK_OK);
        CHECK(strcmp(f.kid, g.kid) == 0 && same(f.nomor, g.nomor) && same(f.jenis_izin, g.jenis_izin) &&
              same(f.pemegang, g.pemegang) && same(f.wilayah, g.wilayah) && same(f.berlaku_dari, g.berlaku_dari) &&
              same(f.berlaku_sampai, g.berlaku_sampai));
        CHECK(memcmp(sig, sig2, sizeof sig) == 0);
    }
    arena_free(a);
    free(text);
    return 0;
}

/* fuzz/fuzz_pdfsig.c — libFuzzer target for reading PDF signatures (util/pdf_sign.h,
 * util/pades.h): what the public Cek Keaslian Izin page does with an uploaded PDF, and
 * the xref reader of the signing side.  Owner: tte (src/domain/izin/izin_tte*.c).
 *
 * Arbitrary bytes are checked as a signed PDF and prepared for signing.  The checks
 * (abort on failure): a signature found has a byte range inside the file whose gap is
 * the <…> of /Contents; its DER is no longer than that gap; preparing either refuses or
 * appends to an unchanged copy of the input. */
#include "fuzz/fuzz_common.h"
#include "util/pades.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pdf_sig_found f;
    if (pdf_sig_find(data, size, &f) == LK_OK) {
        CHECK(f.range[0] == 0 && f.range[1] < f.range[2] && f.range[2] + f.range[3] <= size);
        CHECK(data[f.range[1]] == '<' && data[f.range[2] - 1] == '>');
        CHECK(f.der_len <= (f.range[2] - f.range[1]) / 2);
        pdf_sig_found_free(&f);
    }
    pades_result r;
    pades_check(data, size, NULL, &r);
    CHECK(r.state >= PADES_NONE && r.state <= PADES_BROKEN);
    cms_signer_free(&r.signer);
    buf out = BUF_INIT;
    pdf_sig_slot slot;
    const char *why = NULL;
    pdf_sig_field field = {.page = 0, .x0 = 10, .y0 = 10, .x1 = 100, .y1 = 50, .when = 1796113800};
    if (pdf_sig_prepare(data, size, &field, &out, &slot, &why) == LK_OK) {
        CHECK(out.len > size && memcmp(out.data, data, size) == 0);
        CHECK(slot.range[2] + slot.range[3] == out.len);
    } else {
        CHECK(why != NULL);
    }
    buf_free(&out);
    return 0;
}

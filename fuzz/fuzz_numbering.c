/* fuzz/fuzz_numbering.c — libFuzzer target for number formats (domain/permohonan/
 * numbering.h), which officers type: a format either is refused with a message or
 * formats into a bounded, NUL-terminated number for any counter, and number_format never
 * accepts what number_format_valid refuses. */
#include "fuzz/fuzz_common.h"
#include "domain/permohonan/numbering.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 512) return 0;
    char *fmt = fuzz_cstring(data, size);
    const char *msg = NULL;
    int valid = number_format_valid(fmt, &msg) == 0;
    if (!valid) CHECK(msg && *msg);
    static const int64_t counters[] = {0, 1, 7, 999, 123456789, INT64_MAX};
    for (size_t i = 0; i < sizeof counters / sizeof *counters; i++) {
        char out[160];
        memset(out, 'x', sizeof out);
        lk_err e = number_format(fmt, counters[i], 1764547200 + (time_t)i * 86400 * 40, out, sizeof out);
        if (e == LK_OK) {
            CHECK(memchr(out, '\0', sizeof out) != NULL);
        }
        if (!valid) CHECK(e != LK_OK);
        char tiny[4];
        (void)number_format(fmt, counters[i], 0, tiny, sizeof tiny);
    }
    free(fmt);
    return 0;
}

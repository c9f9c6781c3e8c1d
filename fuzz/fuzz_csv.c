/* fuzz/fuzz_csv.c — libFuzzer target for the CSV reader (domain/wilayah/csv.h): any
 * bytes either parse into records or stop with a syntax error, always moving forward,
 * and every field lies within the input's length. */
#include "fuzz/fuzz_common.h"
#include "domain/wilayah/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    arena *a = arena_new();
    csv_reader r;
    csv_init(&r, (const char *)data, size);
    const char *fields[8];
    int n = 0;
    long line = 0, last_line = 0;
    char err[200];
    size_t records = 0;
    for (;;) {
        size_t before = r.pos;
        int got = csv_next(&r, a, fields, 8, &n, &line, err, sizeof err);
        if (got <= 0) {
            if (got < 0) CHECK(err[0]);
            break;
        }
        CHECK(r.pos > before);
        CHECK(line >= last_line && line >= 1);
        CHECK(n >= 1 && n <= 9);
        for (int i = 0; i < (n > 8 ? 8 : n); i++) CHECK(fields[i] && strlen(fields[i]) <= size);
        last_line = line;
        CHECK(++records <= size + 1);
    }
    arena_free(a);
    return 0;
}

/* fuzz/fuzz_common.h — what every libFuzzer target shares: the entry point's prototype,
 * CHECK (abort with the condition when an invariant breaks) and a NUL-terminated copy
 * of the input for functions that take C strings. */
#ifndef LOKET_FUZZ_COMMON_H
#define LOKET_FUZZ_COMMON_H
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                      \
    do {                                                                 \
        if (!(cond)) {                                                   \
            fprintf(stderr, "check failed: %s (line %d)\n", #cond, __LINE__); \
            abort();                                                     \
        }                                                                \
    } while (0)

/* The input as a C string (cut at its first NUL, as a form value would be). */
static inline char *fuzz_cstring(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

static inline int fuzz_all_digits(const char *s)
{
    for (; *s; s++)
        if (*s < '0' || *s > '9') return 0;
    return 1;
}

#endif

/* fuzz/fuzz_check.h — what every libFuzzer target here shares: CHECK(cond) aborts with the
 * condition and line when a property does not hold, so the fuzzer records the input. */
#ifndef LOKET_FUZZ_CHECK_H
#define LOKET_FUZZ_CHECK_H
#include <stdio.h>
#include <stdlib.h>

#define CHECK(cond)                                                      \
    do {                                                                 \
        if (!(cond)) {                                                   \
            fprintf(stderr, "check failed: %s (line %d)\n", #cond, __LINE__); \
            abort();                                                     \
        }                                                                \
    } while (0)

#endif

/* domain/permohonan/numbering.h — numbers of applications and permits (SPEC 5.4).
 *
 * A format is text with placeholders: {DD} day, {MM} month in Roman numerals (XI),
 * {mm} month as two digits, {YYYY} year, and {N…} the counter zero-padded to as many
 * digits as there are Ns ({NNN} → 007; a larger counter keeps all its digits).
 * Counters are per unit, year and kind ("permohonan" or "izin"), bumped inside the
 * caller's transaction, so numbers are unique and gap-free even under concurrent
 * submissions: a rolled-back submission gives its number back. */
#ifndef LOKET_NUMBERING_H
#define LOKET_NUMBERING_H
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include "store/store.h"
#include "util/arena.h"
#include "util/err.h"

/* 0 if fmt is a usable format (exactly one {N…}, only known placeholders, ≤ 100 bytes,
 * printable), else -1 with an Indonesian message. */
int number_format_valid(const char *fmt, const char **msg);
/* Writes fmt with `counter` and the date of `t` (in WIB) into out; LK_ERR_INVALID for a
 * bad format, LK_ERR_TOOBIG when out is too small. */
lk_err number_format(const char *fmt, int64_t counter, time_t t, char *out, size_t outlen);
/* Takes the next counter of (unit, year of now in WIB, kind) in the caller's open
 * transaction and formats it; *number is allocated in a. */
lk_err number_next(store_conn *c, arena *a, int64_t unit_id, const char *kind, const char *fmt,
                   time_t now, const char **number);

#endif

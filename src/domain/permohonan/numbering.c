/* domain/permohonan/numbering.c — numbers of applications and permits (see numbering.h).
 *
 * A format is checked and expanded in one pass (`expand`), so what number_format_valid
 * accepts is exactly what number_format can write.  The counter is one upsert that
 * returns the new value: the row lock (PostgreSQL) or the write lock (SQLite) held until
 * the caller's transaction ends serialises concurrent submissions, and a rollback undoes
 * the bump, so numbers stay unique and gap-free. */
#include "domain/permohonan/numbering.h"
#include <stdio.h>
#include <string.h>

#define FORMAT_MAX 100
#define COUNTER_DIGITS_MAX 12
#define WIB_OFFSET_S (7 * 3600)

static const char *const ROMAN_MONTHS[] = {"I", "II", "III", "IV", "V", "VI",
                                           "VII", "VIII", "IX", "X", "XI", "XII"};

/* Appends n bytes to out at *len; -1 when they (and the final NUL) do not fit. */
static int put(char *out, size_t outlen, size_t *len, const char *s, size_t n)
{
    if (!out) return 0;   /* only validating */
    if (*len + n + 1 > outlen) return -1;
    memcpy(out + *len, s, n);
    *len += n;
    out[*len] = '\0';
    return 0;
}

/* Checks fmt and, when out is not NULL, writes it with counter and the WIB date tm.
 * Returns LK_OK, LK_ERR_INVALID (with *msg) or LK_ERR_TOOBIG. */
static lk_err expand(const char *fmt, int64_t counter, const struct tm *tm, char *out,
                     size_t outlen, const char **msg)
{
    static const char *const BAD_PLACEHOLDER =
        "Format nomor berisi placeholder yang tidak dikenal; gunakan {DD}, {MM}, {mm}, {YYYY} "
        "dan satu {NNN}.";
    if (!fmt || !*fmt) {
        *msg = "Format nomor wajib diisi.";
        return LK_ERR_INVALID;
    }
    if (strlen(fmt) > FORMAT_MAX) {
        *msg = "Format nomor paling panjang 100 karakter.";
        return LK_ERR_INVALID;
    }
    size_t len = 0;
    int counters = 0;
    if (out && outlen) out[0] = '\0';
    for (const char *p = fmt; *p;) {
        if ((unsigned char)*p < 0x20 || (unsigned char)*p > 0x7e) {
            *msg = "Format nomor hanya boleh berisi huruf, angka, tanda baca dan spasi.";
            return LK_ERR_INVALID;
        }
        if (*p == '}') {
            *msg = BAD_PLACEHOLDER;
            return LK_ERR_INVALID;
        }
        if (*p != '{') {
            if (put(out, outlen, &len, p, 1)) return LK_ERR_TOOBIG;
            p++;
            continue;
        }
        const char *close = strchr(p, '}');
        if (!close) {
            *msg = "Format nomor berisi \"{\" yang tidak ditutup dengan \"}\".";
            return LK_ERR_INVALID;
        }
        const char *name = p + 1;
        size_t n = (size_t)(close - name);
        char piece[32];
        int piece_len = -1;
        if (n == 2 && !memcmp(name, "DD", 2)) {
            if (tm) piece_len = snprintf(piece, sizeof piece, "%02d", tm->tm_mday);
        } else if (n == 2 && !memcmp(name, "MM", 2)) {
            if (tm) piece_len = snprintf(piece, sizeof piece, "%s", ROMAN_MONTHS[tm->tm_mon]);
        } else if (n == 2 && !memcmp(name, "mm", 2)) {
            if (tm) piece_len = snprintf(piece, sizeof piece, "%02d", tm->tm_mon + 1);
        } else if (n == 4 && !memcmp(name, "YYYY", 4)) {
            if (tm) piece_len = snprintf(piece, sizeof piece, "%04d", tm->tm_year + 1900);
        } else if (n >= 1 && strspn(name, "N") == n) {
            if (n > COUNTER_DIGITS_MAX) {
                *msg = "Penghitung {N…} paling banyak 12 digit.";
                return LK_ERR_INVALID;
            }
            if (++counters > 1) {
                *msg = "Format nomor harus berisi tepat satu penghitung {NNN}.";
                return LK_ERR_INVALID;
            }
            if (tm) piece_len = snprintf(piece, sizeof piece, "%0*lld", (int)n, (long long)counter);
        } else {
            *msg = BAD_PLACEHOLDER;
            return LK_ERR_INVALID;
        }
        if (tm && put(out, outlen, &len, piece, (size_t)piece_len)) return LK_ERR_TOOBIG;
        p = close + 1;
    }
    if (counters != 1) {
        *msg = "Format nomor harus berisi tepat satu penghitung {NNN}.";
        return LK_ERR_INVALID;
    }
    return LK_OK;
}

static void wib_date(time_t t, struct tm *tm)
{
    time_t local = t + WIB_OFFSET_S;
    gmtime_r(&local, tm);
}

int number_format_valid(const char *fmt, const char **msg)
{
    const char *ignored;
    return expand(fmt, 0, NULL, NULL, 0, msg ? msg : &ignored) == LK_OK ? 0 : -1;
}

lk_err number_format(const char *fmt, int64_t counter, time_t t, char *out, size_t outlen)
{
    struct tm tm;
    const char *msg;
    if (counter < 0) return LK_ERR_INVALID;
    wib_date(t, &tm);
    return expand(fmt, counter, &tm, out, outlen, &msg);
}

lk_err number_next(store_conn *c, arena *a, int64_t unit_id, const char *kind, const char *fmt,
                   time_t now, const char **number)
{
    struct tm tm;
    wib_date(now, &tm);
    if (number_format_valid(fmt, NULL)) return LK_ERR_INVALID;
    int64_t value = 0;
    lk_err rc = store_query_int(c,
        "INSERT INTO number_counter (unit_id, year, kind, value) VALUES ($1, $2, $3, 1) "
        "ON CONFLICT (unit_id, year, kind) DO UPDATE SET value = number_counter.value + 1 "
        "RETURNING value",
        STORE_P(SP_I(unit_id), SP_I(tm.tm_year + 1900), SP_T(kind)), &value);
    if (rc) return rc == LK_ERR_NOTFOUND ? LK_ERR_DB : rc;
    char out[FORMAT_MAX + 64];   /* only the counter grows: at most 19 digits for "{N}" */
    rc = number_format(fmt, value, now, out, sizeof out);
    if (rc) return rc;
    *number = arena_strdup(a, out);
    return LK_OK;
}

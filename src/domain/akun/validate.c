/* domain/akun/validate.c — registration form validators (see validate.h). */
#include "domain/akun/validate.h"
#include "util/text.h"
#include <stdint.h>
#include <string.h>
#include <time.h>

/* Longest raw input accepted by the validators that strip separators (SIM, passport,
 * NPWP, phone): generous for any real typing, and it bounds the work on hostile input. */
enum { SEPARATED_MAX = 40 };

static int fail(const char **msg, const char *text)
{
    *msg = text;
    return -1;
}

static int is_digit(int c) { return c >= '0' && c <= '9'; }
static int is_lower(int c) { return c >= 'a' && c <= 'z'; }
static int is_alpha(int c) { return is_lower(c) || (c >= 'A' && c <= 'Z'); }

/* ---- UTF-8 text ---- */

/* Decodes the code point at *p and advances past it.  The string must be valid UTF-8
 * (utf8_valid), so no checks are needed here. */
static uint32_t next_code_point(const unsigned char **p)
{
    const unsigned char *s = *p;
    uint32_t cp;
    int extra;
    if (s[0] < 0x80) { cp = s[0]; extra = 0; }
    else if (s[0] < 0xE0) { cp = s[0] & 0x1F; extra = 1; }
    else if (s[0] < 0xF0) { cp = s[0] & 0x0F; extra = 2; }
    else { cp = s[0] & 0x07; extra = 3; }
    for (int i = 1; i <= extra; i++) cp = (cp << 6) | (s[i] & 0x3F);
    *p = s + 1 + extra;
    return cp;
}


/* Letters of the Latin script: ASCII, Latin-1 (without × and ÷), Latin Extended-A and
 * -B, and Latin Extended Additional (Vietnamese and other stacked accents). */
static int is_latin_letter(uint32_t cp)
{
    return (cp < 0x80 && is_alpha((int)cp)) ||
           (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) ||
           (cp >= 0x1E00 && cp <= 0x1EFF);
}

/* Combining accents, for names typed in decomposed form ("e" + U+0301). */
static int is_combining_mark(uint32_t cp)
{
    return cp >= 0x300 && cp <= 0x36F;
}

/* Measures s for a field of at most max characters.  Returns the length in code points,
 * or -1 with *msg set when s is longer than any max-character string can be, is not
 * valid UTF-8, or holds a control character.  Reads at most 4 * max + 1 bytes before
 * deciding, so a hostile megabyte costs nothing. */
static long measure_text(const char *s, int max, const char *too_long, const char **msg)
{
    size_t cap = (size_t)(max < 0 ? 0 : max) * 4;
    size_t len = strnlen(s, cap + 1);
    if (len > cap) return fail(msg, too_long);
    if (!utf8_valid(s, len)) return fail(msg, "Teks berisi karakter yang tidak sah.");
    long n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; n++)
        if (text_is_control(next_code_point(&p)))
            return fail(msg, "Tidak boleh berisi baris baru, tab atau karakter kontrol.");
    return n;
}

int validate_text(const char *s, int min, int max, const char **msg)
{
    if (!s) s = "";
    long n = measure_text(s, max, "Terlalu panjang.", msg);
    if (n < 0) return -1;
    if (min > 0 && is_blank(s)) return fail(msg, "Wajib diisi.");
    if (n > max) return fail(msg, "Terlalu panjang.");
    if (n < min) return fail(msg, "Terlalu pendek.");
    return 0;
}

int validate_nama(const char *s, const char **msg)
{
    static const char length_msg[] = "Nama harus 2–100 karakter.";
    if (!s) s = "";
    long n = measure_text(s, 100, length_msg, msg);
    if (n < 0) return -1;
    if (is_blank(s)) return fail(msg, "Nama wajib diisi.");
    int letters = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        uint32_t cp = next_code_point(&p);
        if (is_latin_letter(cp)) letters++;
        else if (!is_combining_mark(cp) && cp != 0x2019 &&
                 !(cp < 0x80 && strchr(" .,'-", (int)cp)))
            return fail(msg, "Nama hanya boleh berisi huruf, spasi, titik, koma, apostrof "
                             "dan tanda hubung.");
    }
    if (!letters) return fail(msg, "Nama harus berisi huruf.");
    if (n < 2 || n > 100) return fail(msg, length_msg);
    return 0;
}

/* ---- account ---- */

int validate_username(const char *s, const char **msg)
{
    if (!s || !*s) return fail(msg, "Username wajib diisi.");
    size_t len = strnlen(s, 31);
    for (size_t i = 0; i < len; i++) {
        int c = (unsigned char)s[i];
        if (!is_lower(c) && !is_digit(c) && c != '.' && c != '_' && c != '-')
            return fail(msg, "Username hanya boleh berisi huruf kecil, angka, titik (.), "
                             "garis bawah (_) dan tanda hubung (-).");
    }
    if (!is_lower((unsigned char)s[0]) && !is_digit((unsigned char)s[0]))
        return fail(msg, "Username harus diawali huruf atau angka.");
    if (len < 3 || len > 30) return fail(msg, "Username harus 3–30 karakter.");
    return 0;
}

/* Characters RFC 5322 allows in an unquoted local part ("atext"), besides '.'. */
static int is_atext(int c)
{
    return is_alpha(c) || is_digit(c) || (c && strchr("!#$%&'*+/=?^_`{|}~-", c));
}

/* A domain: labels of 1–63 letters, digits and hyphens separated by single dots, no
 * hyphen at either end of a label, at least two labels, the last not all digits. */
static int domain_ok(const char *d, size_t len)
{
    size_t labels = 0, start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && d[i] != '.') {
            if (!is_alpha(d[i]) && !is_digit(d[i]) && d[i] != '-') return 0;
            continue;
        }
        size_t n = i - start;
        if (n == 0 || n > 63 || d[start] == '-' || d[i - 1] == '-') return 0;
        labels++;
        if (i == len) {
            int digits_only = 1;
            for (size_t k = start; k < i; k++) digits_only &= is_digit(d[k]);
            if (digits_only) return 0;
        }
        start = i + 1;
    }
    return labels >= 2;
}

int validate_email(const char *s, const char **msg)
{
    static const char format_msg[] = "Format email tidak sah, contoh: nama@contoh.com.";
    if (!s || !*s) return fail(msg, "Email wajib diisi.");
    size_t len = strnlen(s, 255);
    if (len > 254) return fail(msg, "Email terlalu panjang (paling banyak 254 karakter).");
    const char *at = NULL;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ') return fail(msg, "Email tidak boleh berisi spasi.");
        if (c < 0x20 || c >= 0x7F)
            return fail(msg, "Email berisi karakter yang tidak diperbolehkan.");
        if (c == '@') {
            if (at) return fail(msg, "Email harus berisi tepat satu tanda @.");
            at = s + i;
        }
    }
    if (!at) return fail(msg, "Email harus berisi tepat satu tanda @.");
    size_t local = (size_t)(at - s);
    if (local == 0 || local > 64) return fail(msg, format_msg);
    if (s[0] == '.' || s[local - 1] == '.') return fail(msg, format_msg);
    for (size_t i = 0; i < local; i++) {
        if (s[i] == '.' ? s[i + 1] == '.' : !is_atext((unsigned char)s[i]))
            return fail(msg, format_msg);
    }
    if (!domain_ok(at + 1, len - local - 1)) return fail(msg, format_msg);
    return 0;
}

/* ---- dates ---- */

typedef struct {
    int year, month, day;
} ymd;

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

static int real_date(int y, int m, int d)
{
    return m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

/* Reads a number of exactly n digits at s. */
static int digits_at(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) v = v * 10 + (s[i] - '0');
    return v;
}

/* Parses exactly "YYYY-MM-DD" into *out.  0, or -1 with *msg for the person typing. */
static int parse_date(const char *s, ymd *out, const char **msg)
{
    if (!s || !*s) return fail(msg, "Tanggal wajib diisi.");
    static const char shape[] = "dddd-dd-dd";
    for (int i = 0; i < 10; i++) {
        int ok = shape[i] == 'd' ? is_digit((unsigned char)s[i]) : s[i] == '-';
        if (!ok) return fail(msg, "Tanggal harus berformat TTTT-BB-HH, contoh 1990-01-31.");
    }
    if (s[10]) return fail(msg, "Tanggal harus berformat TTTT-BB-HH, contoh 1990-01-31.");
    out->year = digits_at(s, 4);
    out->month = digits_at(s + 5, 2);
    out->day = digits_at(s + 8, 2);
    if (!real_date(out->year, out->month, out->day))
        return fail(msg, "Tanggal tersebut tidak ada di kalender.");
    if (out->year < 1900) return fail(msg, "Tahun harus 1900 atau sesudahnya.");
    return 0;
}

static ymd today(void)
{
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    return (ymd){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

static int ymd_cmp(ymd a, ymd b)
{
    if (a.year != b.year) return a.year < b.year ? -1 : 1;
    if (a.month != b.month) return a.month < b.month ? -1 : 1;
    return a.day < b.day ? -1 : a.day > b.day;
}

/* Validates s as a past-or-today date and returns it in *out. */
static int past_date(const char *s, ymd *out, ymd now, const char **msg)
{
    if (parse_date(s, out, msg)) return -1;
    if (ymd_cmp(*out, now) > 0) return fail(msg, "Tanggal tidak boleh di masa depan.");
    return 0;
}

int validate_date(const char *s, const char **msg)
{
    ymd d;
    return past_date(s, &d, today(), msg);
}

int validate_birth_date(const char *s, const char **msg)
{
    ymd born, now = today();
    if (past_date(s, &born, now, msg)) return -1;
    /* Birthday reached this year when (month, day) of today is not before it; for
     * 29 February in a common year that means from 1 March. */
    int age = now.year - born.year;
    if (now.month < born.month || (now.month == born.month && now.day < born.day)) age--;
    if (age < 17) return fail(msg, "Pemohon harus berusia minimal 17 tahun.");
    return 0;
}

/* ---- identity numbers ---- */

int validate_nik(const char *nik, const char *tanggal_lahir, const char *jenis_kelamin,
                 char kecamatan_out[VALIDATE_KECAMATAN_SIZE], const char **msg)
{
    if (!nik || !*nik) return fail(msg, "NIK wajib diisi.");
    if (strnlen(nik, 17) != 16 || !all_digits(nik)) return fail(msg, "NIK harus 16 angka.");

    int coded_day = digits_at(nik + 6, 2), month = digits_at(nik + 8, 2);
    int yy = digits_at(nik + 10, 2);
    int female = coded_day > 40;
    int day = female ? coded_day - 40 : coded_day;
    /* Two digits of year: real in either century (29 February needs a leap year). */
    if (!real_date(1900 + yy, month, day) && !real_date(2000 + yy, month, day))
        return fail(msg, "Digit 7–12 NIK harus tanggal lahir (HHBBTT; tanggal ditambah 40 "
                         "untuk perempuan).");
    if (digits_at(nik + 12, 4) == 0)
        return fail(msg, "Empat digit terakhir NIK tidak boleh 0000.");

    ymd born;
    const char *ignored;
    if (parse_date(tanggal_lahir, &born, &ignored) == 0 &&
        (born.day != day || born.month != month || born.year % 100 != yy))
        return fail(msg, "Tanggal lahir pada NIK (digit 7–12) tidak sesuai dengan "
                         "Tanggal Lahir.");
    if (jenis_kelamin && ((!strcmp(jenis_kelamin, "L") && female) ||
                          (!strcmp(jenis_kelamin, "P") && !female)))
        return fail(msg, "Kode jenis kelamin pada NIK (digit 7–8, tanggal ditambah 40 untuk "
                         "perempuan) tidak sesuai dengan Jenis Kelamin.");

    memcpy(kecamatan_out, nik, 2);
    kecamatan_out[2] = '.';
    memcpy(kecamatan_out + 3, nik + 2, 2);
    kecamatan_out[5] = '.';
    memcpy(kecamatan_out + 6, nik + 4, 2);
    kecamatan_out[8] = '\0';
    return 0;
}

/* Copies the characters of s that are not in `skip` into out (at most cap - 1 of them,
 * NUL-terminated).  Returns the number copied, or -1 when s is longer than
 * SEPARATED_MAX bytes or the kept characters do not fit. */
static int strip_separators(const char *s, const char *skip, char *out, size_t cap)
{
    if (strnlen(s, SEPARATED_MAX + 1) > SEPARATED_MAX) return -1;
    size_t n = 0;
    for (; *s; s++) {
        if (strchr(skip, *s)) continue;
        if (n + 1 >= cap) return -1;
        out[n++] = *s;
    }
    out[n] = '\0';
    return (int)n;
}

int validate_sim(const char *s, char norm[VALIDATE_SIM_SIZE], const char **msg)
{
    if (is_blank(s)) return fail(msg, "Nomor SIM wajib diisi.");
    char digits[VALIDATE_SIM_SIZE];
    int n = strip_separators(s, " -", digits, sizeof digits);
    if ((n != 12 && n != 16) || !all_digits(digits))
        return fail(msg, "Nomor SIM harus 12 angka, atau 16 angka (NIK) untuk SIM terbitan "
                         "sejak 2024.");
    memcpy(norm, digits, (size_t)n + 1);
    return 0;
}

int validate_passport(const char *s, char norm[VALIDATE_PASSPORT_SIZE], const char **msg)
{
    if (is_blank(s)) return fail(msg, "Nomor paspor wajib diisi.");
    char t[VALIDATE_PASSPORT_SIZE];
    int n = strip_separators(s, " ", t, sizeof t);
    int letters = 0;
    while (letters < n && is_alpha((unsigned char)t[letters])) letters++;
    int digits = n - letters;
    if (n < 0 || letters < 1 || letters > 2 || digits < 6 || digits > 7 ||
        !all_digits(t + letters))
        return fail(msg, "Nomor paspor harus 1–2 huruf diikuti 6–7 angka, contoh A1234567.");
    for (int i = 0; i < letters; i++) t[i] = (char)(t[i] & ~0x20);   /* ASCII upper case */
    memcpy(norm, t, (size_t)n + 1);
    return 0;
}

int validate_npwp(const char *s, char norm[VALIDATE_NPWP_SIZE], const char **msg)
{
    if (is_blank(s)) return fail(msg, "NPWP wajib diisi.");
    char digits[VALIDATE_NPWP_SIZE];
    int n = strip_separators(s, " .-", digits, sizeof digits);
    if ((n != 15 && n != 16) || !all_digits(digits))
        return fail(msg, "NPWP harus 15 angka (contoh 12.345.678.9-012.345) atau 16 angka.");
    if (strspn(digits, "0") == (size_t)n) return fail(msg, "NPWP tidak boleh semua nol.");
    memcpy(norm, digits, (size_t)n + 1);
    return 0;
}

int validate_phone(const char *s, int mobile_only, char norm[VALIDATE_PHONE_SIZE],
                   const char **msg)
{
    if (is_blank(s)) return fail(msg, "Nomor telepon wajib diisi.");
    while (*s == ' ') s++;
    int international = *s == '+';
    if (international) s++;
    char digits[SEPARATED_MAX + 1];
    int n = strip_separators(s, " -.()", digits, sizeof digits);
    if (n < 0) return fail(msg, "Nomor telepon terlalu panjang.");
    if (!all_digits(digits))
        return fail(msg, "Nomor telepon hanya boleh berisi angka, spasi, tanda hubung, titik, "
                         "tanda kurung dan + di depan.");

    /* The national significant number: what follows 0, 62 or +62 ("+62 (0)..." too). */
    const char *nsn;
    if (!strncmp(digits, "62", 2)) nsn = digits[2] == '0' ? digits + 3 : digits + 2;
    else if (international) return fail(msg, "Hanya nomor Indonesia (+62) yang diterima.");
    else if (digits[0] == '0') nsn = digits + 1;
    else return fail(msg, "Nomor telepon harus diawali 0, 62 atau +62.");

    size_t len = strlen(nsn);
    if (nsn[0] == '8') {
        if (len < 9 || len > 12)
            return fail(msg, "Nomor HP harus 10–13 angka termasuk 0 di depan, "
                             "contoh 0812-3456-7890.");
    } else if (mobile_only) {
        return fail(msg, "Nomor HP harus nomor seluler, diawali 08 atau +628.");
    } else if (nsn[0] == '\0' || !strchr("2345679", nsn[0])) {
        return fail(msg, "Kode wilayah nomor telepon tidak sah.");
    } else if (len < 7 || len > 11) {
        return fail(msg, "Nomor telepon harus kode wilayah dan nomornya, "
                         "contoh (0717) 436772.");
    }
    norm[0] = '+';
    norm[1] = '6';
    norm[2] = '2';
    memcpy(norm + 3, nsn, len + 1);
    return 0;
}

int validate_kode_pos(const char *s, const char **msg)
{
    if (!s || !*s) return fail(msg, "Kode pos wajib diisi.");
    if (strnlen(s, 6) != 5 || !all_digits(s) || s[0] == '0')
        return fail(msg, "Kode pos harus 5 angka, contoh 33131.");
    return 0;
}

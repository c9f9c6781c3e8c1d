/* tests/unit/test_validate.c — the registration form validators (domain/akun/validate.h).
 *
 * Each rule is tried with values people really type and values that must be refused,
 * including hostile ones: SQL, markup, 10 KB strings, invalid UTF-8, embedded line
 * breaks.  A refusal must come with a message in valid UTF-8; where the message tells
 * the person which rule failed (NIK), the exact sentence is checked. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "domain/akun/validate.h"
#include "util/text.h"

/* Asserts that `call` (which may use the variable msg) accepts; prints the refusal. */
#define ASSERT_VALID(call) do {                                                  \
        const char *msg = NULL;                                                  \
        int rc_ = (call);                                                        \
        if (rc_ != 0) print_error("refused: %s\n  because: %s\n", #call, msg);   \
        assert_int_equal(rc_, 0);                                                \
    } while (0)

/* Checks a refusal: rc -1 and a message in valid UTF-8, equal to `expected` when that is
 * not NULL. */
static void check_refusal(int rc, const char *msg, const char *expected, const char *call)
{
    if (rc != -1) print_error("accepted: %s\n", call);
    assert_int_equal(rc, -1);
    assert_non_null(msg);
    assert_true(utf8_valid(msg, strlen(msg)));
    if (expected) assert_string_equal(msg, expected);
}

/* Asserts that `call` (which may use the variable msg) refuses with message `text`. */
#define ASSERT_REFUSED_WITH(call, text) do {                                     \
        const char *msg = NULL;                                                  \
        int rc_ = (call);                                                        \
        check_refusal(rc_, msg, text, #call);                                    \
    } while (0)
#define ASSERT_REFUSED(call) ASSERT_REFUSED_WITH(call, NULL)

typedef int (*simple_validator)(const char *, const char **);

static void all_valid(simple_validator v, const char *const *values, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const char *msg = NULL;
        if (v(values[i], &msg) != 0) fail_msg("refused \"%s\": %s", values[i], msg);
    }
}

static void all_refused(simple_validator v, const char *const *values, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const char *msg = NULL;
        if (v(values[i], &msg) != -1) fail_msg("accepted \"%.60s\"", values[i]);
        if (!msg || !utf8_valid(msg, strlen(msg)))
            fail_msg("no usable message for \"%.60s\"", values[i]);
    }
}

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* 10 KB of one character: an oversized submission. */
static char huge[10 * 1024 + 1];

static int make_huge(void **state)
{
    memset(huge, 'a', sizeof huge - 1);
    huge[sizeof huge - 1] = '\0';
    return 0;
}

/* "YYYY-MM-DD" for today, shifted by whole years and then days (local time). */
static void date_from_today(int years, int days, char out[11])
{
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    tm.tm_year += years;
    tm.tm_mday += days;
    tm.tm_isdst = -1;
    mktime(&tm);   /* normalises the day */
    strftime(out, 11, "%Y-%m-%d", &tm);
}

/* ---- username ---- */

static void test_username(void **state)
{
    static const char *const good[] = {
        "budi", "budi.santoso", "b_s-99", "9lives", "abc", "abcdefghijklmnopqrstuvwxyz0123",
    };
    static const char *const bad[] = {
        "", "ab", "abcdefghijklmnopqrstuvwxyz01234", "Budi", ".budi", "_budi", "-budi",
        "budi santoso", "budi@mail", "b\xC3\xB9" "di", "admin'--", "<script>", "budi\n",
        "budi\xFF", "a;DROP TABLE users",
    };
    all_valid(validate_username, good, N(good));
    all_refused(validate_username, bad, N(bad));
    ASSERT_REFUSED(validate_username(NULL, &msg));
    ASSERT_REFUSED_WITH(validate_username(huge, &msg), "Username harus 3–30 karakter.");
    ASSERT_REFUSED_WITH(validate_username("Budi", &msg),
                        "Username hanya boleh berisi huruf kecil, angka, titik (.), "
                        "garis bawah (_) dan tanda hubung (-).");
    ASSERT_REFUSED_WITH(validate_username(".budi", &msg),
                        "Username harus diawali huruf atau angka.");
}

/* ---- email ---- */

static void test_email(void **state)
{
    static const char *const good[] = {
        "budi@example.com",
        "budi.santoso+izin@pangkalpinangkota.go.id",
        "a@b.co",
        "x_y@sub-domain.example.id",
        "o'brien@example.com",
        "1234567890123456789012345678901234567890123456789012345678901234@example.com",
        "budi@xn--80ak6aa92e.com",
    };
    static const char *const bad[] = {
        "", "budi", "budi@", "@example.com", "budi@example", "budi@@example.com",
        "a@b@c.com", "budi @example.com", "budi@example.com ", "budi@example.com\n",
        ".budi@x.com", "budi.@x.com", "bu..di@x.com", "budi@-x.com", "budi@x-.com",
        "budi@x..com", "budi@.x.com", "budi@x.com.", "budi@1.2.3.4", "budi@[127.0.0.1]",
        "\"budi\"@x.com", "b\xC3\xB9" "di@x.com", "<script>@x.com", "budi@x.com>",
        "budi@x.com\r\nBcc: all@x.com", "budi@x.com,other@x.com", "budi@x_y.com",
        "12345678901234567890123456789012345678901234567890123456789012345@example.com",
        "budi@x.com\xFF", "'; DROP TABLE users; --@x.com",
    };
    all_valid(validate_email, good, N(good));
    all_refused(validate_email, bad, N(bad));
    ASSERT_REFUSED(validate_email(NULL, &msg));
    ASSERT_REFUSED_WITH(validate_email(huge, &msg),
                        "Email terlalu panjang (paling banyak 254 karakter).");
    ASSERT_REFUSED_WITH(validate_email("budi @x.com", &msg), "Email tidak boleh berisi spasi.");

    /* 254 bytes is the limit, 255 is over. */
    char longest[256];
    memset(longest, 'a', sizeof longest);
    memcpy(longest, "budi@", 5);
    for (size_t i = 5 + 60; i < 254; i += 61) longest[i] = '.';   /* labels of 60 */
    memcpy(longest + 250, ".com", 4);
    longest[254] = '\0';
    ASSERT_VALID(validate_email(longest, &msg));
    longest[254] = 'm';
    longest[255] = '\0';
    ASSERT_REFUSED(validate_email(longest, &msg));
}

/* ---- nama and free text ---- */

static void test_nama(void **state)
{
    static const char *const good[] = {
        "Budi Santoso", "Siti Nur'aini", "Dr. H. Ahmad Fauzi, S.H.", "Jean-Luc", "Ng",
        "Nguy\xE1\xBB\x85n Th\xE1\xBB\x8B Minh",     /* Nguyễn Thị Minh */
        "Jos\xC3\xA9 Ram\xC3\xADrez",                /* José Ramírez */
        "Zoe\xCC\x88",                               /* Zoë with a combining diaeresis */
        "D\xE2\x80\x99Souza",                        /* D’Souza, phone apostrophe */
    };
    static const char *const bad[] = {
        "", " ", "A", "Budi123", "<script>alert(1)</script>", "Robert'); DROP TABLE pemohon;--",
        "Budi\nSantoso", "Budi\tSantoso", "--", ". ,", "Budi\xFF", "Budi\xC3", "Budi \xF0\x9F\x98\x80",
        "A \xC3\x97 B",                              /* × is not a letter */
        "Budi\xE2\x80\xAE" "osotnaS",                /* right-to-left override */
        "Budi@Santoso",
    };
    all_valid(validate_nama, good, N(good));
    all_refused(validate_nama, bad, N(bad));
    ASSERT_REFUSED(validate_nama(NULL, &msg));
    ASSERT_REFUSED_WITH(validate_nama(huge, &msg), "Nama harus 2–100 karakter.");
    ASSERT_REFUSED_WITH(validate_nama("--", &msg), "Nama harus berisi huruf.");

    char name[202];
    memset(name, 'a', 100);
    name[100] = '\0';
    ASSERT_VALID(validate_nama(name, &msg));
    name[100] = 'a';
    name[101] = '\0';
    ASSERT_REFUSED_WITH(validate_nama(name, &msg), "Nama harus 2–100 karakter.");
    /* 100 accented letters are 200 bytes but 100 characters. */
    for (int i = 0; i < 100; i++) memcpy(name + 2 * i, "\xC3\xA9", 2);
    name[200] = '\0';
    ASSERT_VALID(validate_nama(name, &msg));
}

static void test_text(void **state)
{
    ASSERT_VALID(validate_text("", 0, 25, &msg));
    ASSERT_VALID(validate_text(NULL, 0, 25, &msg));
    ASSERT_VALID(validate_text("Pangkalpinang", 1, 25, &msg));
    ASSERT_VALID(validate_text("Jl. Jend. Sudirman No. 5 \xE2\x80\x93 Bukit Intan", 1, 100, &msg));
    /* Markup and SQL are only text here: output escaping and bound parameters deal with
     * them, and refusing them would refuse real addresses with '<' or quotes. */
    ASSERT_VALID(validate_text("<script>alert(1)</script>", 1, 100, &msg));
    ASSERT_VALID(validate_text("'; DROP TABLE pemohon; --", 1, 100, &msg));

    ASSERT_REFUSED_WITH(validate_text("", 1, 25, &msg), "Wajib diisi.");
    ASSERT_REFUSED_WITH(validate_text("   ", 1, 25, &msg), "Wajib diisi.");
    ASSERT_REFUSED_WITH(validate_text(NULL, 1, 25, &msg), "Wajib diisi.");
    ASSERT_REFUSED_WITH(validate_text("ab", 3, 25, &msg), "Terlalu pendek.");
    ASSERT_REFUSED_WITH(validate_text(huge, 1, 100, &msg), "Terlalu panjang.");
    ASSERT_REFUSED_WITH(validate_text("Jalan\nMerdeka", 1, 100, &msg),
                        "Tidak boleh berisi baris baru, tab atau karakter kontrol.");
    ASSERT_REFUSED(validate_text("Jalan\tMerdeka", 1, 100, &msg));
    ASSERT_REFUSED(validate_text("Jalan\x7F", 1, 100, &msg));
    ASSERT_REFUSED(validate_text("Jalan\xC2\x85", 1, 100, &msg));          /* U+0085 NEL */
    ASSERT_REFUSED(validate_text("Jalan\xE2\x80\xA8", 1, 100, &msg));      /* U+2028 */
    ASSERT_REFUSED(validate_text("Jalan\xE2\x81\xA7", 1, 100, &msg));      /* U+2067 isolate */
    ASSERT_REFUSED_WITH(validate_text("Jalan\xC0\xAF", 1, 100, &msg),      /* overlong '/' */
                        "Teks berisi karakter yang tidak sah.");
    ASSERT_REFUSED(validate_text("\xED\xA0\x80", 0, 100, &msg));           /* a surrogate */

    /* Length in characters, as the page counter shows it. */
    char t[2 * 26 + 1];
    for (int i = 0; i < 25; i++) memcpy(t + 2 * i, "\xC3\xA9", 2);
    t[50] = '\0';
    ASSERT_VALID(validate_text(t, 1, 25, &msg));
    memcpy(t + 50, "\xC3\xA9", 2);
    t[52] = '\0';
    ASSERT_REFUSED_WITH(validate_text(t, 1, 25, &msg), "Terlalu panjang.");
}

/* ---- NIK ---- */

static const char NIK_DATE_MSG[] =
    "Tanggal lahir pada NIK (digit 7–12) tidak sesuai dengan Tanggal Lahir.";
static const char NIK_SEX_MSG[] =
    "Kode jenis kelamin pada NIK (digit 7–8, tanggal ditambah 40 untuk perempuan) tidak "
    "sesuai dengan Jenis Kelamin.";

static void test_nik_man_and_woman(void **state)
{
    char kec[VALIDATE_KECAMATAN_SIZE];
    /* A man born 1 January 1990 in Kota Pangkal Pinang, kecamatan 19.71.01. */
    ASSERT_VALID(validate_nik("1971010101900001", "1990-01-01", "L", kec, &msg));
    assert_string_equal(kec, "19.71.01");
    /* A woman born 15 December 1985 in Kabupaten Muara Enim (16.03.05): day 15 + 40. */
    ASSERT_VALID(validate_nik("1603055512850003", "1985-12-15", "P", kec, &msg));
    assert_string_equal(kec, "16.03.05");
    /* Born in 2005: the two-digit year agrees with 2005. */
    ASSERT_VALID(validate_nik("3173024107050012", "2005-07-01", "P", kec, &msg));
    assert_string_equal(kec, "31.73.02");

    ASSERT_REFUSED_WITH(validate_nik("1603055512850003", "1985-12-15", "L", kec, &msg),
                        NIK_SEX_MSG);
    ASSERT_REFUSED_WITH(validate_nik("1971010101900001", "1990-01-01", "P", kec, &msg),
                        NIK_SEX_MSG);
}

static void test_nik_date_must_agree(void **state)
{
    char kec[VALIDATE_KECAMATAN_SIZE];
    ASSERT_REFUSED_WITH(validate_nik("1971010101900001", "1990-01-02", "L", kec, &msg),
                        NIK_DATE_MSG);
    ASSERT_REFUSED_WITH(validate_nik("1971010101900001", "1990-02-01", "L", kec, &msg),
                        NIK_DATE_MSG);
    ASSERT_REFUSED_WITH(validate_nik("1971010101900001", "1991-01-01", "L", kec, &msg),
                        NIK_DATE_MSG);
    /* The woman's NIK day 55 is the 15th, not the 55th nor the 5th. */
    ASSERT_REFUSED_WITH(validate_nik("1603055512850003", "1985-12-05", "P", kec, &msg),
                        NIK_DATE_MSG);
    /* A wrong date and a wrong sex: the date is reported first. */
    ASSERT_REFUSED_WITH(validate_nik("1603055512850003", "1985-12-14", "L", kec, &msg),
                        NIK_DATE_MSG);
    /* When the other fields are themselves invalid or empty, their own messages apply and
     * the NIK is judged alone. */
    ASSERT_VALID(validate_nik("1971010101900001", "", "", kec, &msg));
    ASSERT_VALID(validate_nik("1971010101900001", NULL, NULL, kec, &msg));
    ASSERT_VALID(validate_nik("1971010101900001", "01-01-1990", "X", kec, &msg));
}

static void test_nik_real_dates(void **state)
{
    static const char bad_date_msg[] =
        "Digit 7–12 NIK harus tanggal lahir (HHBBTT; tanggal ditambah 40 untuk perempuan).";
    char kec[VALIDATE_KECAMATAN_SIZE];
    /* 29 February exists in 2000 (and is a woman's 69). */
    ASSERT_VALID(validate_nik("1971012902000001", "2000-02-29", "L", kec, &msg));
    ASSERT_VALID(validate_nik("1971016902000001", "2000-02-29", "P", kec, &msg));
    /* ...but not in 2001 nor 1901. */
    ASSERT_REFUSED_WITH(validate_nik("1971012902010001", "", "", kec, &msg), bad_date_msg);
    ASSERT_REFUSED_WITH(validate_nik("1971016902010001", "", "", kec, &msg), bad_date_msg);
    static const char *const bad[] = {
        "1971013102900001",   /* 31 February */
        "1971013104900001",   /* 31 April */
        "1971010001900001",   /* day 0 */
        "1971013201900001",   /* day 32 */
        "1971014001900001",   /* day 40: neither a man's nor a woman's day */
        "1971017201900001",   /* day 72: a woman's 32nd */
        "1971010100900001",   /* month 0 */
        "1971010113900001",   /* month 13 */
    };
    for (size_t i = 0; i < N(bad); i++)
        ASSERT_REFUSED_WITH(validate_nik(bad[i], "", "", kec, &msg), bad_date_msg);
}

static void test_nik_shape(void **state)
{
    char kec[VALIDATE_KECAMATAN_SIZE] = "";
    ASSERT_REFUSED_WITH(validate_nik("1971010101900000", "1990-01-01", "L", kec, &msg),
                        "Empat digit terakhir NIK tidak boleh 0000.");
    static const char *const bad[] = {
        "197101010190001", "19710101019000011", "1971 0101 0190 0001", "19710101019O0001",
        "A971010101900001", "1971010101900001\n", " 1971010101900001",
        "1971010101900001' OR '1'='1", "<script>1971010101900001",
        "\xEF\xBC\x91" "971010101900001",   /* a full-width digit one */
    };
    for (size_t i = 0; i < N(bad); i++)
        ASSERT_REFUSED_WITH(validate_nik(bad[i], "1990-01-01", "L", kec, &msg),
                            "NIK harus 16 angka.");
    ASSERT_REFUSED_WITH(validate_nik(huge, "1990-01-01", "L", kec, &msg), "NIK harus 16 angka.");
    ASSERT_REFUSED_WITH(validate_nik("", "1990-01-01", "L", kec, &msg), "NIK wajib diisi.");
    ASSERT_REFUSED_WITH(validate_nik(NULL, "1990-01-01", "L", kec, &msg), "NIK wajib diisi.");
    assert_string_equal(kec, "");   /* untouched on refusal */
}

/* ---- other identity numbers ---- */

static void test_sim(void **state)
{
    char norm[VALIDATE_SIM_SIZE];
    ASSERT_VALID(validate_sim("123456789012", norm, &msg));
    assert_string_equal(norm, "123456789012");
    ASSERT_VALID(validate_sim("1234-5678-9012", norm, &msg));
    assert_string_equal(norm, "123456789012");
    ASSERT_VALID(validate_sim(" 1234 5678 9012 ", norm, &msg));
    assert_string_equal(norm, "123456789012");
    ASSERT_VALID(validate_sim("1971-0101-0190-0001", norm, &msg));   /* NIK-based, 2024+ */
    assert_string_equal(norm, "1971010101900001");

    static const char *const bad[] = {
        "12345678901", "1234567890123", "12345678901234", "12345678901234567",
        "1234.5678.9012", "1234-5678-901A", "SIM123456789", "1234567890\n12",
        "'; DROP TABLE--", "",
    };
    for (size_t i = 0; i < N(bad); i++) ASSERT_REFUSED(validate_sim(bad[i], norm, &msg));
    ASSERT_REFUSED(validate_sim(NULL, norm, &msg));
    ASSERT_REFUSED(validate_sim(huge, norm, &msg));
}

static void test_passport(void **state)
{
    char norm[VALIDATE_PASSPORT_SIZE];
    ASSERT_VALID(validate_passport("A1234567", norm, &msg));
    assert_string_equal(norm, "A1234567");
    ASSERT_VALID(validate_passport("x123456", norm, &msg));
    assert_string_equal(norm, "X123456");
    ASSERT_VALID(validate_passport("ab 1234567", norm, &msg));
    assert_string_equal(norm, "AB1234567");

    static const char *const bad[] = {
        "", "1234567", "ABC123456", "A12345", "A12345678", "A123456B", "A-1234567",
        "\xC3\x81" "1234567", "A1234567\n", "<script>", "A12'--",
    };
    for (size_t i = 0; i < N(bad); i++) ASSERT_REFUSED(validate_passport(bad[i], norm, &msg));
    ASSERT_REFUSED(validate_passport(NULL, norm, &msg));
    ASSERT_REFUSED(validate_passport(huge, norm, &msg));
}

static void test_npwp(void **state)
{
    char norm[VALIDATE_NPWP_SIZE];
    ASSERT_VALID(validate_npwp("12.345.678.9-012.345", norm, &msg));
    assert_string_equal(norm, "123456789012345");
    ASSERT_VALID(validate_npwp("123456789012345", norm, &msg));
    assert_string_equal(norm, "123456789012345");
    ASSERT_VALID(validate_npwp("1971010101900001", norm, &msg));
    assert_string_equal(norm, "1971010101900001");
    ASSERT_VALID(validate_npwp("0123 4567 8901 2345", norm, &msg));
    assert_string_equal(norm, "0123456789012345");

    ASSERT_REFUSED_WITH(validate_npwp("00.000.000.0-000.000", norm, &msg),
                        "NPWP tidak boleh semua nol.");
    static const char *const bad[] = {
        "", "12.345.678.9-012.34", "12345678901234567", "12.345.678.9/012.345",
        "AB.345.678.9-012.345", "123456789012345\n", "'; DROP TABLE--",
    };
    for (size_t i = 0; i < N(bad); i++) ASSERT_REFUSED(validate_npwp(bad[i], norm, &msg));
    ASSERT_REFUSED(validate_npwp(huge, norm, &msg));
}

/* ---- phone ---- */

static void phone_is(const char *typed, int mobile_only, const char *expected)
{
    char norm[VALIDATE_PHONE_SIZE];
    const char *msg = NULL;
    if (validate_phone(typed, mobile_only, norm, &msg) != 0)
        fail_msg("refused \"%s\": %s", typed, msg);
    assert_string_equal(norm, expected);
}

static void test_phone(void **state)
{
    phone_is("0812-3456-7890", 1, "+6281234567890");
    phone_is("+62 812 3456 7890", 1, "+6281234567890");
    phone_is("6281234567890", 1, "+6281234567890");
    phone_is("+62 (0)812 3456 7890", 1, "+6281234567890");
    phone_is("0812.3456.789", 1, "+628123456789");
    phone_is("0811-234-567", 1, "+62811234567");          /* 9 digits after +62 */
    phone_is("0812-3456-78901", 1, "+62812345678901");    /* 12 digits after +62 */
    phone_is("082381942489", 0, "+6282381942489");
    phone_is("(0717) 436772", 0, "+62717436772");
    phone_is("0717-436772", 0, "+62717436772");
    phone_is("0717436772", 0, "+62717436772");
    phone_is("021-1234-5678", 0, "+622112345678");
    phone_is("+62 21 1234567", 0, "+62211234567");
    phone_is("(0734) 421234", 0, "+62734421234");         /* Muara Enim */

    char norm[VALIDATE_PHONE_SIZE];
    ASSERT_REFUSED_WITH(validate_phone("(0717) 436772", 1, norm, &msg),
                        "Nomor HP harus nomor seluler, diawali 08 atau +628.");
    ASSERT_REFUSED_WITH(validate_phone("+65 9123 4567", 0, norm, &msg),
                        "Hanya nomor Indonesia (+62) yang diterima.");
    ASSERT_REFUSED_WITH(validate_phone("81234567890", 0, norm, &msg),
                        "Nomor telepon harus diawali 0, 62 atau +62.");
    static const char *const bad[] = {
        "", "0", "+62", "0812-345-67", "0812-3456-789012", "010 1234567", "(021) 1234",
        "(0717) 4367721234", "0812abc4567", "0812 3456 7890 ext 1", "0812+3456789",
        "0812\n34567890", "'; DROP TABLE--", "<script>", "\xEF\xBC\x90" "812345678",
    };
    for (size_t i = 0; i < N(bad); i++) {
        ASSERT_REFUSED(validate_phone(bad[i], 0, norm, &msg));
        ASSERT_REFUSED(validate_phone(bad[i], 1, norm, &msg));
    }
    ASSERT_REFUSED(validate_phone(NULL, 0, norm, &msg));
    ASSERT_REFUSED_WITH(validate_phone(huge, 0, norm, &msg), "Nomor telepon terlalu panjang.");
}

/* ---- kode pos ---- */

static void test_kode_pos(void **state)
{
    static const char *const good[] = {"33131", "31311", "10110", "99351"};
    static const char *const bad[] = {
        "", "01234", "3313", "331311", "3313a", " 33131", "33131\n", "33 131", "<b>",
    };
    all_valid(validate_kode_pos, good, N(good));
    all_refused(validate_kode_pos, bad, N(bad));
    ASSERT_REFUSED(validate_kode_pos(NULL, &msg));
    ASSERT_REFUSED(validate_kode_pos(huge, &msg));
}

/* ---- dates ---- */

static void test_date(void **state)
{
    static const char *const good[] = {"1990-01-31", "2000-02-29", "2024-02-29", "1900-01-01",
                                       "1999-12-31"};
    static const char *const bad[] = {
        "", "1990-1-31", "31-01-1990", "1990/01/31", "1990-01-31 ", "1990-01-31T00:00",
        "1990-02-30", "1990-04-31", "1990-13-01", "1990-00-10", "1990-01-00", "1900-02-29",
        "2023-02-29", "1899-12-31", "0000-01-01", "9999-12-31", "199O-01-31", "\xEF\xBC\x91" "990-01-31",
    };
    all_valid(validate_date, good, N(good));
    all_refused(validate_date, bad, N(bad));
    ASSERT_REFUSED(validate_date(NULL, &msg));
    ASSERT_REFUSED(validate_date(huge, &msg));
    ASSERT_REFUSED_WITH(validate_date("2023-02-29", &msg),
                        "Tanggal tersebut tidak ada di kalender.");

    char d[11];
    date_from_today(0, 0, d);
    ASSERT_VALID(validate_date(d, &msg));
    date_from_today(0, 1, d);
    ASSERT_REFUSED_WITH(validate_date(d, &msg), "Tanggal tidak boleh di masa depan.");
}

static void test_birth_date(void **state)
{
    static const char under_age[] = "Pemohon harus berusia minimal 17 tahun.";
    char d[11];
    date_from_today(-40, 0, d);
    ASSERT_VALID(validate_birth_date(d, &msg));
    date_from_today(-17, -1, d);
    ASSERT_VALID(validate_birth_date(d, &msg));
    date_from_today(-17, 1, d);   /* turns 17 tomorrow */
    ASSERT_REFUSED_WITH(validate_birth_date(d, &msg), under_age);
    date_from_today(-10, 0, d);
    ASSERT_REFUSED_WITH(validate_birth_date(d, &msg), under_age);

    /* Exactly 17 today (skipped on 29 February, when 17 years ago had none). */
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    if (!(tm.tm_mon == 1 && tm.tm_mday == 29)) {
        date_from_today(-17, 0, d);
        ASSERT_VALID(validate_birth_date(d, &msg));
    }

    date_from_today(0, 1, d);
    ASSERT_REFUSED_WITH(validate_birth_date(d, &msg), "Tanggal tidak boleh di masa depan.");
    ASSERT_REFUSED(validate_birth_date("1990-02-30", &msg));
    ASSERT_REFUSED(validate_birth_date("", &msg));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_username),
        cmocka_unit_test(test_email),
        cmocka_unit_test(test_nama),
        cmocka_unit_test(test_text),
        cmocka_unit_test(test_nik_man_and_woman),
        cmocka_unit_test(test_nik_date_must_agree),
        cmocka_unit_test(test_nik_real_dates),
        cmocka_unit_test(test_nik_shape),
        cmocka_unit_test(test_sim),
        cmocka_unit_test(test_passport),
        cmocka_unit_test(test_npwp),
        cmocka_unit_test(test_phone),
        cmocka_unit_test(test_kode_pos),
        cmocka_unit_test(test_date),
        cmocka_unit_test(test_birth_date),
    };
    return cmocka_run_group_tests_name("validate", tests, make_huge, NULL);
}

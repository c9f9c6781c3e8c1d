/* domain/akun/validate.h — checks for what an applicant types into the registration wizard
 * (SPEC 4.1): username, nama, email, identity numbers (NIK, SIM, passport), NPWP, phone
 * numbers, kode pos, dates and free text.
 *
 * Every validator is a pure function (no I/O, no allocation) and returns 0 when the
 * value is acceptable, or -1 with *msg set to a short Indonesian sentence for the person
 * typing, shown next to the field.  Messages are static strings with no values spliced
 * in, so html/i18n.h can translate them by phrase; the field's label and its length
 * counter ("0 / 100") are already on the page beside the message.
 *
 * Input is a NUL-terminated string exactly as submitted (NULL counts as empty).  The form
 * layer keeps what was typed, so callers trim surrounding whitespace before calling the
 * validators without a normalised output (username, email, nama, text, NIK, kode pos,
 * dates); those with one (SIM, passport, NPWP, phone) ignore spaces themselves.
 * Normalised values go into a caller buffer of the size named below, written only when
 * the value is valid. */
#ifndef LOKET_VALIDATE_H
#define LOKET_VALIDATE_H

/* Sizes of the caller buffers for normalised values, NUL included. */
enum {
    VALIDATE_KECAMATAN_SIZE = 9,   /* "19.71.01" */
    VALIDATE_SIM_SIZE = 17,        /* 12 or 16 digits */
    VALIDATE_PASSPORT_SIZE = 10,   /* up to 2 letters + 7 digits */
    VALIDATE_NPWP_SIZE = 17,       /* 15 or 16 digits */
    VALIDATE_PHONE_SIZE = 16       /* "+62" + at most 12 digits */
};

/* Username: 3–30 characters of a–z, 0–9, '.', '_' and '-', starting with a letter or a
 * digit.  Only lower case is accepted: the caller lowercases what was typed (ASCII)
 * before calling, stores that form, and checks uniqueness on it, so "Budi" and "budi"
 * are the same account. */
int validate_username(const char *s, const char **msg);

/* Email, a practical check rather than RFC 5322: at most 254 bytes; exactly one '@';
 * a local part of 1–64 characters from letters, digits and !#$%&'*+/=?^_`{|}~.- with no
 * leading, trailing or doubled dot; a domain of at least two dot-separated labels, each
 * 1–63 letters, digits or hyphens not starting or ending with a hyphen, the last one not
 * all digits.  ASCII only, so spaces, control characters, quotes and angle brackets are
 * refused (the address goes into mail headers). */
int validate_email(const char *s, const char **msg);

/* Nama as on the identity card: 2–100 characters; letters of the Latin script, accented
 * ones included (KTP, SIM and passports print names in Latin letters), spaces, '.', ',',
 * '-', and the apostrophes ' and ’ (phone keyboards type the latter); at least one
 * letter. */
int validate_nama(const char *s, const char **msg);

/* Free text (pekerjaan, tempat lahir, alamat...): valid UTF-8 of min–max characters
 * (code points, as the page's counter shows them), min 0 for optional fields.  Refuses
 * control characters (line breaks and tabs included, since these are one-line fields),
 * and the Unicode line separators and bidirectional overrides that make text display
 * differently from what is stored. */
int validate_text(const char *s, int min, int max, const char **msg);

/* NIK (KTP number): exactly 16 digits, laid out PPKKCC DDMMYY SSSS:
 *   - PPKKCC: provinsi, kabupaten/kota and kecamatan; written to kecamatan_out as the
 *     wilayah code "PP.KK.CC" (buffer of VALIDATE_KECAMATAN_SIZE) so the caller can check
 *     that the kecamatan exists;
 *   - DDMMYY: date of birth, with 40 added to the day for women; must be a real date in
 *     19YY or 20YY;
 *   - SSSS: a serial, not 0000.
 * The date and sex it encodes must agree with tanggal_lahir ("YYYY-MM-DD") and
 * jenis_kelamin ("L" or "P").  Each agreement is checked only when that other field is
 * itself valid: its own error belongs next to it, and the caller validates it anyway
 * (validate_birth_date; jenis_kelamin against the two choices). */
int validate_nik(const char *nik, const char *tanggal_lahir, const char *jenis_kelamin,
                 char kecamatan_out[VALIDATE_KECAMATAN_SIZE], const char **msg);

/* SIM (driving licence) number: 12 digits (cards issued until mid-2024), or 16 digits
 * (cards issued since then carry the holder's NIK).  Spaces and dashes, as printed on the
 * card ("1234-5678-9012"), are ignored.  norm receives the digits only. */
int validate_sim(const char *s, char norm[VALIDATE_SIM_SIZE], const char **msg);

/* Indonesian passport number: one or two letters then 6 or 7 digits ("A1234567",
 * "X123456"); case-insensitive, spaces ignored.  norm receives it in upper case. */
int validate_passport(const char *s, char norm[VALIDATE_PASSPORT_SIZE], const char **msg);

/* NPWP (tax number; the field is optional, so the caller skips an empty value): 15 digits
 * (the old format, usually typed "12.345.678.9-012.345") or 16 digits (the NIK-based
 * format since 2024); dots, dashes and spaces are ignored; all zeros is refused.
 * norm receives the digits only. */
int validate_npwp(const char *s, char norm[VALIDATE_NPWP_SIZE], const char **msg);

/* Indonesian phone number as people type it: "0812-3456-7890", "+62 812 3456 7890",
 * "62812...", "(0717) 436772", "+62 (0)717 436772".  Spaces, dashes, dots and brackets
 * are ignored; the number starts with 0, 62 or +62.  After the country code:
 *   - mobile: '8' then 8–11 more digits (9–12 in all, 0812-345-678 to 0812-3456-78901);
 *   - landline (only when mobile_only is 0): an area code of 2–3 digits starting 2–7 or 9
 *     ("21" Jakarta, "717" Pangkalpinang) and a subscriber number of 5–8 digits, so 7–11
 *     digits in all.
 * norm receives the E.164 form "+62...". */
int validate_phone(const char *s, int mobile_only, char norm[VALIDATE_PHONE_SIZE],
                   const char **msg);

/* Kode pos: exactly 5 digits, the first 1–9. */
int validate_kode_pos(const char *s, const char **msg);

/* Date "YYYY-MM-DD" (what <input type="date"> sends): a real calendar date (leap years
 * included), year 1900 or later, not after today (server's local time). */
int validate_date(const char *s, const char **msg);

/* Tanggal lahir of an applicant: validate_date, and at least 17 years old today (the age
 * a KTP is issued at).  Someone born on 29 February turns 17 on 1 March in a common
 * year. */
int validate_birth_date(const char *s, const char **msg);

#endif

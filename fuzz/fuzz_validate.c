/* fuzz/fuzz_validate.c — libFuzzer target for the validators of outside input
 * (domain/akun/validate.h): NIK, SIM, passport, NPWP, phone numbers, kode pos, dates,
 * usernames, email, names and free text.  Checks beside "no crash": whatever a
 * validator accepts is normalised as documented (digits only, E.164, lengths). */
#include "fuzz/fuzz_common.h"
#include "domain/akun/validate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096) return 0;
    char *s = fuzz_cstring(data, size);
    const char *msg = NULL;
    char kec[VALIDATE_KECAMATAN_SIZE], sim[VALIDATE_SIM_SIZE], pass[VALIDATE_PASSPORT_SIZE];
    char npwp[VALIDATE_NPWP_SIZE], phone[VALIDATE_PHONE_SIZE];

    if (validate_nik(s, "1990-05-17", "P", kec, &msg) == 0) {
        CHECK(strlen(s) == 16 && fuzz_all_digits(s));
        CHECK(strlen(kec) == 8 && kec[2] == '.' && kec[5] == '.');
    } else
        CHECK(msg && *msg);
    /* The NIK's other fields, taken from the input itself. */
    if (size > 20) {
        char date[11];
        memcpy(date, s + 16, 10 <= size - 16 ? 10 : size - 16);
        date[10 <= size - 16 ? 10 : size - 16] = '\0';
        (void)validate_nik(s, date, s[size - 1] == 'L' ? "L" : "P", kec, &msg);
    }
    if (validate_sim(s, sim, &msg) == 0) CHECK((strlen(sim) == 12 || strlen(sim) == 16) && fuzz_all_digits(sim));
    if (validate_passport(s, pass, &msg) == 0) CHECK(strlen(pass) >= 7 && strlen(pass) <= 9);
    if (validate_npwp(s, npwp, &msg) == 0) CHECK((strlen(npwp) == 15 || strlen(npwp) == 16) && fuzz_all_digits(npwp));
    for (int mobile = 0; mobile <= 1; mobile++)
        if (validate_phone(s, mobile, phone, &msg) == 0) {
            CHECK(strncmp(phone, "+62", 3) == 0 && fuzz_all_digits(phone + 1));
            if (mobile) CHECK(phone[3] == '8');
        }
    if (validate_kode_pos(s, &msg) == 0) CHECK(strlen(s) == 5 && fuzz_all_digits(s) && s[0] != '0');
    if (validate_date(s, &msg) == 0) CHECK(strlen(s) == 10 && s[4] == '-' && s[7] == '-');
    (void)validate_birth_date(s, &msg);
    (void)validate_username(s, &msg);
    if (validate_email(s, &msg) == 0) CHECK(strchr(s, '@') && !strpbrk(s, "\r\n<> "));
    (void)validate_nama(s, &msg);
    (void)validate_text(s, 0, 200, &msg);
    free(s);
    return 0;
}

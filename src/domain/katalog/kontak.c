/* domain/katalog/kontak.c — an office's contact for applicants (see kontak.h). */
#include "domain/katalog/kontak.h"
#include "domain/katalog/public_version.h"
#include "util/phrase.h"
#include "util/text.h"
#include <ctype.h>
#include <string.h>

static const struct {
    const char *key, *label;
} FIELDS[KONTAK_COUNT] = {
    {"call_center", "Call Center"},
    {"whatsapp", "WhatsApp"},
    {"jam_layanan", "Jam Layanan"},
    {"alamat", "Alamat Kantor"},
};

const char *kontak_field_key(kontak_field f)
{
    return FIELDS[f].key;
}

const char *kontak_field_label(kontak_field f)
{
    return FIELDS[f].label;
}

lk_err kontak_get(store_conn *c, arena *a, int64_t instansi_id, instansi_kontak *out)
{
    memset(out, 0, sizeof *out);
    store_rows *r = store_query(c, "SELECT office_name, phone, whatsapp, office_hours, address FROM instansi WHERE id = $1",
                                STORE_P(SP_I(instansi_id)));
    if (!r) return LK_ERR_DB;
    int got = store_next(r);
    if (got == 1) {
        out->office_name = store_is_null(r, 0) ? NULL : arena_strdup(a, store_text(r, 0));
        for (int f = 0; f < KONTAK_COUNT; f++) {
            const char *v = store_is_null(r, f + 1) ? NULL : store_text(r, f + 1);
            out->v[f] = v && *v ? arena_strdup(a, v) : NULL;
        }
    }
    store_rows_close(r);
    return got == 1 ? LK_OK : got == 0 ? LK_ERR_NOTFOUND : LK_ERR_DB;
}

instansi_kontak kontak_of_instansi(const instansi *i)
{
    instansi_kontak k = {i->office_name, {NULL}};
    k.v[KONTAK_CALL_CENTER] = i->phone && *i->phone ? i->phone : NULL;
    k.v[KONTAK_WHATSAPP] = i->whatsapp && *i->whatsapp ? i->whatsapp : NULL;
    k.v[KONTAK_HOURS] = i->office_hours && *i->office_hours ? i->office_hours : NULL;
    k.v[KONTAK_ADDRESS] = i->address && *i->address ? i->address : NULL;
    return k;
}

int kontak_any(const instansi_kontak *k)
{
    for (int f = 0; f < KONTAK_COUNT; f++)
        if (k->v[f]) return 1;
    return 0;
}

/* A telephone number as people write it: "0717-436772", "+62 823 8194 2489", "(0734) 421000". */
static int number_ok(const char *s)
{
    int digits = 0;
    for (const char *p = s; *p; p++) {
        if (isdigit((unsigned char)*p)) digits++;
        else if (!strchr(" +-().", *p)) return 0;
    }
    return digits >= 6 && digits <= 15;
}

lk_err kontak_save(store_conn *c, int64_t instansi_id, const char *const in[KONTAK_COUNT],
                   const char *msgs[KONTAK_COUNT])
{
    static const int MAX[KONTAK_COUNT] = {KONTAK_NUMBER_MAX, KONTAK_NUMBER_MAX, KONTAK_HOURS_MAX, KONTAK_ADDRESS_MAX};
    const char *value[KONTAK_COUNT];
    int bad = 0;
    for (int f = 0; f < KONTAK_COUNT; f++) {
        msgs[f] = NULL;
        const char *v = in[f];
        value[f] = NULL;
        if (!v || is_blank(v)) continue;
        if (!utf8_valid(v, strlen(v)) || utf8_length(v) > (size_t)MAX[f]) {
            msgs[f] = f == KONTAK_HOURS ? "paling banyak 200 karakter." : f == KONTAK_ADDRESS ? "paling banyak 300 karakter."
                                                                                         : "paling banyak 30 karakter.";
        } else if ((f == KONTAK_CALL_CENTER || f == KONTAK_WHATSAPP) && !number_ok(v)) {
            msgs[f] = "tulis nomor telepon: angka, spasi dan + - ( ), 6 sampai 15 angka.";
        } else if (f != KONTAK_ADDRESS && (strchr(v, '\n') || strchr(v, '\r'))) {
            msgs[f] = "tulis dalam satu baris.";
        }
        bad |= msgs[f] != NULL;
        value[f] = v;
    }
    if (bad) return LK_ERR_INVALID;
    int64_t changed = 0;
    lk_err e = store_exec(c, "UPDATE instansi SET phone = $2, whatsapp = $3, office_hours = $4, address = $5 WHERE id = $1",
                          STORE_P(SP_I(instansi_id), SP_T(value[0]), SP_T(value[1]), SP_T(value[2]), SP_T(value[3])),
                          &changed);
    if (e == LK_OK && changed == 0) e = LK_ERR_NOTFOUND;
    if (e == LK_OK) e = public_version_bump(c);   /* Home and the office pages show the contact */
    return e;
}

const char *kontak_whatsapp_link(arena *a, const char *number)
{
    if (!number) return NULL;
    char digits[32];
    size_t n = 0;
    for (const char *p = number; *p && n + 3 < sizeof digits; p++)
        if (isdigit((unsigned char)*p)) digits[n++] = *p;
    digits[n] = '\0';
    if (n == 0) return NULL;
    /* A national number (08…) becomes international (628…), as wa.me wants. */
    if (digits[0] == '0') return arena_printf(a, "https://wa.me/62%s", digits + 1);
    return arena_printf(a, "https://wa.me/%s", digits);
}

lk_err kontak_mail_text(store_conn *c, arena *a, int64_t instansi_id, const char *lang, const char **out)
{
    *out = "";
    instansi_kontak k;
    lk_err e = kontak_get(c, a, instansi_id, &k);
    if (e != LK_OK || !kontak_any(&k)) return e;
    buf b = BUF_INIT;
    buf_printf(&b, "%s %s:\n", phrase_in(lang, "Hubungi"),
               k.office_name ? k.office_name : phrase_in(lang, "kantor pelayanan"));
    for (int f = 0; f < KONTAK_COUNT; f++)
        if (k.v[f]) buf_printf(&b, "  %s: %s\n", phrase_in(lang, FIELDS[f].label), k.v[f]);
    *out = arena_strdup(a, buf_str(&b));
    buf_free(&b);
    return LK_OK;
}

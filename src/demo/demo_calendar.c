/* demo/demo_calendar.c — Indonesia's national holidays for the demo (see demo.h).
 *
 * 2026: the libur nasional and cuti bersama of the SKB 3 Menteri for 2026 as known when
 * this was written; CHECK THEM AGAINST THE CURRENT SKB (moving holidays follow the moon and
 * are sometimes shifted by a revised SKB).  2027: only the fixed-date holidays, until its
 * SKB is out.  All are national rows (instansi_id NULL); running twice updates the names. */
#include "demo/demo.h"
#include <stdio.h>

typedef struct {
    const char *tanggal;
    const char *nama;
} holiday;

static const holiday NATIONAL_HOLIDAYS[] = {
    {"2026-01-01", "Tahun Baru 2026 Masehi"},
    {"2026-01-16", "Isra Mikraj Nabi Muhammad SAW"},
    {"2026-02-16", "Cuti Bersama Tahun Baru Imlek"},
    {"2026-02-17", "Tahun Baru Imlek 2577 Kongzili"},
    {"2026-03-18", "Cuti Bersama Hari Suci Nyepi"},
    {"2026-03-19", "Hari Suci Nyepi Tahun Baru Saka 1948"},
    {"2026-03-20", "Cuti Bersama Idul Fitri 1447 H"},
    {"2026-03-21", "Idul Fitri 1447 H"},
    {"2026-03-22", "Idul Fitri 1447 H"},
    {"2026-03-23", "Cuti Bersama Idul Fitri 1447 H"},
    {"2026-03-24", "Cuti Bersama Idul Fitri 1447 H"},
    {"2026-04-03", "Wafat Yesus Kristus"},
    {"2026-04-05", "Kebangkitan Yesus Kristus (Paskah)"},
    {"2026-05-01", "Hari Buruh Internasional"},
    {"2026-05-14", "Kenaikan Yesus Kristus"},
    {"2026-05-15", "Cuti Bersama Kenaikan Yesus Kristus"},
    {"2026-05-27", "Idul Adha 1447 H"},
    {"2026-05-28", "Cuti Bersama Idul Adha 1447 H"},
    {"2026-05-31", "Hari Raya Waisak 2570 BE"},
    {"2026-06-01", "Hari Lahir Pancasila"},
    {"2026-06-16", "Tahun Baru Islam 1448 H"},
    {"2026-08-17", "Hari Kemerdekaan Republik Indonesia"},
    {"2026-08-25", "Maulid Nabi Muhammad SAW"},
    {"2026-12-24", "Cuti Bersama Hari Raya Natal"},
    {"2026-12-25", "Hari Raya Natal"},
    {"2027-01-01", "Tahun Baru 2027 Masehi"},
    {"2027-05-01", "Hari Buruh Internasional"},
    {"2027-06-01", "Hari Lahir Pancasila"},
    {"2027-08-17", "Hari Kemerdekaan Republik Indonesia"},
    {"2027-12-25", "Hari Raya Natal"},
};

lk_err demo_holidays_load(store *s, char *err, size_t errlen)
{
    store_conn *c = store_acquire(s);
    lk_err rc = store_begin(c);
    if (rc) goto out;
    for (size_t i = 0; i < sizeof NATIONAL_HOLIDAYS / sizeof NATIONAL_HOLIDAYS[0]; i++) {
        rc = store_exec(c,
            "INSERT INTO hari_libur (instansi_id, tanggal, nama) VALUES (NULL, $1, $2) "
            "ON CONFLICT (COALESCE(instansi_id, 0), tanggal) DO UPDATE SET nama = excluded.nama",
            STORE_P(SP_T(NATIONAL_HOLIDAYS[i].tanggal), SP_T(NATIONAL_HOLIDAYS[i].nama)), NULL);
        if (rc) goto out;
    }
    rc = store_commit(c);
out:
    if (rc) snprintf(err, errlen, "national holidays: %s", store_errmsg(c));
    store_release(c);   /* rolls back what is still open */
    return rc;
}

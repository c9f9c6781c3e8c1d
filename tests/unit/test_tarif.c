/* tests/unit/test_tarif.c — tarif versions, the fee computation and the step predicates
 * (domain/tarif/tarif.h, retribusi.h) on SQLite and PostgreSQL: the version in force on a
 * date; a refused tarif leaves nothing; the computation's lines, refusals and rounding; the
 * inputs' JSON round trip; retribusi_step_ready / pembayaran_step_ready as the SKRD goes
 * from draft to confirmed to paid. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "domain/tarif/retribusi.h"
#include "domain/tarif/tarif.h"
#include "testdb.h"

static testdb db = {.name = "tarif", .pool = 4};   /* a failed check leaves its connection taken */
static int64_t jenis_id, permohonan_id;

static void exec_ok(store_conn *c, const char *sql)
{
    if (store_exec(c, sql, STORE_NOP, NULL)) fail_msg("%s: %s", sql, store_errmsg(c));
}

/* The smallest world an application lives in: a region, an instansi with a unit and a paid
 * jenis izin, an applicant and one submitted application with a hitung_retribusi step. */
static int setup(void **st)
{
    if (testdb_setup(&db)) return -1;
    store_conn *c = store_acquire(db.s);
    exec_ok(c, "INSERT INTO wilayah (code, level, name, name_lower) VALUES ('19', 1, 'Bangka Belitung', 'bangka belitung')");
    exec_ok(c, "INSERT INTO wilayah (code, parent_code, level, name, name_lower) VALUES ('19.71', '19', 2, 'Pangkal Pinang', 'pangkal pinang')");
    exec_ok(c, "INSERT INTO instansi (slug, name, wilayah_code, office_name) VALUES ('kota', 'Kota', '19.71', 'DPMPTSP Kota')");
    exec_ok(c, "INSERT INTO unit_kerja (instansi_id, slug, name) SELECT id, 'dpmptsp', 'DPMPTSP' FROM instansi");
    exec_ok(c, "INSERT INTO jenis_izin (instansi_id, unit_id, slug, name, document_type, gratis)"
               " SELECT instansi_id, id, 'reklame', 'Izin Reklame', 'Surat Izin Reklame', 0 FROM unit_kerja");
    exec_ok(c, "INSERT INTO account (kind, username, username_lower, email, email_lower, nama, instansi_id, status)"
               " SELECT 'pemohon', 'budi', 'budi', 'budi@example.com', 'budi@example.com', 'Budi', id, 'aktif' FROM instansi");
    exec_ok(c, "INSERT INTO permohonan (account_id, instansi_id, unit_id, jenis_izin_id, status, nomor)"
               " SELECT a.id, j.instansi_id, j.unit_id, j.id, 'diproses', 'REG/2026/XII/00001' FROM account a, jenis_izin j");
    exec_ok(c, "INSERT INTO permohonan_step (permohonan_id, position, name, role_key, kind, sla_days, status)"
               " SELECT id, 1, 'Hitung retribusi', 'bendahara', 'hitung_retribusi', 1, 'berjalan' FROM permohonan");
    assert_int_equal(store_query_int(c, "SELECT id FROM jenis_izin", STORE_NOP, &jenis_id), LK_OK);
    assert_int_equal(store_query_int(c, "SELECT id FROM permohonan", STORE_NOP, &permohonan_id), LK_OK);
    store_release(c);
    return 0;
}
static int teardown(void **st) { return testdb_teardown(&db); }

static dec D(const char *s)
{
    dec d;
    assert_int_equal(dec_parse(s, &d), 0);
    return d;
}

/* Reklame: RT m² at a road-class price, B months. */
static tarif reklame(arena *a, const char *berlaku, const char *price)
{
    tarif t = {.jenis_izin_id = jenis_id, .berlaku_mulai = berlaku, .formula = "RT * harga(RT) * B"};
    t.items = arena_alloc(a, 2 * sizeof *t.items);
    t.items[0] = (tarif_item){"RT", "Reklame tetap", "m²", TI_HARGA, D("0"), D("500"), NULL, 2};
    t.items[0].kategori = arena_alloc(a, 2 * sizeof(tarif_kategori));
    t.items[0].kategori[0] = (tarif_kategori){"Protokol", D(price)};
    t.items[0].kategori[1] = (tarif_kategori){"Lingkungan", D("7500.5")};
    t.items[1] = (tarif_item){"B", "Jangka waktu", "bulan", TI_ANGKA, D("1"), D("12"), NULL, 0};
    t.nitems = 2;
    return t;
}

static void test_versions_in_force(void **st)
{
    arena *a = arena_new();
    store_conn *c = store_acquire(db.s);
    tarif got;
    assert_int_equal(tarif_in_force(c, a, jenis_id, "2026-03-01", &got), LK_ERR_NOTFOUND);
    tarif_problem p;
    tarif v1 = reklame(a, "2026-01-01", "25000"), v2 = reklame(a, "2026-06-01", "30000");
    assert_int_equal(tarif_save(c, a, &v1, 0, 0, 1764547200, NULL, &p), LK_OK);
    assert_int_equal(tarif_save(c, a, &v2, 0, 0, 1764547200, NULL, &p), LK_OK);
    assert_int_equal(tarif_in_force(c, a, jenis_id, "2025-12-31", &got), LK_ERR_NOTFOUND);
    assert_int_equal(tarif_in_force(c, a, jenis_id, "2026-05-31", &got), LK_OK);
    assert_int_equal(got.version, 1);
    assert_string_equal(dec_str(a, got.items[0].kategori[0].nilai), "25000");
    assert_int_equal(tarif_in_force(c, a, jenis_id, "2026-06-01", &got), LK_OK);
    assert_int_equal(got.version, 2);
    assert_int_equal(got.nitems, 2);
    assert_string_equal(got.items[0].kategori[1].nama, "Lingkungan");
    assert_string_equal(dec_str(a, got.items[0].kategori[1].nilai), "7500.5");
    assert_int_equal(got.items[1].jenis, TI_ANGKA);
    /* Refused versions leave nothing behind. */
    int64_t before = 0, after = 0;
    store_query_int(c, "SELECT COUNT(*) FROM tarif_item", STORE_NOP, &before);
    tarif bad = reklame(a, "2026-13-01", "1");
    assert_int_equal(tarif_save(c, a, &bad, 0, 0, 0, NULL, &p), LK_ERR_INVALID);
    assert_string_equal(p.field, "berlaku_mulai");
    bad = reklame(a, "2026-07-01", "1");
    bad.items[1].kode = "RT";
    assert_int_equal(tarif_save(c, a, &bad, 0, 0, 0, NULL, &p), LK_ERR_INVALID);
    assert_int_equal(p.item, 1);
    bad = reklame(a, "2026-07-01", "1");
    bad.formula = "RT * harga(B)";
    assert_int_equal(tarif_save(c, a, &bad, 0, 0, 0, NULL, &p), LK_ERR_INVALID);
    assert_string_equal(p.field, "formula");
    assert_int_equal(p.col, 12);   /* at B, which has no price */
    bad = reklame(a, "2026-07-01", "1");
    bad.items[0].nkategori = 0;
    assert_int_equal(tarif_save(c, a, &bad, 0, 0, 0, NULL, &p), LK_ERR_INVALID);
    store_query_int(c, "SELECT COUNT(*) FROM tarif_item", STORE_NOP, &after);
    assert_int_equal(before, after);
    store_release(c);
    arena_free(a);
}

static void test_hitung(void **st)
{
    arena *a = arena_new();
    tarif t = reklame(a, "2026-01-01", "25000");
    const char *jumlah[] = {"12,5", "3"}, *kategori[] = {"2", NULL};
    tarif_masukan m = {jumlah, kategori};
    tarif_hasil h;
    /* 12,5 m² × Rp 7.500,5 × 3 = 281.268,75 → Rp 281.269 (half up). */
    assert_int_equal(tarif_hitung(a, &t, &m, &h), 0);
    assert_string_equal(dec_str(a, h.total), "281269");
    assert_string_equal(h.baris[0].uraian, "Reklame tetap (Lingkungan)");
    assert_string_equal(h.baris[0].rincian, "12,5 m² × Rp 7.500,5");
    assert_string_equal(dec_str(a, h.baris[0].jumlah), "93756.25");
    /* JSON round trip of the inputs. */
    tarif_masukan back;
    assert_int_equal(tarif_masukan_from_json(a, &t, tarif_masukan_json(a, &t, &m), &back), 0);
    assert_string_equal(back.jumlah[0], "12,5");
    assert_string_equal(back.kategori[0], "2");
    assert_null(back.kategori[1]);
    assert_int_equal(tarif_masukan_from_json(a, &t, "[1, 2]", &back), -1);
    /* Refusals per input. */
    const char *bad_j[] = {"-1", "13"}, *bad_k[] = {"3", NULL};
    m = (tarif_masukan){bad_j, bad_k};
    assert_int_equal(tarif_hitung(a, &t, &m, &h), -1);
    assert_int_equal(h.item_errors, 2);
    assert_string_equal(h.item_what[0], "Pilih kategori yang tersedia.");
    assert_non_null(strstr(h.item_what[1], "di luar batas"));
    assert_string_equal(h.item_detail[1], "1 – 12");
    const char *no_b[] = {"1", ""};
    m = (tarif_masukan){no_b, kategori};
    assert_int_equal(tarif_hitung(a, &t, &m, &h), -1);
    assert_string_equal(h.item_what[1], "Isi angka ini.");
    /* Without a formula the priced items add up; a negative total is refused. */
    t.formula = "";
    m = (tarif_masukan){jumlah, kategori};
    assert_int_equal(tarif_hitung(a, &t, &m, &h), 0);
    assert_string_equal(dec_str(a, h.total), "93756");
    t.formula = "0 - RT";
    assert_int_equal(tarif_hitung(a, &t, &m, &h), -1);
    assert_non_null(strstr(h.formula_err.what, "negatif"));
    arena_free(a);
}

static void test_step_predicates(void **st)
{
    store_conn *c = store_acquire(db.s);
    const char *msg = NULL;
    assert_int_equal(retribusi_step_ready(c, permohonan_id, &msg), 0);
    assert_non_null(strstr(msg, "SKRD belum ditetapkan"));
    assert_int_equal(pembayaran_step_ready(c, permohonan_id, &msg), 0);
    char sql[400];
    snprintf(sql, sizeof sql, "INSERT INTO retribusi (permohonan_id, instansi_id, tarif_id, status, total, assessed_at)"
                              " SELECT %lld, instansi_id, (SELECT MIN(id) FROM tarif), 'draf', 1000, '2026-12-01T00:00:00Z'"
                              " FROM permohonan WHERE id = %lld", (long long)permohonan_id, (long long)permohonan_id);
    exec_ok(c, sql);
    assert_int_equal(retribusi_step_ready(c, permohonan_id, &msg), 0);
    exec_ok(c, "UPDATE retribusi SET status = 'ditetapkan', kode_bayar = '1971260000000000'");
    assert_int_equal(retribusi_step_ready(c, permohonan_id, &msg), 1);
    assert_null(msg);
    assert_int_equal(pembayaran_step_ready(c, permohonan_id, &msg), 0);
    assert_string_equal(msg, "Pembayaran retribusi belum dicatat.");
    exec_ok(c, "UPDATE retribusi SET status = 'lunas'");
    assert_int_equal(retribusi_step_ready(c, permohonan_id, &msg), 1);
    assert_int_equal(pembayaran_step_ready(c, permohonan_id, &msg), 1);
    assert_int_equal(pembayaran_step_ready(c, permohonan_id + 1000, &msg), 0);
    store_release(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_versions_in_force),
        cmocka_unit_test(test_hitung),
        cmocka_unit_test(test_step_predicates),
    };
    return testdb_run_both("tarif", tests, &db, setup, teardown);
}

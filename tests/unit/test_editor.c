/* tests/unit/test_editor.c — Admin Instansi's rules (domain/katalog/editor.h,
 * domain/akun/petugas.h, domain/katalog/hari_libur.h) on SQLite and PostgreSQL: a
 * workflow save is a new version with its steps in order and refuses an empty workflow,
 * one without Penetapan or with a step without a role; stale revisions and another
 * instansi's jenis izin are refused with nothing written; an admin cannot drop their own
 * last admin role or deactivate themselves; the editor's pure text and date rules. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "domain/akun/petugas.h"
#include "domain/katalog/editor.h"
#include "domain/katalog/editor_text.h"
#include "domain/katalog/hari_libur.h"
#include "testdb.h"
#include "util/log.h"

static testdb db = {.name = "editor", .pool = 2};
static const time_t NOW = 1764547200;   /* 2025-12-01 */

static void sql(const char *q)
{
    store_conn *c = store_acquire(db.s);
    lk_err e = store_exec(c, q, STORE_NOP, NULL);
    if (e) fail_msg("%s: %s", q, store_errmsg(c));
    store_release(c);
}

static int64_t value(const char *q)
{
    store_conn *c = store_acquire(db.s);
    int64_t v = -1;
    lk_err e = store_query_int(c, q, STORE_NOP, &v);
    if (e) fail_msg("%s: %s", q, store_errmsg(c));
    store_release(c);
    return v;
}

/* Two instansi with a unit, a jenis izin and an admin each. */
static int setup(void **st)
{
    if (testdb_setup(&db)) return -1;
    sql("INSERT INTO wilayah (code, level, name, name_lower) VALUES ('19', 1, 'Kep. Bangka Belitung', 'kep. bangka belitung'),"
        " ('16', 1, 'Sumatera Selatan', 'sumatera selatan')");
    sql("INSERT INTO wilayah (code, parent_code, level, name, name_lower) VALUES ('19.71', '19', 2, 'Kota Pangkal Pinang',"
        " 'kota pangkal pinang'), ('16.03', '16', 2, 'Kab. Muara Enim', 'kab. muara enim')");
    sql("INSERT INTO instansi (id, slug, name, wilayah_code, office_name) VALUES (1, 'a', 'Kota A', '19.71', 'DPMPTSP A'),"
        " (2, 'b', 'Kab B', '16.03', 'DPMPTSP B')");
    sql("INSERT INTO unit_kerja (id, instansi_id, slug, name) VALUES (1, 1, 'u', 'Unit A'), (2, 2, 'u', 'Unit B')");
    sql("INSERT INTO jenis_izin (id, instansi_id, unit_id, slug, name, document_type) VALUES (1, 1, 1, 'sip', 'SIP', 'SIP'),"
        " (2, 2, 2, 'sip', 'SIP', 'SIP')");
    sql("INSERT INTO jenis_izin_setting (jenis_izin_id, jenis_permohonan, enabled, sla_days, number_format_permohonan)"
        " VALUES (1, 'baru', 1, 5, 'REG/{NNN}')");
    sql("INSERT INTO account (id, kind, username, username_lower, email, email_lower, nama, instansi_id, status)"
        " VALUES (1000, 'petugas', 'admin.a', 'admin.a', 'a@example.com', 'a@example.com', 'Admin A', 1, 'aktif')");
    sql("INSERT INTO account_role (account_id, role_id) SELECT 1000, id FROM role WHERE key = 'admin_instansi'");
    return 0;
}
static int teardown(void **st) { return testdb_teardown(&db); }

/* Id 1000: PostgreSQL's identity sequence does not see ids given explicitly. */
static const account ADMIN = {.id = 1000, .kind = "petugas", .instansi_id = 1, .roles = ROLE_ADMIN_INSTANSI,
                              .office_name = "DPMPTSP A"};

static lk_err save(int64_t jenis_izin, int64_t revision, const editor_step_input *rows, size_t n, issues *errs,
                   int *version)
{
    store_conn *c = store_acquire(db.s);
    arena *a = arena_new();
    lk_err e = editor_alur_save(c, a, &ADMIN, jenis_izin, revision, JP_BARU, rows, n, NOW, version, errs);
    store_release(c);
    return e;   /* the arena holds the messages; freed with the process */
}

static void test_workflow_versions_and_refusals(void **st)
{
    const editor_step_input good[] = {
        {"2", "Penetapan", "verifikator", "penetapan", "1", 0},
        {"1", "Verifikasi berkas", "verifikator", "verifikasi_berkas", "2", 0},
        {NULL, "", "", "", "", 0},   /* an empty row is ignored */
        {"3", "Tanda tangan", "penandatangan", "tanda_tangan", "1", 0},
    };
    issues errs = {0};
    int version = 0;
    assert_int_equal(save(1, 1, good, 4, &errs, &version), LK_OK);
    assert_int_equal(version, 1);
    assert_int_equal(value("SELECT count(*) FROM workflow_step s JOIN workflow w ON w.id = s.workflow_id"
                           " WHERE w.jenis_izin_id = 1 AND w.version = 1"), 3);
    assert_int_equal(value("SELECT position FROM workflow_step WHERE kind = 'verifikasi_berkas'"), 1);
    assert_int_equal(value("SELECT revision FROM jenis_izin WHERE id = 1"), 2);
    assert_int_equal(save(1, 2, good, 4, &errs, &version), LK_OK);
    assert_int_equal(version, 2);
    assert_int_equal(value("SELECT count(*) FROM workflow_step s JOIN workflow w ON w.id = s.workflow_id"
                           " WHERE w.jenis_izin_id = 1 AND w.version = 1"), 3);   /* version 1 untouched */

    const editor_step_input no_penetapan[] = {{"1", "Verifikasi", "verifikator", "verifikasi_berkas", "1", 0}};
    errs = (issues){0};
    assert_int_equal(save(1, 3, no_penetapan, 1, &errs, &version), LK_ERR_INVALID);
    assert_non_null(issues_get(&errs, "alur"));
    const editor_step_input no_role[] = {{"1", "Penetapan", "", "penetapan", "1", 0}};
    errs = (issues){0};
    assert_int_equal(save(1, 3, no_role, 1, &errs, &version), LK_ERR_INVALID);
    assert_non_null(issues_get(&errs, "langkah-0-role"));
    const editor_step_input removed[] = {{"1", "Penetapan", "verifikator", "penetapan", "1", 1}};
    errs = (issues){0};
    assert_int_equal(save(1, 3, removed, 1, &errs, &version), LK_ERR_INVALID);
    assert_string_equal(issues_get(&errs, "alur"), "Alur proses kosong: tambahkan paling sedikit satu langkah.");
    const editor_step_input too_long[] = {{"1", "Penetapan", "verifikator", "penetapan", "6", 0}};
    errs = (issues){0};
    assert_int_equal(save(1, 3, too_long, 1, &errs, &version), LK_ERR_INVALID);   /* over the SLA of 5 */
    assert_int_equal(value("SELECT max(version) FROM workflow WHERE jenis_izin_id = 1"), 2);
    assert_int_equal(value("SELECT revision FROM jenis_izin WHERE id = 1"), 3);     /* refusals bump nothing */

    errs = (issues){0};
    assert_int_equal(save(1, 2, good, 4, &errs, &version), LK_ERR_CONFLICT);        /* a stale revision */
    assert_int_equal(save(2, 1, good, 4, &errs, &version), LK_ERR_NOTFOUND);        /* another instansi's */
    assert_int_equal(value("SELECT count(*) FROM workflow WHERE jenis_izin_id = 2"), 0);
    assert_int_equal(value("SELECT max(version) FROM workflow WHERE jenis_izin_id = 1"), 2);
}

static void test_settings_formats(void **st)
{
    int64_t rev = value("SELECT revision FROM jenis_izin WHERE id = 1");
    store_conn *c = store_acquire(db.s);
    arena *a = arena_new();
    issues errs = {0};
    editor_setting_input in = {1, "5", "1", "tahun", "SIP/{YYYY}", ""};
    assert_int_equal(editor_setting_save(c, a, &ADMIN, 1, rev, JP_BARU, &in, NOW, &errs), LK_ERR_INVALID);
    assert_non_null(issues_get(&errs, "baru-format_permohonan"));
    errs = (issues){0};
    in.format_permohonan = "SIP/{NNN}/{YYYY}";
    in.sla_days = "1";   /* shorter than the workflow's 4 days */
    assert_int_equal(editor_setting_save(c, a, &ADMIN, 1, rev, JP_BARU, &in, NOW, &errs), LK_ERR_INVALID);
    assert_non_null(issues_get(&errs, "baru-sla_days"));
    errs = (issues){0};
    in.sla_days = "4";
    assert_int_equal(editor_setting_save(c, a, &ADMIN, 1, rev, JP_BARU, &in, NOW, &errs), LK_OK);
    errs = (issues){0};
    editor_setting_input perp = {1, "5", "1", "tahun", "P/{NNN}", ""};
    assert_int_equal(editor_setting_save(c, a, &ADMIN, 1, rev + 1, JP_PERPANJANGAN, &perp, NOW, &errs), LK_ERR_INVALID);
    assert_non_null(issues_get(&errs, "perpanjangan-enabled"));   /* no workflow for Perpanjangan */
    store_release(c);
    arena_free(a);
    assert_int_equal(value("SELECT sla_days FROM jenis_izin_setting WHERE jenis_izin_id = 1 AND jenis_permohonan = 'baru'"), 4);
    assert_int_equal(value("SELECT count(*) FROM jenis_izin_setting WHERE jenis_permohonan = 'perpanjangan'"), 0);
}

static void test_last_admin_and_self(void **st)
{
    store_conn *c = store_acquire(db.s);
    arena *a = arena_new();
    issues errs = {0};
    petugas_input in = {.email = "a@example.com", .nama = "Admin A", .roles = ROLE_VERIFIKATOR};
    assert_int_equal(petugas_update(c, a, &ADMIN, ADMIN.id, &in, NOW, &errs), LK_ERR_INVALID);
    assert_non_null(issues_get(&errs, "roles"));
    assert_int_equal(petugas_set_active(c, &ADMIN, ADMIN.id, 0, NOW), LK_ERR_DENIED);
    errs = (issues){0};
    int64_t id = 0;
    petugas_input second = {.username = "Admin.Dua", .email = "dua@example.com", .nama = "Admin Dua",
                            .roles = ROLE_ADMIN_INSTANSI};
    assert_int_equal(petugas_create(c, a, &ADMIN, &second, "x", "$argon2id$fake", 0, "http://x", NOW, &id, &errs), LK_OK);
    errs = (issues){0};
    assert_int_equal(petugas_update(c, a, &ADMIN, ADMIN.id, &in, NOW, &errs), LK_OK);   /* another admin is left */
    errs = (issues){0};
    const int64_t other_unit = 2;
    petugas_input bad = {.username = "x.y", .email = "xy@example.com", .nama = "X Y", .roles = ROLE_VERIFIKATOR,
                         .units = &other_unit, .unit_count = 1};
    assert_int_equal(petugas_create(c, a, &ADMIN, &bad, "x", "h", 0, "http://x", NOW, NULL, &errs), LK_ERR_INVALID);
    assert_non_null(issues_get(&errs, "units"));
    store_release(c);
    arena_free(a);
    assert_int_equal(value("SELECT count(*) FROM account WHERE username_lower = 'admin.dua'"), 1);
    assert_int_equal(value("SELECT count(*) FROM account WHERE username_lower = 'x.y'"), 0);
    assert_int_equal(value("SELECT count(*) FROM audit_log WHERE action LIKE 'petugas.%'"), 2);
}

static void test_pure_rules(void **st)
{
    int wd = -1;
    assert_int_equal(hari_libur_parse_date("2026-12-01", &wd), 0);
    assert_int_equal(wd, 2);   /* a Tuesday */
    assert_int_equal(hari_libur_parse_date("2028-02-29", &wd), 0);
    assert_int_equal(hari_libur_parse_date("2026-02-29", &wd), -1);
    assert_int_equal(hari_libur_parse_date("2026-1-01", &wd), -1);
    assert_int_equal(hari_libur_parse_date("2026-01-01x", &wd), -1);
    assert_int_equal(hari_libur_parse_date(NULL, &wd), -1);
    char out[41];
    editor_words("Izin Usaha Kafe & Restoran", '-', out, sizeof out);
    assert_string_equal(out, "izin-usaha-kafe-restoran");
    editor_words("  Luas bangunan (m²) ", '_', out, sizeof out);
    assert_string_equal(out, "luas_bangunan_m");
    assert_true(editor_key_ok("luas_bangunan_m"));
    assert_false(editor_key_ok("1luas"));
    assert_false(editor_key_ok(""));
    const char *msg = NULL;
    assert_int_equal(editor_long_text("Baris satu\nbaris dua", 100, &msg), 0);
    assert_int_equal(editor_long_text("bel\a", 100, &msg), -1);
}

int main(void)
{
    log_set_level(LOG_WARN);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_workflow_versions_and_refusals),
        cmocka_unit_test(test_settings_formats),
        cmocka_unit_test(test_last_admin_and_self),
        cmocka_unit_test(test_pure_rules),
    };
    return testdb_run_both("admin editors", tests, &db, setup, teardown) ? 1 : 0;
}

/* domain/katalog/editor_syarat.c — the permit-type editor's requirements (persyaratan)
 * and data teknis fields (see editor.h).
 *
 * Positions are kept 1..n in the order shown.  Reordering writes every row twice —
 * first out of the way (100000 + i), then to its place — because UNIQUE (jenis izin,
 * position) is checked row by row on PostgreSQL.  A removed requirement that submitted
 * applications still use moves to position 1000000 + id, outside that range. */
#include "domain/akun/validate.h"
#include "domain/katalog/editor.h"
#include "domain/katalog/editor_text.h"
#include "util/crypto.h"
#include "util/datetime.h"
#include "util/files.h"
#include "util/filetype.h"
#include "util/log.h"
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SYARAT_NAME_MAX 300
#define SYARAT_DESCRIPTION_MAX 1000
#define FIELD_LABEL_MAX 200
#define FIELD_UNIT_MAX 20
#define FIELD_HELP_MAX 300
#define OPTION_MAX 100
#define PARKED 100000

/* The tables whose rows are ordered per jenis izin; fixed texts, never input. */
typedef struct {
    const char *select_ids;   /* $1 = jenis izin; the rows in their order */
    const char *set_position; /* $1 = id, $2 = position */
} ordered_table;

static const ordered_table SYARAT = {
    "SELECT id FROM persyaratan WHERE jenis_izin_id = $1 AND removed_at IS NULL ORDER BY position, id",
    "UPDATE persyaratan SET position = $2 WHERE id = $1",
};
static const ordered_table FIELDS = {
    "SELECT id FROM data_teknis_field WHERE jenis_izin_id = $1 ORDER BY position, id",
    "UPDATE data_teknis_field SET position = $2 WHERE id = $1",
};

static lk_err read_ids(store_conn *c, arena *a, const ordered_table *t, int64_t jenis_izin_id, int64_t **ids, size_t *n)
{
    *ids = NULL;
    *n = 0;
    store_rows *r = store_query(c, t->select_ids, STORE_P(SP_I(jenis_izin_id)));
    if (!r) return LK_ERR_DB;
    size_t cap = 0;
    int got;
    while ((got = store_next(r)) == 1) {
        *ids = arena_grow(a, *ids, &cap, *n, sizeof **ids);
        (*ids)[(*n)++] = store_int(r, 0);
    }
    store_rows_close(r);
    return got < 0 ? LK_ERR_DB : LK_OK;
}

/* Gives ids[i] the position i + 1. */
static lk_err write_order(store_conn *c, const ordered_table *t, const int64_t *ids, size_t n)
{
    lk_err e = LK_OK;
    for (size_t i = 0; e == LK_OK && i < n; i++)
        e = store_exec(c, t->set_position, STORE_P(SP_I(ids[i]), SP_I(PARKED + i + 1)), NULL);
    for (size_t i = 0; e == LK_OK && i < n; i++)
        e = store_exec(c, t->set_position, STORE_P(SP_I(ids[i]), SP_I(i + 1)), NULL);
    return e;
}

/* Renumbers the rows 1..n in their order (after a removal). */
static lk_err renumber(store_conn *c, arena *a, const ordered_table *t, int64_t jenis_izin_id)
{
    int64_t *ids;
    size_t n;
    lk_err e = read_ids(c, a, t, jenis_izin_id, &ids, &n);
    return e ? e : write_order(c, t, ids, n);
}

/* Moves row `id` one place by delta (-1 up, +1 down); LK_ERR_NOTFOUND when it is not a
 * row of this jenis izin. */
static lk_err move(store_conn *c, arena *a, const ordered_table *t, int64_t jenis_izin_id, int64_t id, int delta)
{
    int64_t *ids;
    size_t n;
    lk_err e = read_ids(c, a, t, jenis_izin_id, &ids, &n);
    if (e) return e;
    size_t i = 0;
    while (i < n && ids[i] != id) i++;
    if (i == n) return LK_ERR_NOTFOUND;
    size_t j = delta < 0 ? (i ? i - 1 : i) : (i + 1 < n ? i + 1 : i);
    if (i == j) return LK_OK;
    int64_t tmp = ids[i];
    ids[i] = ids[j];
    ids[j] = tmp;
    return write_order(c, t, ids, n);
}

/* Ends a change: commit with the audit record, or roll back on e. */
static lk_err finish(store_conn *c, const account *actor, int64_t id, lk_err e, const char *action,
                     const char *detail, time_t now)
{
    if (e) {
        store_rollback(c);
        return e;
    }
    return editor_commit(c, actor, id, action, detail, now);
}

/* ---- requirements --------------------------------------------------------------------- */

static int check_syarat(arena *a, const editor_syarat_input *in, issues *errs)
{
    const char *msg = NULL;
    if (validate_text(in->name, 1, SYARAT_NAME_MAX, &msg) != 0)
        issues_add(a, errs, "name", editor_blank(in->name) ? "Nama persyaratan wajib diisi." : msg);
    if (editor_long_text(in->description, SYARAT_DESCRIPTION_MAX, &msg) != 0) issues_add(a, errs, "description", msg);
    if (!in->applies[JP_BARU] && !in->applies[JP_PERPANJANGAN] && !in->applies[JP_PERUBAHAN])
        issues_add(a, errs, "applies", "Pilih paling sedikit satu jenis permohonan yang memerlukan persyaratan ini.");
    if (!in->pdf && !in->jpg && !in->png) issues_add(a, errs, "types", "Pilih paling sedikit satu jenis berkas yang diterima.");
    return errs->count ? -1 : 0;
}

static const char *types_of(arena *a, const editor_syarat_input *in)
{
    return arena_printf(a, "%s%s%s%s%s", in->pdf ? "pdf" : "", in->pdf && (in->jpg || in->png) ? "," : "",
                        in->jpg ? "jpg" : "", in->jpg && in->png ? "," : "", in->png ? "png" : "");
}

static store_param text_or_null(const char *s)
{
    return s && *s ? SP_T(s) : SP_N;
}

lk_err editor_syarat_add(store_conn *c, arena *a, const account *actor, int64_t id, int64_t revision,
                         const editor_syarat_input *in, time_t now, int64_t *sid_out, issues *errs)
{
    if (check_syarat(a, in, errs)) return LK_ERR_INVALID;
    lk_err e = editor_begin(c, actor, id, revision);
    if (e) return e;
    int64_t next = 0, sid = 0;
    e = store_query_int(c, "SELECT COALESCE(MAX(position), 0) + 1 FROM persyaratan WHERE jenis_izin_id = $1"
                           " AND removed_at IS NULL", STORE_P(SP_I(id)), &next);
    if (e == LK_OK)
        e = store_query_int(c,
            "INSERT INTO persyaratan (jenis_izin_id, position, name, description, wajib, applies_baru,"
            " applies_perpanjangan, applies_perubahan, accepted_types) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
            " RETURNING id",
            STORE_P(SP_I(id), SP_I(next), SP_T(in->name), text_or_null(in->description), SP_I(in->wajib ? 1 : 0),
                    SP_I(in->applies[JP_BARU] ? 1 : 0), SP_I(in->applies[JP_PERPANJANGAN] ? 1 : 0),
                    SP_I(in->applies[JP_PERUBAHAN] ? 1 : 0), SP_T(types_of(a, in))), &sid);
    e = finish(c, actor, id, e, "izin.syarat_tambah", in->name, now);
    if (e == LK_OK && sid_out) *sid_out = sid;
    return e;
}

lk_err editor_syarat_update(store_conn *c, arena *a, const account *actor, int64_t id, int64_t revision,
                            int64_t sid, const editor_syarat_input *in, time_t now, issues *errs)
{
    if (check_syarat(a, in, errs)) return LK_ERR_INVALID;
    lk_err e = editor_begin(c, actor, id, revision);
    if (e) return e;
    int64_t changed = 0;
    e = store_exec(c,
        "UPDATE persyaratan SET name = $3, description = $4, wajib = $5, applies_baru = $6, applies_perpanjangan = $7,"
        " applies_perubahan = $8, accepted_types = $9 WHERE id = $1 AND jenis_izin_id = $2 AND removed_at IS NULL",
        STORE_P(SP_I(sid), SP_I(id), SP_T(in->name), text_or_null(in->description), SP_I(in->wajib ? 1 : 0),
                SP_I(in->applies[JP_BARU] ? 1 : 0), SP_I(in->applies[JP_PERPANJANGAN] ? 1 : 0),
                SP_I(in->applies[JP_PERUBAHAN] ? 1 : 0), SP_T(types_of(a, in))), &changed);
    if (e == LK_OK && !changed) e = LK_ERR_NOTFOUND;
    return finish(c, actor, id, e, "izin.syarat_ubah", arena_printf(a, "%lld: %s", (long long)sid, in->name), now);
}

lk_err editor_syarat_remove(store_conn *c, arena *a, const account *actor, int64_t id, int64_t revision,
                            int64_t sid, time_t now)
{
    lk_err e = editor_begin(c, actor, id, revision);
    if (e) return e;
    int64_t exists = 0, used = 0;
    e = store_query_int(c, "SELECT count(*) FROM persyaratan WHERE id = $1 AND jenis_izin_id = $2 AND removed_at IS NULL",
                        STORE_P(SP_I(sid), SP_I(id)), &exists);
    if (e == LK_OK && !exists) e = LK_ERR_NOTFOUND;
    if (e == LK_OK)
        e = store_query_int(c, "SELECT count(*) FROM permohonan_syarat s JOIN permohonan p ON p.id = s.permohonan_id"
                               " WHERE s.persyaratan_id = $1 AND p.status <> 'draft'", STORE_P(SP_I(sid)), &used);
    if (e == LK_OK && used)   /* submitted applications keep it; it leaves the catalogue */
        e = store_exec(c, "UPDATE persyaratan SET removed_at = $2, position = $3 WHERE id = $1",
                       STORE_P(SP_I(sid), SP_T(datetime_iso(a, now)), SP_I(1000000 + sid)), NULL);
    if (e == LK_OK && !used) e = store_exec(c, "DELETE FROM permohonan_syarat WHERE persyaratan_id = $1", STORE_P(SP_I(sid)), NULL);
    if (e == LK_OK && !used) e = store_exec(c, "DELETE FROM persyaratan WHERE id = $1", STORE_P(SP_I(sid)), NULL);
    if (e == LK_OK) e = renumber(c, a, &SYARAT, id);
    return finish(c, actor, id, e, "izin.syarat_hapus",
                  arena_printf(a, "%lld%s", (long long)sid, used ? " (disimpan untuk permohonan yang sudah diajukan)" : ""), now);
}

lk_err editor_syarat_move(store_conn *c, arena *a, const account *actor, int64_t id, int64_t revision,
                          int64_t sid, int delta, time_t now)
{
    lk_err e = editor_begin(c, actor, id, revision);
    if (e) return e;
    e = move(c, a, &SYARAT, id, sid, delta);
    return finish(c, actor, id, e, "izin.syarat_urut", arena_printf(a, "%lld %s", (long long)sid, delta < 0 ? "naik" : "turun"),
                  now);
}

/* ---- blank forms ------------------------------------------------------------------------ */

lk_err editor_syarat_form_set(store_conn *c, arena *a, const account *actor, int64_t id, int64_t revision,
                              int64_t sid, const char *data_dir, const char *tmp_path, const char *file_name,
                              time_t now, const char **msg)
{
    *msg = NULL;
    const char *mime = NULL;
    lk_err e = filetype_check_file(tmp_path, "pdf", &mime, msg);
    if (e) return e;
    char sha[65];
    int64_t size = 0;
    if (file_sha256(tmp_path, sha, &size) != LK_OK) return LK_ERR_IO;
    if (size <= 0) {
        *msg = "Berkas kosong.";
        return LK_ERR_INVALID;
    }
    /* Lower case: catalogue.c serves only names of [a-z0-9._-]. */
    char token[TOKEN_CHARS + 1];
    token_new(token);
    for (char *p = token; *p; p++) *p = (char)tolower((unsigned char)*p);
    const char *dir = arena_printf(a, "%s/forms", data_dir);
    const char *stored = arena_printf(a, "form-%.24s.pdf", token);
    const char *dest = arena_printf(a, "%s/%s", dir, stored);
    if (mkdir(dir, 0750) != 0 && errno != EEXIST) return LK_ERR_IO;
    if (rename(tmp_path, dest) != 0) {
        log_error("editor: cannot move %s to %s: %s", tmp_path, dest, strerror(errno));
        return LK_ERR_IO;
    }
    dir_fsync(dir);

    e = editor_begin(c, actor, id, revision);   /* rolls back itself when it fails */
    if (e == LK_OK) {
        int64_t form_id = 0, changed = 0;
        e = store_query_int(c, "INSERT INTO blank_form (storage_name, file_name, content_type, sha256, size)"
                               " VALUES ($1, $2, 'application/pdf', $3, $4) RETURNING id",
                            STORE_P(SP_T(stored), SP_T(filetype_display_name(a, file_name, "application/pdf", "formulir", 200)), SP_T(sha),
                                    SP_I(size)), &form_id);
        if (e == LK_OK)
            e = store_exec(c, "UPDATE persyaratan SET blank_form_id = $3 WHERE id = $1 AND jenis_izin_id = $2"
                              " AND removed_at IS NULL", STORE_P(SP_I(sid), SP_I(id), SP_I(form_id)), &changed);
        if (e == LK_OK && !changed) e = LK_ERR_NOTFOUND;
        e = finish(c, actor, id, e, "izin.syarat_formulir", arena_printf(a, "%lld: %s", (long long)sid, sha), now);
    }
    if (e && unlink(dest) != 0) log_warn("editor: cannot remove %s: %s", dest, strerror(errno));
    return e;
}

lk_err editor_syarat_form_remove(store_conn *c, arena *a, const account *actor, int64_t id, int64_t revision,
                                 int64_t sid, time_t now)
{
    lk_err e = editor_begin(c, actor, id, revision);
    if (e) return e;
    int64_t changed = 0;
    e = store_exec(c, "UPDATE persyaratan SET blank_form_id = NULL WHERE id = $1 AND jenis_izin_id = $2"
                      " AND removed_at IS NULL", STORE_P(SP_I(sid), SP_I(id)), &changed);
    if (e == LK_OK && !changed) e = LK_ERR_NOTFOUND;
    return finish(c, actor, id, e, "izin.syarat_formulir", arena_printf(a, "%lld: dilepas", (long long)sid), now);
}

/* ---- data teknis fields --------------------------------------------------------------- */

static const char *const FIELD_TYPES[] = {"text", "number", "date", "select", "textarea"};

/* "A\nB | C" → "A|B|C"; NULL with a message in errs when the options do not do. */
static const char *parse_options(arena *a, const char *text, issues *errs)
{
    char *out = arena_strdup(a, "");
    int count = 0;
    const char *p = text ? text : "";
    while (*p) {
        size_t len = strcspn(p, "|\n");
        const char *start = p, *end = p + len;
        while (start < end && (*start == ' ' || *start == '\t' || *start == '\r')) start++;
        while (end > start && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r')) end--;
        if (end > start) {
            const char *opt = arena_strndup(a, start, (size_t)(end - start));
            const char *msg = NULL;
            if (validate_text(opt, 1, OPTION_MAX, &msg) != 0) {
                issues_add(a, errs, "options", msg);
                return NULL;
            }
            out = arena_printf(a, "%s%s%s", out, count ? "|" : "", opt);
            count++;
        }
        p += len;
        if (*p) p++;
    }
    if (count < 2 || count > EDITOR_OPTIONS_MAX) {
        issues_add(a, errs, "options", "Pilihan diisi paling sedikit 2 dan paling banyak 30, satu per baris.");
        return NULL;
    }
    return out;
}

/* Checks the field; *options receives the stored form (NULL unless a select). */
static int check_field(arena *a, const editor_field_input *in, int adding, const char **key, const char **options,
                       issues *errs)
{
    const char *msg = NULL;
    if (validate_text(in->label, 1, FIELD_LABEL_MAX, &msg) != 0)
        issues_add(a, errs, "label", editor_blank(in->label) ? "Label isian wajib diisi." : msg);
    if (adding) {
        char made[41];
        editor_words(editor_blank(in->key) ? in->label : in->key, '_', made, sizeof made);
        *key = arena_strdup(a, made);
        if (!editor_blank(in->key) && strcmp(in->key, made) != 0)
            issues_add(a, errs, "key", "Kode hanya berisi huruf kecil, angka dan garis bawah, diawali huruf.");
        else if (!editor_key_ok(*key))
            issues_add(a, errs, "key", "Kode hanya berisi huruf kecil, angka dan garis bawah, diawali huruf.");
    }
    int known = 0;
    for (size_t i = 0; i < sizeof FIELD_TYPES / sizeof *FIELD_TYPES; i++)
        if (in->type && strcmp(in->type, FIELD_TYPES[i]) == 0) known = 1;
    *options = NULL;
    if (!known) issues_add(a, errs, "type", "Pilih jenis isian.");
    else if (strcmp(in->type, "select") == 0) *options = parse_options(a, in->options, errs);
    if (validate_text(in->unit ? in->unit : "", 0, FIELD_UNIT_MAX, &msg) != 0) issues_add(a, errs, "unit", msg);
    if (validate_text(in->help ? in->help : "", 0, FIELD_HELP_MAX, &msg) != 0) issues_add(a, errs, "help", msg);
    return errs->count ? -1 : 0;
}

lk_err editor_field_add(store_conn *c, arena *a, const account *actor, int64_t id, int64_t revision,
                        const editor_field_input *in, time_t now, int64_t *fid_out, issues *errs)
{
    const char *key = NULL, *options = NULL;
    if (check_field(a, in, 1, &key, &options, errs)) return LK_ERR_INVALID;
    lk_err e = editor_begin(c, actor, id, revision);
    if (e) return e;
    int64_t taken = 0, next = 0, fid = 0;
    e = store_query_int(c, "SELECT count(*) FROM data_teknis_field WHERE jenis_izin_id = $1 AND key = $2",
                        STORE_P(SP_I(id), SP_T(key)), &taken);
    if (e == LK_OK && taken) {
        issues_add(a, errs, "key", "Kode ini sudah dipakai isian lain pada jenis izin ini.");
        e = LK_ERR_INVALID;
    }
    if (e == LK_OK)
        e = store_query_int(c, "SELECT COALESCE(MAX(position), 0) + 1 FROM data_teknis_field WHERE jenis_izin_id = $1",
                            STORE_P(SP_I(id)), &next);
    if (e == LK_OK)
        e = store_query_int(c,
            "INSERT INTO data_teknis_field (jenis_izin_id, position, key, label, type, required, options, unit, help)"
            " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
            STORE_P(SP_I(id), SP_I(next), SP_T(key), SP_T(in->label), SP_T(in->type), SP_I(in->required ? 1 : 0),
                    text_or_null(options), text_or_null(in->unit), text_or_null(in->help)), &fid);
    e = finish(c, actor, id, e, "izin.teknis_tambah", arena_printf(a, "%s: %s", key, in->label), now);
    if (e == LK_OK && fid_out) *fid_out = fid;
    return e;
}

lk_err editor_field_update(store_conn *c, arena *a, const account *actor, int64_t id, int64_t revision,
                           int64_t fid, const editor_field_input *in, time_t now, issues *errs)
{
    const char *key = NULL, *options = NULL;
    if (check_field(a, in, 0, &key, &options, errs)) return LK_ERR_INVALID;
    lk_err e = editor_begin(c, actor, id, revision);
    if (e) return e;
    int64_t changed = 0;
    e = store_exec(c,
        "UPDATE data_teknis_field SET label = $3, type = $4, required = $5, options = $6, unit = $7, help = $8"
        " WHERE id = $1 AND jenis_izin_id = $2",
        STORE_P(SP_I(fid), SP_I(id), SP_T(in->label), SP_T(in->type), SP_I(in->required ? 1 : 0), text_or_null(options),
                text_or_null(in->unit), text_or_null(in->help)), &changed);
    if (e == LK_OK && !changed) e = LK_ERR_NOTFOUND;
    return finish(c, actor, id, e, "izin.teknis_ubah", arena_printf(a, "%lld: %s", (long long)fid, in->label), now);
}

lk_err editor_field_remove(store_conn *c, arena *a, const account *actor, int64_t id, int64_t revision,
                           int64_t fid, time_t now)
{
    lk_err e = editor_begin(c, actor, id, revision);
    if (e) return e;
    int64_t changed = 0;
    e = store_exec(c, "DELETE FROM data_teknis_field WHERE id = $1 AND jenis_izin_id = $2", STORE_P(SP_I(fid), SP_I(id)),
                   &changed);
    if (e == LK_OK && !changed) e = LK_ERR_NOTFOUND;
    if (e == LK_OK) e = renumber(c, a, &FIELDS, id);
    return finish(c, actor, id, e, "izin.teknis_hapus", arena_printf(a, "%lld", (long long)fid), now);
}

lk_err editor_field_move(store_conn *c, arena *a, const account *actor, int64_t id, int64_t revision,
                         int64_t fid, int delta, time_t now)
{
    lk_err e = editor_begin(c, actor, id, revision);
    if (e) return e;
    e = move(c, a, &FIELDS, id, fid, delta);
    return finish(c, actor, id, e, "izin.teknis_urut", arena_printf(a, "%lld %s", (long long)fid, delta < 0 ? "naik" : "turun"),
                  now);
}

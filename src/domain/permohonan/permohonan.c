/* domain/permohonan/permohonan.c — the new application's draft, its completeness rule and *Buat*
 * (see permohonan.h).
 *
 * Locking: a save or a submission starts its transaction by touching the draft's row
 * (UPDATE ... updated_at), which takes the row lock on PostgreSQL and the write lock on
 * SQLite (BEGIN IMMEDIATE), so two requests on one draft — a double click on *Buat* —
 * run one after the other and the second sees the first one's result. */
#include "domain/permohonan/permohonan.h"
#include "domain/katalog/kontak.h"
#include "domain/proses/calendar.h"
#include "domain/proses/current.h"
#include "domain/permohonan/dokumen.h"
#include "domain/permohonan/numbering.h"
#include "domain/surat/outbox.h"
#include "domain/permohonan/perusahaan.h"
#include "domain/permohonan/receipt.h"
#include "domain/permohonan/kode_lacak.h"
#include "util/datetime.h"
#include "util/filetype.h"
#include "util/text.h"
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A stored value may be up to 4 bytes per allowed character: longer input is cut there
 * (the page still says "too long" for what is kept), so rows stay small. */
#define STORE_BYTES(chars) ((size_t)(chars) * 4)

/* ---- small helpers -------------------------------------------------------------- */

static const char *dup_text(arena *a, store_rows *r, int col)
{
    return arena_strdup(a, store_text(r, col));
}

static const char *dup_or_empty(arena *a, store_rows *r, int col)
{
    const char *s = store_text(r, col);
    return arena_strdup(a, s ? s : "");
}

static void issue_add(arena *a, permohonan_issues *list, const char *key, const char *label, const char *msg)
{
    if (list->count == list->cap) {
        size_t cap = list->cap ? list->cap * 2 : 16;
        permohonan_issue *items = arena_alloc(a, cap * sizeof *items);
        if (list->count) memcpy(items, list->items, list->count * sizeof *items);
        list->items = items;
        list->cap = cap;
    }
    list->items[list->count++] = (permohonan_issue){key, label, msg};
}

/* Trimmed copy of s, cut at a character boundary within max_bytes. */
static const char *clean(arena *a, const char *s, size_t max_bytes)
{
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n') s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n')) n--;
    if (n > max_bytes) {
        n = max_bytes;
        while (n && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
    }
    return arena_strndup(a, s, n);
}

/* A posted id: 0 for "" (none), -1 for anything that is not a positive number. */
static int64_t posted_id(const char *s)
{
    int64_t v = 0;
    if (!*s) return 0;
    return parse_int64(s, 1, INT64_MAX, &v) == 0 ? v : -1;
}

int permohonan_type_accepted(const char *accepted, const char *mime)
{
    const char *ext = filetype_extension(mime);
    if (!ext || !accepted) return 0;
    for (const char *p = accepted; *p;) {
        size_t n = strcspn(p, ",");
        while (n && p[n - 1] == ' ') n--;
        while (*p == ' ' && n) p++, n--;
        if ((n == strlen(ext) && strncasecmp(p, ext, n) == 0) ||
            (strcmp(ext, "jpg") == 0 && n == 4 && strncasecmp(p, "jpeg", 4) == 0))
            return 1;
        p += strcspn(p, ",");
        if (*p == ',') p++;
    }
    return 0;
}

/* ---- reading -------------------------------------------------------------------- */

static lk_err parse_data_teknis(arena *a, const char *json, permohonan *p)
{
    json_t *obj = json_loads(json ? json : "{}", JSON_REJECT_DUPLICATES, NULL);
    if (!json_is_object(obj)) {
        json_decref(obj);
        return LK_ERR_INTERNAL;
    }
    p->data_teknis = arena_alloc(a, (json_object_size(obj) + 1) * sizeof *p->data_teknis);
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v) {
        if (!json_is_string(v)) continue;
        p->data_teknis[p->data_teknis_count++] = (permohonan_nilai){arena_strdup(a, key),
                                                                    arena_strdup(a, json_string_value(v))};
    }
    json_decref(obj);
    return LK_OK;
}

static lk_err load_syarat(store_conn *c, arena *a, permohonan *p)
{
    store_rows *r = store_query(c,
        "SELECT s.persyaratan_id, q.position, q.name, q.description, q.wajib, q.accepted_types,"
        " q.blank_form_id, f.file_name, s.dokumen_id, d.jenis_dokumen, d.file_name, d.content_type,"
        " d.account_id, s.terpenuhi, s.cek, s.cek_note"
        " FROM permohonan_syarat s JOIN persyaratan q ON q.id = s.persyaratan_id"
        " LEFT JOIN blank_form f ON f.id = q.blank_form_id LEFT JOIN dokumen d ON d.id = s.dokumen_id"
        " WHERE s.permohonan_id = $1 ORDER BY q.position",
        STORE_P(SP_I(p->id)));
    if (!r) return LK_ERR_DB;
    size_t cap = 0;
    int got;
    while ((got = store_next(r)) == 1) {
        p->syarat = arena_grow(a, p->syarat, &cap, p->syarat_count, sizeof *p->syarat);
        permohonan_syarat *s = &p->syarat[p->syarat_count++];
        s->persyaratan_id = store_int(r, 0);
        s->position = (int)store_int(r, 1);
        s->name = dup_text(a, r, 2);
        s->description = dup_text(a, r, 3);
        s->wajib = (int)store_int(r, 4);
        s->accepted_types = dup_text(a, r, 5);
        s->blank_form_id = store_int(r, 6);
        s->blank_form_name = dup_text(a, r, 7);
        s->dokumen_id = store_int(r, 8);
        s->dokumen_jenis = dup_text(a, r, 9);
        s->dokumen_file_name = dup_text(a, r, 10);
        s->dokumen_type = dup_text(a, r, 11);
        s->dokumen_owner = store_int(r, 12);
        s->terpenuhi = (int)store_int(r, 13);
        s->cek = dup_text(a, r, 14);
        s->cek_note = dup_text(a, r, 15);
    }
    store_rows_close(r);
    return got < 0 ? LK_ERR_DB : LK_OK;
}

lk_err permohonan_get(store_conn *c, arena *a, int64_t account_id, int64_t id, permohonan *out)
{
    memset(out, 0, sizeof *out);
    if (id <= 0) return LK_ERR_NOTFOUND;
    store_rows *r = store_query(c,
        "SELECT p.id, p.account_id, p.instansi_id, p.unit_id, p.jenis_izin_id, p.perusahaan_id, p.workflow_id,"
        " p.jenis_permohonan, p.nomor_izin_lama, p.tipe_pemohon, p.lokasi_nama, p.lokasi_alamat, p.data_teknis,"
        " p.status, p.nomor, p.submitted_at, p.created_at, p.updated_at,"
        " i.slug, i.name, i.office_name, u.name, j.slug, j.name, p.izin_lama_id"
        " FROM permohonan p JOIN instansi i ON i.id = p.instansi_id"
        " LEFT JOIN unit_kerja u ON u.id = p.unit_id LEFT JOIN jenis_izin j ON j.id = p.jenis_izin_id"
        " WHERE p.id = $1 AND p.account_id = $2",
        STORE_P(SP_I(id), SP_I(account_id)));
    if (!r) return LK_ERR_DB;
    int got = store_next(r);
    const char *json = NULL;
    if (got == 1) {
        out->id = store_int(r, 0);
        out->account_id = store_int(r, 1);
        out->instansi_id = store_int(r, 2);
        out->unit_id = store_int(r, 3);
        out->jenis_izin_id = store_int(r, 4);
        out->perusahaan_id = store_int(r, 5);
        out->workflow_id = store_int(r, 6);
        if (jenis_permohonan_parse(store_text(r, 7), &out->jp)) out->jp = JP_BARU;   /* CHECK forbids */
        out->nomor_izin_lama = dup_or_empty(a, r, 8);
        out->tipe_pemohon = dup_or_empty(a, r, 9);
        out->lokasi_nama = dup_or_empty(a, r, 10);
        out->lokasi_alamat = dup_or_empty(a, r, 11);
        json = dup_text(a, r, 12);
        out->status = dup_text(a, r, 13);
        out->nomor = dup_text(a, r, 14);
        out->submitted_at = dup_text(a, r, 15);
        out->created_at = dup_text(a, r, 16);
        out->updated_at = dup_text(a, r, 17);
        out->instansi_slug = dup_text(a, r, 18);
        out->instansi_name = dup_text(a, r, 19);
        out->office_name = dup_text(a, r, 20);
        out->unit_name = dup_text(a, r, 21);
        out->jenis_izin_slug = dup_text(a, r, 22);
        out->jenis_izin_name = dup_text(a, r, 23);
        out->izin_lama_id = store_int(r, 24);
    }
    store_rows_close(r);
    if (got != 1) return got == 0 ? LK_ERR_NOTFOUND : LK_ERR_DB;
    lk_err e = parse_data_teknis(a, json, out);
    if (e == LK_OK) e = load_syarat(c, a, out);
    return e;
}

lk_err permohonan_jenis_izin(store_conn *c, arena *a, const permohonan *p, jenis_izin_detail *out)
{
    memset(out, 0, sizeof *out);
    if (!p->jenis_izin_id || !p->jenis_izin_slug) return LK_ERR_NOTFOUND;
    return catalogue_jenis_izin(c, a, p->instansi_slug, p->jenis_izin_slug, out);
}

lk_err permohonan_jenis_izin_options(store_conn *c, arena *a, int64_t unit_id, jenis_permohonan jp,
                                     permohonan_option **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    store_rows *r = store_query(c,
        "SELECT j.id, j.name FROM jenis_izin j JOIN jenis_izin_setting s ON s.jenis_izin_id = j.id"
        " WHERE j.unit_id = $1 AND j.active = 1 AND s.jenis_permohonan = $2 AND s.enabled = 1 ORDER BY j.name, j.id",
        STORE_P(SP_I(unit_id), SP_T(jenis_permohonan_key(jp))));
    if (!r) return LK_ERR_DB;
    size_t cap = 0;
    int got;
    while ((got = store_next(r)) == 1) {
        *out = arena_grow(a, *out, &cap, *n, sizeof **out);
        (*out)[(*n)++] = (permohonan_option){store_int(r, 0), dup_text(a, r, 1)};
    }
    store_rows_close(r);
    return got < 0 ? LK_ERR_DB : LK_OK;
}

const char *permohonan_nilai_of(const permohonan *p, const char *key)
{
    for (size_t i = 0; i < p->data_teknis_count; i++)
        if (strcmp(p->data_teknis[i].key, key) == 0) return p->data_teknis[i].value;
    return "";
}

/* ---- a new draft ---------------------------------------------------------------- */

/* A new draft row within the applicant's draft limit, in the caller's transaction;
 * entered_by = the counter officer, 0 = the applicant. */
static lk_err insert_draft(store_conn *c, int64_t account_id, int64_t instansi_id, int64_t entered_by, int64_t *id_out)
{
    int64_t drafts = 0;
    lk_err e = store_query_int(c, "SELECT COUNT(*) FROM permohonan WHERE account_id = $1 AND status = 'draft'",
                               STORE_P(SP_I(account_id)), &drafts);
    if (e == LK_OK && drafts >= PERMOHONAN_DRAFT_MAX) e = LK_ERR_TOOBIG;
    if (e == LK_OK)
        e = store_query_int(c, "INSERT INTO permohonan (account_id, instansi_id, entered_by) VALUES ($1, $2, $3) RETURNING id",
                            STORE_P(SP_I(account_id), SP_I(instansi_id), entered_by ? SP_I(entered_by) : SP_N), id_out);
    return e;
}

lk_err permohonan_draft_new(store_conn *c, int64_t account_id, int64_t instansi_id, int64_t *id_out)
{
    *id_out = 0;
    lk_err e = store_begin(c);
    if (e) return e;
    e = insert_draft(c, account_id, instansi_id, 0, id_out);
    if (e == LK_OK) return store_commit(c);
    store_rollback(c);
    return e;
}

lk_err permohonan_draft_new_at_counter(store_conn *c, int64_t account_id, int64_t instansi_id, int64_t officer_id,
                                       int64_t *id_out)
{
    *id_out = 0;
    lk_err e = store_begin(c);
    if (e) return e;
    e = insert_draft(c, account_id, instansi_id, officer_id, id_out);
    if (e == LK_OK) return store_commit(c);
    store_rollback(c);
    return e;
}

lk_err permohonan_draft_delete(store_conn *c, int64_t account_id, int64_t id)
{
    lk_err e = store_begin(c);
    if (e) return e;
    int64_t gone = 0;
    /* Only the links to the locker go; the documents themselves stay in Dokumen. */
    e = store_exec(c, "DELETE FROM permohonan_syarat WHERE permohonan_id IN"
                      " (SELECT id FROM permohonan WHERE id = $1 AND account_id = $2 AND status = 'draft')",
                   STORE_P(SP_I(id), SP_I(account_id)), NULL);
    if (e == LK_OK)
        e = store_exec(c, "DELETE FROM permohonan WHERE id = $1 AND account_id = $2 AND status = 'draft'",
                       STORE_P(SP_I(id), SP_I(account_id)), &gone);
    if (e == LK_OK && gone == 0) {
        /* Someone else's, missing, or submitted meanwhile: say which, change nothing. */
        int64_t mine = 0;
        e = store_query_int(c, "SELECT COUNT(*) FROM permohonan WHERE id = $1 AND account_id = $2",
                            STORE_P(SP_I(id), SP_I(account_id)), &mine);
        if (e == LK_OK) e = mine ? LK_ERR_CONFLICT : LK_ERR_NOTFOUND;
    }
    if (e == LK_OK) return store_commit(c);
    store_rollback(c);
    return e;
}

/* ---- saving the draft ----------------------------------------------------------- */

/* Takes the draft's lock (see the file comment) and loads it, inside the caller's
 * transaction.  LK_ERR_CONFLICT when it is no longer a draft. */
static lk_err lock_draft(store_conn *c, arena *a, int64_t account_id, int64_t id, const char *now_iso,
                         permohonan *p)
{
    lk_err e = store_exec(c, "UPDATE permohonan SET updated_at = $3 WHERE id = $1 AND account_id = $2",
                          STORE_P(SP_I(id), SP_I(account_id), SP_T(now_iso)), NULL);
    if (e == LK_OK) e = permohonan_get(c, a, account_id, id, p);
    if (e == LK_OK && strcmp(p->status, "draft") != 0) e = LK_ERR_CONFLICT;
    return e;
}

/* *yes = 1 if the COUNT(*) query finds a row. */
static lk_err exists(store_conn *c, const char *sql, const store_param *p, int np, int *yes)
{
    int64_t n = 0;
    lk_err e = store_query_int(c, sql, p, np, &n);
    *yes = e == LK_OK && n > 0;
    return e == LK_ERR_NOTFOUND ? LK_OK : e;
}

/* The new values of the catalogue choices, following the cascade. */
static lk_err choose_catalogue(store_conn *c, arena *a, const permohonan_input *in, permohonan *p,
                               permohonan_issues *msgs)
{
    int ok = 0;
    lk_err e = LK_OK;
    if (in->jenis_permohonan) {
        jenis_permohonan jp;
        if (jenis_permohonan_parse(in->jenis_permohonan, &jp) == 0) p->jp = jp;
        else issue_add(a, msgs, "jenis_permohonan", "Jenis Permohonan", "pilihan tidak dikenal.");
    }
    int64_t instansi_id = p->instansi_id, unit = p->unit_id, jenis = p->jenis_izin_id;
    if (in->instansi) {
        int64_t v = posted_id(in->instansi);
        if (v > 0 && (e = exists(c, "SELECT COUNT(*) FROM instansi WHERE id = $1", STORE_P(SP_I(v)), &ok)) != LK_OK)
            return e;
        if (v > 0 && ok) instansi_id = v;
        else issue_add(a, msgs, "instansi", "Instansi", "pilihan tidak dikenal.");
    }
    if (instansi_id != p->instansi_id) unit = jenis = 0;   /* the lists below changed */
    else if (in->unit) {
        int64_t v = posted_id(in->unit);
        if (v > 0 && (e = exists(c, "SELECT COUNT(*) FROM unit_kerja WHERE id = $1 AND instansi_id = $2",
                                 STORE_P(SP_I(v), SP_I(instansi_id)), &ok)) != LK_OK)
            return e;
        if (v == 0 || (v > 0 && ok)) unit = v;
        else issue_add(a, msgs, "unit", "Unit", "tidak termasuk instansi yang dipilih.");
        if (unit != p->unit_id) jenis = 0;
    }
    if (unit && unit == p->unit_id && in->jenis_izin) {
        int64_t v = posted_id(in->jenis_izin);
        if (v > 0 && (e = exists(c, "SELECT COUNT(*) FROM jenis_izin WHERE id = $1 AND unit_id = $2 AND active = 1",
                                 STORE_P(SP_I(v), SP_I(unit)), &ok)) != LK_OK)
            return e;
        if (v == 0 || (v > 0 && ok)) jenis = v;
        else issue_add(a, msgs, "jenis_izin", "Jenis Izin", "tidak tersedia di unit yang dipilih.");
    }
    p->instansi_id = instansi_id;
    p->unit_id = unit;
    p->jenis_izin_id = jenis;
    return LK_OK;
}

/* Rebuilds the requirement rows for the draft's jenis izin × jenis permohonan: rows that
 * no longer apply go, missing ones are added, the others keep their choice. */
static lk_err sync_syarat(store_conn *c, const permohonan *p)
{
    const char *applies = p->jp == JP_BARU ? "q.applies_baru" : p->jp == JP_PERPANJANGAN ? "q.applies_perpanjangan"
                                                                                          : "q.applies_perubahan";
    /* Only three fixed texts are spliced, never a value. */
    char del[400], ins[400];
    snprintf(del, sizeof del,
             "DELETE FROM permohonan_syarat WHERE permohonan_id = $1 AND persyaratan_id NOT IN"
             " (SELECT q.id FROM persyaratan q WHERE q.jenis_izin_id = $2 AND %s = 1 AND q.removed_at IS NULL)", applies);
    snprintf(ins, sizeof ins,
             "INSERT INTO permohonan_syarat (permohonan_id, persyaratan_id) SELECT $1, q.id FROM persyaratan q"
             " WHERE q.jenis_izin_id = $2 AND %s = 1 AND q.removed_at IS NULL"
             " ON CONFLICT (permohonan_id, persyaratan_id) DO NOTHING", applies);
    lk_err e = store_exec(c, del, STORE_P(SP_I(p->id), SP_I(p->jenis_izin_id)), NULL);
    if (e == LK_OK && p->jenis_izin_id) e = store_exec(c, ins, STORE_P(SP_I(p->id), SP_I(p->jenis_izin_id)), NULL);
    return e;
}

static const permohonan_syarat *find_row(const permohonan *p, int64_t persyaratan_id)
{
    for (size_t i = 0; i < p->syarat_count; i++)
        if (p->syarat[i].persyaratan_id == persyaratan_id) return &p->syarat[i];
    return NULL;
}

/* The posted documents and ticks of the rows shown.  A document that is not (or no
 * longer: deleted in another tab) the applicant's leaves its row without a document and
 * puts a message beside it; the rest of the form is saved. */
static lk_err choose_documents(store_conn *c, arena *a, int64_t account_id, const permohonan *before,
                               const permohonan_input *in, permohonan_issues *msgs)
{
    for (size_t i = 0; i < in->syarat_count; i++) {
        const permohonan_pilihan *ch = &in->syarat[i];
        const permohonan_syarat *row = find_row(before, ch->persyaratan_id);
        if (!row) continue;   /* a row of the previous jenis izin: gone */
        int64_t dok = row->dokumen_id;
        if (ch->dokumen) {
            int64_t v = posted_id(ch->dokumen);
            dokumen d;
            lk_err e = v < 0 ? LK_ERR_NOTFOUND : v > 0 && v != row->dokumen_id ? dokumen_get(c, a, account_id, v, &d) : LK_OK;
            if (e == LK_ERR_NOTFOUND) {
                dok = 0;
                issue_add(a, msgs, arena_printf(a, "syarat-%lld", (long long)row->persyaratan_id), row->name,
                          "dokumen yang dipilih tidak ada lagi (mungkin dihapus). Pilih atau unggah dokumen lain.");
            } else if (e) {
                return e;
            } else if (v > 0 && v != row->dokumen_id) {
                if (permohonan_type_accepted(row->accepted_types, d.content_type)) dok = v;
                else issue_add(a, msgs, arena_printf(a, "syarat-%lld", (long long)row->persyaratan_id), row->name,
                               "jenis berkas dokumen ini tidak diterima untuk persyaratan ini.");
            } else {
                dok = v;
            }
        }
        /* Choosing a new document ticks Terpenuhi (one action per requirement); the
         * applicant may untick it with a later save. */
        int ticked = ch->terpenuhi || (dok && dok != row->dokumen_id);
        lk_err e = store_exec(c, "UPDATE permohonan_syarat SET dokumen_id = $3, terpenuhi = $4"
                                 " WHERE permohonan_id = $1 AND persyaratan_id = $2",
                              STORE_P(SP_I(before->id), SP_I(ch->persyaratan_id), dok ? SP_I(dok) : SP_N,
                                      SP_I(ticked ? 1 : 0)),
                              NULL);
        if (e) return e;
    }
    return LK_OK;
}

/* The Data Teknis object: the posted values when the jenis izin stayed, else empty. */
static char *data_teknis_json(arena *a, const permohonan *before, const permohonan *after, const permohonan_input *in)
{
    json_t *obj = json_object();
    if (before->jenis_izin_id == after->jenis_izin_id) {
        for (size_t i = 0; i < before->data_teknis_count; i++)
            json_object_set_new(obj, before->data_teknis[i].key, json_string(before->data_teknis[i].value));
        for (size_t i = 0; i < in->data_teknis_count; i++) {
            const permohonan_nilai *v = &in->data_teknis[i];
            if (!v->value || !utf8_valid(v->key, strlen(v->key))) continue;
            const char *value = clean(a, v->value, STORE_BYTES(PERMOHONAN_DT_TEXTAREA_MAX));
            json_object_set_new(obj, v->key, json_string(value));
        }
    }
    char *dump = json_dumps(obj, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(obj);
    char *out = arena_strdup(a, dump ? dump : "{}");
    free(dump);
    return out;
}

lk_err permohonan_draft_save(store_conn *c, arena *a, int64_t account_id, int64_t id, const permohonan_input *in,
                             permohonan_issues *msgs)
{
    permohonan before, after;
    const char *now_iso = datetime_iso(a, time(NULL));
    lk_err e = store_begin(c);
    if (e) return e;
    e = lock_draft(c, a, account_id, id, now_iso, &before);
    if (e) goto out;
    after = before;
    e = choose_catalogue(c, a, in, &after, msgs);
    if (e) goto out;
    if (in->tipe_pemohon) {
        if (strcmp(in->tipe_pemohon, PERMOHONAN_PERORANGAN) == 0 || strcmp(in->tipe_pemohon, PERMOHONAN_PERUSAHAAN) == 0)
            after.tipe_pemohon = in->tipe_pemohon;
        else
            issue_add(a, msgs, "tipe_pemohon", "Tipe Pemohon", "pilihan tidak dikenal.");
    }
    if (in->perusahaan) {
        int64_t v = posted_id(in->perusahaan);
        perusahaan company;
        if (v < 0) e = LK_ERR_NOTFOUND;
        else if (v > 0) e = perusahaan_get(c, a, account_id, v, &company);
        /* Gone (deleted in another tab) or never the applicant's: a message beside the
         * field, and everything else typed is still saved. */
        if (e == LK_ERR_NOTFOUND) {
            e = LK_OK;
            v = 0;
            issue_add(a, msgs, "perusahaan", "Perusahaan",
                      "perusahaan yang dipilih tidak ada lagi (mungkin dihapus). Pilih atau tambah perusahaan lain.");
        }
        if (e) goto out;
        after.perusahaan_id = v;
    }
    if (strcmp(after.tipe_pemohon, PERMOHONAN_PERUSAHAAN) != 0) after.perusahaan_id = 0;
    if (in->nomor_izin_lama) after.nomor_izin_lama = clean(a, in->nomor_izin_lama, STORE_BYTES(PERMOHONAN_IZIN_LAMA_MAX));
    if (in->lokasi_nama) after.lokasi_nama = clean(a, in->lokasi_nama, STORE_BYTES(PERMOHONAN_LOKASI_NAMA_MAX));
    if (in->lokasi_alamat) after.lokasi_alamat = clean(a, in->lokasi_alamat, STORE_BYTES(PERMOHONAN_LOKASI_ALAMAT_MAX));
    if (after.jp == JP_BARU) after.nomor_izin_lama = "";

    e = store_exec(c,
        "UPDATE permohonan SET instansi_id = $2, unit_id = $3, jenis_izin_id = $4, jenis_permohonan = $5,"
        " nomor_izin_lama = $6, tipe_pemohon = $7, perusahaan_id = $8, lokasi_nama = $9, lokasi_alamat = $10,"
        " data_teknis = $11 WHERE id = $1",
        STORE_P(SP_I(id), SP_I(after.instansi_id), after.unit_id ? SP_I(after.unit_id) : SP_N,
                after.jenis_izin_id ? SP_I(after.jenis_izin_id) : SP_N, SP_T(jenis_permohonan_key(after.jp)),
                SP_T(after.nomor_izin_lama), SP_T(after.tipe_pemohon),
                after.perusahaan_id ? SP_I(after.perusahaan_id) : SP_N, SP_T(after.lokasi_nama),
                SP_T(after.lokasi_alamat), SP_T(data_teknis_json(a, &before, &after, in))),
        NULL);
    /* A permit of tab Izin stays the old permit only while number, jenis izin and owner
     * still fit it; a typed-over number is free text again (not verified). */
    if (e == LK_OK)
        e = store_exec(c, "UPDATE permohonan SET izin_lama_id = NULL WHERE id = $1 AND izin_lama_id IS NOT NULL"
                          " AND (jenis_permohonan = 'baru' OR NOT EXISTS (SELECT 1 FROM izin z WHERE z.id = permohonan.izin_lama_id"
                          " AND z.nomor = permohonan.nomor_izin_lama AND z.jenis_izin_id = permohonan.jenis_izin_id"
                          " AND z.account_id = permohonan.account_id))", STORE_P(SP_I(id)), NULL);
    /* Rows of the same jenis izin keep their choices; the posted ones apply to them. */
    if (e == LK_OK && after.jenis_izin_id != before.jenis_izin_id)
        e = store_exec(c, "DELETE FROM permohonan_syarat WHERE permohonan_id = $1", STORE_P(SP_I(id)), NULL);
    if (e == LK_OK) e = sync_syarat(c, &after);
    if (e == LK_OK && after.jenis_izin_id == before.jenis_izin_id) e = choose_documents(c, a, account_id, &before, in, msgs);
    if (e == LK_OK) e = store_commit(c);
out:
    if (e) store_rollback(c);
    return e;
}

lk_err permohonan_attach_upload(store_conn *c, arena *a, const char *data_dir, int64_t account_id, int64_t id,
                                int64_t persyaratan_id, const char *tmp_path, const char *file_name,
                                int64_t *dokumen_id, const char **msg)
{
    *dokumen_id = 0;
    *msg = NULL;
    permohonan p;
    lk_err e = permohonan_get(c, a, account_id, id, &p);
    if (e == LK_OK && strcmp(p.status, "draft") != 0) e = LK_ERR_CONFLICT;
    const permohonan_syarat *row = e == LK_OK ? find_row(&p, persyaratan_id) : NULL;
    if (e == LK_OK && !row) e = LK_ERR_NOTFOUND;
    if (e) return e;
    /* The locker's "jenis dokumen" is the requirement's name, cut to the locker's limit. */
    const char *jenis = row->name;
    if (utf8_length(jenis) > DOKUMEN_JENIS_MAX) {
        size_t bytes = 0;
        for (int chars = 0; chars < DOKUMEN_JENIS_MAX - 1; chars++) {
            bytes++;
            while (((unsigned char)jenis[bytes] & 0xC0) == 0x80) bytes++;
        }
        jenis = arena_printf(a, "%.*s…", (int)bytes, jenis);
    }
    e = dokumen_store_upload(c, a, data_dir, account_id, jenis, "", "", "", tmp_path, file_name, row->accepted_types,
                             dokumen_id, msg);
    if (e) return e;
    int64_t changed = 0;
    e = store_exec(c, "UPDATE permohonan_syarat SET dokumen_id = $3, terpenuhi = 1"
                      " WHERE permohonan_id = $1 AND persyaratan_id = $2"
                      " AND permohonan_id IN (SELECT id FROM permohonan WHERE status = 'draft')",
                   STORE_P(SP_I(id), SP_I(persyaratan_id), SP_I(*dokumen_id)), &changed);
    if (e == LK_OK && changed == 0) e = LK_ERR_CONFLICT;   /* submitted or changed meanwhile; kept in the locker */
    if (e) *msg = "Dokumen tersimpan di tab Dokumen, tetapi belum terpasang pada persyaratan ini.";
    return e;
}

/* ---- the rule ------------------------------------------------------------------- */

static int option_listed(const char *options, const char *v)
{
    size_t n = strlen(v);
    for (const char *p = options; p && *p;) {
        size_t len = strcspn(p, "|");
        if (len == n && strncmp(p, v, n) == 0) return 1;
        p += len;
        if (*p == '|') p++;
    }
    return 0;
}

static int number_valid(const char *v)
{
    char *tmp = strdup(v), *end = NULL;
    if (!tmp) return 0;
    for (char *q = tmp; *q; q++)
        if (*q == ',') *q = '.';
    double d = strtod(tmp, &end);
    int ok = end != tmp && *end == '\0' && isfinite(d) && d >= 0 && d <= 1e12 && strspn(tmp, "0123456789.") == strlen(tmp);
    free(tmp);
    return ok;
}

static int date_valid(const char *v)
{
    time_t t;
    if (strlen(v) != 10 || datetime_parse(v, &t) != 0) return 0;
    struct tm tm;
    gmtime_r(&t, &tm);
    char back[11];
    strftime(back, sizeof back, "%Y-%m-%d", &tm);
    return strcmp(back, v) == 0;   /* 2025-02-30 does not come back */
}

static void check_length(arena *a, permohonan_issues *missing, const char *key, const char *label, const char *v,
                         size_t max_chars)
{
    if (utf8_length(v) > max_chars)
        issue_add(a, missing, key, label, "terlalu panjang.");
}

static void check_data_teknis(arena *a, const permohonan *p, const jenis_izin_detail *ji, permohonan_issues *missing)
{
    for (size_t i = 0; i < ji->field_count; i++) {
        const data_teknis_field *f = &ji->fields[i];
        const char *key = arena_printf(a, "dt-%s", f->key);
        const char *v = permohonan_nilai_of(p, f->key);
        if (!*v) {
            if (f->required) issue_add(a, missing, key, f->label, "belum diisi.");
            continue;
        }
        if (strcmp(f->type, "number") == 0 && !number_valid(v))
            issue_add(a, missing, key, f->label, "harus berupa angka, contoh 12,5.");
        else if (strcmp(f->type, "date") == 0 && !date_valid(v))
            issue_add(a, missing, key, f->label, "harus berupa tanggal yang benar.");
        else if (strcmp(f->type, "select") == 0 && !option_listed(f->options, v))
            issue_add(a, missing, key, f->label, "pilih salah satu pilihan yang tersedia.");
        else
            check_length(a, missing, key, f->label, v,
                         strcmp(f->type, "textarea") == 0 ? PERMOHONAN_DT_TEXTAREA_MAX : PERMOHONAN_DT_TEXT_MAX);
    }
}

lk_err permohonan_check(store_conn *c, arena *a, const permohonan *p, const jenis_izin_detail *ji,
                        permohonan_issues *missing)
{
    if (p->jp != JP_BARU && !*p->nomor_izin_lama)
        issue_add(a, missing, "nomor_izin_lama", "No. Izin Lama", "wajib diisi untuk Perpanjangan dan Perubahan.");
    check_length(a, missing, "nomor_izin_lama", "No. Izin Lama", p->nomor_izin_lama, PERMOHONAN_IZIN_LAMA_MAX);
    if (!p->unit_id) issue_add(a, missing, "unit", "Unit", "belum dipilih.");
    if (!ji) {
        issue_add(a, missing, "jenis_izin", "Jenis Izin", "belum dipilih.");
    } else {
        if (ji->s.unit_id != p->unit_id || ji->s.instansi_id != p->instansi_id)
            issue_add(a, missing, "jenis_izin", "Jenis Izin", "tidak tersedia di unit yang dipilih.");
        if (!ji->settings[p->jp].enabled)
            issue_add(a, missing, "jenis_permohonan", "Jenis Permohonan", "tidak tersedia untuk jenis izin ini.");
    }
    if (strcmp(p->tipe_pemohon, PERMOHONAN_PERUSAHAAN) == 0) {
        perusahaan company;
        lk_err e = p->perusahaan_id ? perusahaan_get(c, a, p->account_id, p->perusahaan_id, &company) : LK_ERR_NOTFOUND;
        if (e == LK_ERR_NOTFOUND) issue_add(a, missing, "perusahaan", "Perusahaan", "belum dipilih.");
        else if (e) return e;
    }
    if (!*p->lokasi_nama) issue_add(a, missing, "lokasi_nama", "Nama Tempat", "belum diisi.");
    check_length(a, missing, "lokasi_nama", "Nama Tempat", p->lokasi_nama, PERMOHONAN_LOKASI_NAMA_MAX);
    if (!*p->lokasi_alamat) issue_add(a, missing, "lokasi_alamat", "Alamat Lokasi", "belum diisi.");
    check_length(a, missing, "lokasi_alamat", "Alamat Lokasi", p->lokasi_alamat, PERMOHONAN_LOKASI_ALAMAT_MAX);
    if (!ji) return LK_OK;
    check_data_teknis(a, p, ji, missing);
    for (size_t i = 0; i < p->syarat_count; i++) {
        const permohonan_syarat *s = &p->syarat[i];
        const char *key = arena_printf(a, "syarat-%lld", (long long)s->persyaratan_id);
        if (s->dokumen_id && (s->dokumen_owner != p->account_id || !permohonan_type_accepted(s->accepted_types, s->dokumen_type)))
            issue_add(a, missing, key, s->name, "dokumen yang dipilih tidak dapat dipakai.");
        else if (s->wajib && !s->dokumen_id)
            issue_add(a, missing, key, s->name, "dokumen belum diunggah atau dipilih.");
        else if (s->wajib && !s->terpenuhi)
            issue_add(a, missing, key, s->name, "belum dicentang Terpenuhi.");
    }
    return LK_OK;
}

/* ---- Buat ----------------------------------------------------------------------- */

static lk_err start_steps(store_conn *c, const permohonan *p, int64_t workflow_id, time_t now, const char *now_iso,
                          arena *a)
{
    lk_err e = store_exec(c,
        "INSERT INTO permohonan_step (permohonan_id, position, name, role_key, kind, sla_days, status)"
        " SELECT $1, position, name, role_key, kind, sla_days, 'menunggu' FROM workflow_step WHERE workflow_id = $2",
        STORE_P(SP_I(p->id), SP_I(workflow_id)), NULL);
    if (e) return e;
    int64_t first = 0, sla = 0;
    e = store_query_int(c, "SELECT MIN(position) FROM permohonan_step WHERE permohonan_id = $1",
                        STORE_P(SP_I(p->id)), &first);
    if (e == LK_OK && first == 0) return LK_ERR_INTERNAL;   /* a workflow without steps */
    if (e == LK_OK)
        e = store_query_int(c, "SELECT sla_days FROM permohonan_step WHERE permohonan_id = $1 AND position = $2",
                            STORE_P(SP_I(p->id), SP_I(first)), &sla);
    time_t due = 0;
    if (e == LK_OK) e = calendar_due(c, p->instansi_id, now, (int)sla, &due);
    if (e == LK_OK)
        e = store_exec(c, "UPDATE permohonan_step SET status = 'berjalan', started_at = $3, due_at = $4"
                          " WHERE permohonan_id = $1 AND position = $2",
                       STORE_P(SP_I(p->id), SP_I(first), SP_T(now_iso), SP_T(datetime_iso(a, due))), NULL);
    return e;
}

static lk_err queue_mail(store_conn *c, arena *a, const account *applicant, const permohonan *p, const char *nomor,
                         const char *base_url)
{
    const char *link = arena_printf(a, "%s/pemohon/permohonan/%lld/lacak", base_url, (long long)p->id);
    const char *kontak_str = "";   /* the seeds: "wa ke call center agar ... segera di periksa" */
    const char *lang = "id";
    lk_err e = account_lang(c, applicant->id, &lang);
    if (e == LK_OK) e = kontak_mail_text(c, a, p->instansi_id, lang, &kontak_str);
    if (e) return e;
    const char *vars[] = {"nama", applicant->nama, "nomor", nomor, "jenis_izin", p->jenis_izin_name, "link", link,
                          "instansi", p->office_name, "kontak", kontak_str, NULL};
    const char *subject = NULL, *body = NULL;
    e = mail_compose(lang, "permohonan_dibuat", vars, a, &subject, &body);
    if (e == LK_OK) e = outbox_queue(c, p->instansi_id, "permohonan_dibuat", applicant->email, subject, body);
    return e;
}

lk_err permohonan_submit(store_conn *c, arena *a, const account *applicant, int64_t id, const char *base_url,
                         time_t now, permohonan_submitted *out, permohonan_issues *missing)
{
    memset(out, 0, sizeof *out);
    const char *now_iso = datetime_iso(a, now);
    permohonan p;
    jenis_izin_detail ji;
    int64_t workflow_id = 0;
    lk_err e = store_begin(c);
    if (e) return e;
    e = lock_draft(c, a, applicant->id, id, now_iso, &p);
    if (e == LK_ERR_CONFLICT) {   /* submitted already: the same answer again */
        out->nomor = p.nomor;
        out->already = 1;
        e = LK_OK;
        goto out;
    }
    if (e) goto out;
    e = permohonan_jenis_izin(c, a, &p, &ji);
    if (e && e != LK_ERR_NOTFOUND) goto out;
    e = permohonan_check(c, a, &p, e == LK_OK ? &ji : NULL, missing);
    if (e == LK_OK && missing->count) e = LK_ERR_INVALID;
    if (e) goto out;
    e = store_query_int(c, "SELECT id FROM workflow WHERE jenis_izin_id = $1 AND jenis_permohonan = $2"
                           " ORDER BY version DESC LIMIT 1",
                        STORE_P(SP_I(p.jenis_izin_id), SP_T(jenis_permohonan_key(p.jp))), &workflow_id);
    if (e == LK_ERR_NOTFOUND) {
        issue_add(a, missing, "jenis_izin", "Jenis Izin", "belum dapat diajukan: alur proses belum diatur oleh instansi.");
        e = LK_ERR_INVALID;
    }
    if (e) goto out;
    e = number_next(c, a, p.unit_id, "permohonan", ji.settings[p.jp].number_format_permohonan, now, &out->nomor);
    if (e) goto out;
    e = store_exec(c, "UPDATE permohonan SET status = 'diajukan', nomor = $2, submitted_at = $3, workflow_id = $4,"
                      " updated_at = $3 WHERE id = $1 AND status = 'draft'",
                   STORE_P(SP_I(p.id), SP_T(out->nomor), SP_T(now_iso), SP_I(workflow_id)), NULL);
    if (e == LK_OK) e = start_steps(c, &p, workflow_id, now, now_iso, a);
    if (e == LK_OK) e = proses_sync_current(c, p.id);   /* the inbox reads it (domain/proses) */
    if (e == LK_OK)
        e = store_exec(c, "INSERT INTO permohonan_event (permohonan_id, at, account_id, kind) VALUES ($1, $2, $3, 'diajukan')",
                       STORE_P(SP_I(p.id), SP_T(now_iso), SP_I(applicant->id)), NULL);
    if (e == LK_OK) e = queue_mail(c, a, applicant, &p, out->nomor, base_url);
    if (e == LK_OK) return store_commit(c);
out:
    store_rollback(c);
    return e;
}

/* ---- bukti pendaftaran ---------------------------------------------------------- */

lk_err permohonan_bukti(store_conn *c, arena *a, const account *applicant, int64_t id, const char *tracking_url,
                        const receipt_lang *lang, buf *pdf)
{
    permohonan p;
    jenis_izin_detail ji;
    lk_err e = permohonan_get(c, a, applicant->id, id, &p);
    if (e == LK_OK && !p.nomor) e = LK_ERR_NOTFOUND;
    if (e == LK_OK) e = permohonan_jenis_izin(c, a, &p, &ji);
    if (e) return e;
    time_t submitted = 0, due = 0;
    if (datetime_parse(p.submitted_at, &submitted) != 0) return LK_ERR_INTERNAL;
    int sla = ji.settings[p.jp].sla_days;
    e = calendar_due(c, p.instansi_id, submitted, sla, &due);
    if (e) return e;
    const char *company = NULL;
    perusahaan pt;
    if (p.perusahaan_id && perusahaan_get(c, a, applicant->id, p.perusahaan_id, &pt) == LK_OK) company = pt.v[PF_NAMA];
    receipt_syarat *rows = arena_alloc(a, (p.syarat_count + 1) * sizeof *rows);
    for (size_t i = 0; i < p.syarat_count; i++) rows[i] = (receipt_syarat){p.syarat[i].name, p.syarat[i].terpenuhi};
    int is_company = strcmp(p.tipe_pemohon, PERMOHONAN_PERUSAHAAN) == 0;
    char kode[KODE_LACAK_LEN + 1], kode_shown[KODE_LACAK_SHOWN + 1];
    e = kode_lacak_of(c, id, p.nomor, kode);
    if (e) return e;
    kode_lacak_format(kode, kode_shown);
    receipt rc = {
        .instansi_name = p.instansi_name,
        .office_name = p.unit_name ? p.unit_name : p.office_name,
        .nomor = p.nomor,
        .submitted_at = submitted,
        .jenis_izin = p.jenis_izin_name,
        .jenis_permohonan = jenis_permohonan_label(p.jp),
        .tipe_pemohon = is_company ? "Perusahaan" : "Perorangan",
        .nama_pemohon = applicant->nama,
        .perusahaan = company,
        .lokasi_nama = p.lokasi_nama,
        .lokasi_alamat = p.lokasi_alamat,
        .syarat = rows,
        .n_syarat = p.syarat_count,
        .due_at = due,
        .sla_days = sla,
        .tracking_url = tracking_url,
        .kode_lacak = kode_shown,
        .lang = lang,
    };
    return receipt_pdf(&rc, pdf);
}

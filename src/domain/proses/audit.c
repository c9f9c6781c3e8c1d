/* domain/proses/audit.c — appending to and verifying the audit chain (see audit.h).
 *
 * The hashed text of a record is each field as "<length>:<bytes>\n" in a fixed order
 * (prev_hash, id, at, account_id, instansi_id, action, object_type, object_id, detail),
 * numbers in decimal and NULL as "-1:", so no two different records share a text. */
#include "domain/proses/audit.h"
#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include "util/buf.h"

#define HASH_HEX 64

static void put_text(buf *b, const char *s)
{
    if (!s) {
        buf_puts(b, "-1:\n");
        return;
    }
    buf_printf(b, "%zu:", strlen(s));
    buf_puts(b, s);
    buf_putc(b, '\n');
}

static void put_int(buf *b, int64_t v, int is_null)
{
    if (is_null) {
        put_text(b, NULL);
        return;
    }
    char n[24];
    snprintf(n, sizeof n, "%" PRId64, v);
    put_text(b, n);
}

typedef struct {
    int64_t id;
    const char *at;
    int64_t account_id, instansi_id, object_id;   /* 0 = NULL */
    const char *action, *object_type, *detail;
} record;

static void record_hash(const char *prev_hash, const record *r, char out[HASH_HEX + 1])
{
    buf b = BUF_INIT;
    put_text(&b, prev_hash);
    put_int(&b, r->id, 0);
    put_text(&b, r->at);
    put_int(&b, r->account_id, r->account_id == 0);
    put_int(&b, r->instansi_id, r->instansi_id == 0);
    put_text(&b, r->action);
    put_text(&b, r->object_type);
    put_int(&b, r->object_id, r->object_id == 0);
    put_text(&b, r->detail);
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)buf_str(&b), b.len);
    sodium_bin2hex(out, HASH_HEX + 1, h, sizeof h);
    buf_free(&b);
}

static store_param int_or_null(int64_t v) { return v ? SP_I(v) : SP_N; }

lk_err audit_record(store_conn *c, const audit_entry *e, time_t now, int64_t *id_out)
{
    if (!e || !e->action || !e->object_type) return LK_ERR_INVALID;
    /* Taking the next id locks the head until the caller's transaction ends. */
    store_rows *rows = store_query(c, "UPDATE audit_head SET last_id = last_id + 1 WHERE id = 1"
                                      " RETURNING last_id, last_hash", STORE_NOP);
    if (!rows) return LK_ERR_DB;
    if (store_next(rows) != 1) {
        store_rows_close(rows);
        return LK_ERR_DB;
    }
    char prev[HASH_HEX + 1], at[32];
    record r = {.id = store_int(rows, 0), .account_id = e->account_id, .instansi_id = e->instansi_id,
                .object_id = e->object_id, .action = e->action, .object_type = e->object_type,
                .detail = e->detail};
    snprintf(prev, sizeof prev, "%s", store_text(rows, 1) ? store_text(rows, 1) : "");
    store_rows_close(rows);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%SZ", &tm);
    r.at = at;
    char hash[HASH_HEX + 1];
    record_hash(prev, &r, hash);
    lk_err rc = store_exec(c, "INSERT INTO audit_log (id, at, account_id, instansi_id, action, object_type,"
                              " object_id, detail, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                           STORE_P(SP_I(r.id), SP_T(at), int_or_null(r.account_id), int_or_null(r.instansi_id),
                                   SP_T(r.action), SP_T(r.object_type), int_or_null(r.object_id), SP_T(r.detail),
                                   SP_T(prev), SP_T(hash)),
                           NULL);
    if (rc == LK_OK)
        rc = store_exec(c, "UPDATE audit_head SET last_hash = $1 WHERE id = 1", STORE_P(SP_T(hash)), NULL);
    if (rc == LK_OK && id_out) *id_out = r.id;
    return rc;
}

static lk_err bad(audit_report *out, int64_t id, const char *why)
{
    out->first_bad_id = id;
    snprintf(out->reason, sizeof out->reason, "%s", why);
    return LK_OK;
}

lk_err audit_verify(store_conn *c, audit_report *out)
{
    memset(out, 0, sizeof *out);
    int64_t head_id = 0;
    char head_hash[HASH_HEX + 1] = "";
    store_rows *rows = store_query(c, "SELECT last_id, last_hash FROM audit_head WHERE id = 1", STORE_NOP);
    if (!rows) return LK_ERR_DB;
    if (store_next(rows) == 1) {
        head_id = store_int(rows, 0);
        snprintf(head_hash, sizeof head_hash, "%s", store_text(rows, 1) ? store_text(rows, 1) : "");
    }
    store_rows_close(rows);

    rows = store_query(c, "SELECT id, at, account_id, instansi_id, action, object_type, object_id, detail,"
                          " prev_hash, hash FROM audit_log ORDER BY id", STORE_NOP);
    if (!rows) return LK_ERR_DB;
    char prev[HASH_HEX + 1];
    memset(prev, '0', HASH_HEX);
    prev[HASH_HEX] = '\0';
    int64_t expected_id = 1;
    int more;
    lk_err rc = LK_OK;
    while ((more = store_next(rows)) == 1) {
        record r = {.id = store_int(rows, 0), .at = store_text(rows, 1), .account_id = store_int(rows, 2),
                    .instansi_id = store_int(rows, 3), .action = store_text(rows, 4),
                    .object_type = store_text(rows, 5), .object_id = store_int(rows, 6),
                    .detail = store_text(rows, 7)};
        const char *stored_prev = store_text(rows, 8), *stored_hash = store_text(rows, 9);
        if (r.id != expected_id) {
            char why[160];
            snprintf(why, sizeof why, "record %" PRId64 " is missing (the next one is %" PRId64 ")", expected_id,
                     r.id);
            rc = bad(out, expected_id, why);
            break;
        }
        if (!stored_prev || strcmp(stored_prev, prev) != 0) {
            rc = bad(out, r.id, "its prev_hash is not the hash of the record before it");
            break;
        }
        char h[HASH_HEX + 1];
        record_hash(prev, &r, h);
        if (!stored_hash || strcmp(stored_hash, h) != 0) {
            rc = bad(out, r.id, "its fields do not match its hash (the record was changed)");
            break;
        }
        memcpy(prev, h, sizeof prev);
        out->checked++;
        expected_id++;
    }
    store_rows_close(rows);
    if (more < 0) return LK_ERR_DB;
    if (out->first_bad_id == 0 && (head_id != expected_id - 1 || strcmp(head_hash, prev) != 0)) {
        char why[160];
        snprintf(why, sizeof why, "the chain ends at record %" PRId64 " but its head says %" PRId64
                 " (records were removed from the end)", expected_id - 1, head_id);
        rc = bad(out, expected_id, why);
    }
    return rc;
}

lk_err audit_record_alone(store_conn *c, const audit_entry *e, time_t now)
{
    lk_err rc = store_begin(c);
    if (rc) return rc;
    rc = audit_record(c, e, now, NULL);
    if (rc) {
        store_rollback(c);
        return rc;
    }
    return store_commit(c);
}

/* domain/izin/izin_verify.c — verdicts on permit codes, and the in-memory keyring (see
 * izin_verify.h). */
#include "domain/izin/izin_verify.h"
#include "domain/izin/izin.h"
#include "util/alloc.h"
#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char kid[IZIN_KID_CHARS + 1];
    char slug[65];
    char status[12];
    unsigned char pk[IZIN_PK_BYTES];
} ring_key;

struct izin_keyring {
    pthread_mutex_t lock;
    ring_key *keys;
    size_t n, cap;
};

izin_keyring *izin_keyring_new(void)
{
    izin_keyring *k = xcalloc(1, sizeof *k);
    pthread_mutex_init(&k->lock, NULL);
    return k;
}

void izin_keyring_free(izin_keyring *k)
{
    if (!k) return;
    pthread_mutex_destroy(&k->lock);
    free(k->keys);
    free(k);
}

void izin_keyring_put(izin_keyring *k, const izin_key_info *keys, size_t n)
{
    pthread_mutex_lock(&k->lock);
    for (size_t i = 0; i < n; i++) {
        ring_key *slot = NULL;
        for (size_t j = 0; j < k->n && !slot; j++)
            if (strcmp(k->keys[j].kid, keys[i].kid) == 0) slot = &k->keys[j];
        if (!slot) {
            if (k->n == k->cap) {
                k->cap = k->cap ? 2 * k->cap : 16;
                k->keys = xrealloc(k->keys, k->cap * sizeof *k->keys);
            }
            slot = &k->keys[k->n++];
            memset(slot, 0, sizeof *slot);
        }
        snprintf(slot->kid, sizeof slot->kid, "%s", keys[i].kid);
        snprintf(slot->slug, sizeof slot->slug, "%s", keys[i].instansi_slug ? keys[i].instansi_slug : "");
        /* A revocation is never undone by an older copy of the key. */
        if (strcmp(slot->status, "dicabut") != 0) snprintf(slot->status, sizeof slot->status, "%s", keys[i].status);
        memcpy(slot->pk, keys[i].pk, IZIN_PK_BYTES);
    }
    pthread_mutex_unlock(&k->lock);
}

static int ring_find(izin_keyring *k, arena *a, const char *kid, izin_key_info *out)
{
    int found = 0;
    pthread_mutex_lock(&k->lock);
    for (size_t j = 0; j < k->n && !found; j++) {
        if (strcmp(k->keys[j].kid, kid) != 0) continue;
        memset(out, 0, sizeof *out);
        snprintf(out->kid, sizeof out->kid, "%s", kid);
        out->instansi_slug = arena_strdup(a, k->keys[j].slug);
        out->status = arena_strdup(a, k->keys[j].status);
        memcpy(out->pk, k->keys[j].pk, IZIN_PK_BYTES);
        found = 1;
    }
    pthread_mutex_unlock(&k->lock);
    return found;
}

void izin_keyring_load(izin_keyring *k, store_conn *c, const char *data_dir)
{
    arena *a = arena_new();
    izin_key_info *keys = NULL;
    size_t n = 0;
    if (data_dir && izin_key_files(a, data_dir, &keys, &n) == LK_OK) izin_keyring_put(k, keys, n);
    if (c && izin_key_list(c, a, NULL, NULL, &keys, &n) == LK_OK) izin_keyring_put(k, keys, n);
    arena_free(a);
}

static lk_err not_genuine(izin_verdict *out, const char *why)
{
    out->kind = IZIN_V_TIDAK_ASLI;
    out->reason = why;
    return LK_OK;
}

lk_err izin_verify(store_conn *c, izin_keyring *ring, arena *a, const char *code, const char *today, izin_verdict *out)
{
    memset(out, 0, sizeof *out);
    out->instansi_name = "";
    out->revoked_at = "";
    out->instansi = "";
    unsigned char sig[IZIN_SIG_BYTES];
    if (izin_code_decode(a, code, &out->f, sig) != LK_OK)
        return not_genuine(out, "Kode ini bukan kode izin yang sah: rusak, terpotong atau diubah.");

    izin_key_info key;
    lk_err e = c ? izin_key_get(c, a, out->f.kid, &key) : LK_ERR_DB;
    if (e == LK_OK) {
        out->db_checked = 1;
        if (ring) izin_keyring_put(ring, &key, 1);
    } else if (e == LK_ERR_NOTFOUND) {
        return not_genuine(out, "Kode ini tidak ditandatangani oleh kunci instansi yang dikenal.");
    } else if (!ring) {
        return LK_ERR_DB;
    } else if (!ring_find(ring, a, out->f.kid, &key)) {
        return not_genuine(out, "Kode ini tidak ditandatangani oleh kunci instansi yang dikenal.");
    }
    out->instansi = key.instansi_slug;
    if (!izin_signature_ok(&out->f, sig, key.pk))
        return not_genuine(out, "Tanda tangan elektronik tidak cocok dengan data izin: data telah diubah.");
    if (strcmp(key.status, "dicabut") == 0)
        return not_genuine(out, "Kunci penandatangan izin ini telah dicabut; izin tidak dapat dinyatakan asli.");

    if (out->db_checked) {
        char sig_hex[2 * IZIN_SIG_BYTES + 1];
        izin_hex_encode(sig, sizeof sig, sig_hex);
        store_rows *r = store_query(c, "SELECT z.status, COALESCE(z.revoked_at, ''), i.name FROM izin z"
                                       " JOIN instansi i ON i.id = z.instansi_id"
                                       " WHERE z.nomor = $1 AND z.kid = $2 AND z.signature = $3",
                                    STORE_P(SP_T(out->f.nomor), SP_T(out->f.kid), SP_T(sig_hex)));
        int rc = r ? store_next(r) : -1;
        const char *status = "";
        if (rc == 1) {
            status = arena_strdup(a, store_text(r, 0));
            out->revoked_at = arena_strdup(a, store_text(r, 1));
            out->instansi_name = arena_strdup(a, store_text(r, 2));
        }
        store_rows_close(r);
        if (rc < 0) {
            out->db_checked = 0;   /* the database went away between the two queries */
        } else if (rc == 0) {
            return not_genuine(out, "Izin dengan nomor dan tanda tangan ini tidak terdaftar.");
        } else if (strcmp(status, "dicabut") == 0) {
            out->kind = IZIN_V_DICABUT;
            return LK_OK;
        }
    }
    out->kind = *out->f.berlaku_sampai && strcmp(out->f.berlaku_sampai, today) < 0 ? IZIN_V_KEDALUWARSA
                                                                                 : IZIN_V_BERLAKU;
    return LK_OK;
}

/* "k7p2 9qxm", "K7P29QXM" → "K7P2-9QXM"; NULL when it cannot be a code. */
static const char *normal_kode(arena *a, const char *kode)
{
    char k[10];
    size_t n = 0;
    for (const char *p = kode; *p; p++) {
        if (*p == ' ' || *p == '-') continue;
        if (!isalnum((unsigned char)*p) || n == 8) return NULL;
        k[n < 4 ? n : n + 1] = (char)toupper((unsigned char)*p);
        n++;
    }
    if (n != 8) return NULL;
    k[4] = '-';
    k[9] = '\0';
    return arena_strdup(a, k);
}

lk_err izin_code_for(store_conn *c, arena *a, const char *nomor, const char *kode, const char **code)
{
    const char *k = kode ? normal_kode(a, kode) : NULL;
    if (!nomor || !*nomor || strlen(nomor) > IZIN_NOMOR_MAX || !k) return LK_ERR_NOTFOUND;
    izin_rec z;
    lk_err e = izin_get_by_nomor(c, a, nomor, &z);
    if (e) return e;
    if (strcmp(z.kode, k) != 0) return LK_ERR_NOTFOUND;
    const char *url = NULL;
    e = izin_verify_url(a, &z, "", &url);
    if (e == LK_OK) *code = url + 3;   /* past "/v/" */
    return e;
}

/* cli/cmd_izin.c — the permit commands (SPEC 5.5, 7):
 *   loket keys create|list|rotate|revoke   the instansi's signing keys
 *   loket verify CODE                      checks a permit code offline: no database,
 *                                          only the public keys in DATA/keys
 *   loket izin terbit|cabut|pengingat      issue the permit of an application decided
 *                                          outside the workflow; revoke a permit; send
 *                                          the expiry reminders due now
 * Exit status 0 success (verify: genuine), 1 failure (verify: not genuine), 2 bad usage. */
#include "cli/commands.h"
#include "domain/akun/account.h"
#include "domain/izin/izin.h"
#include "domain/izin/izin_keys.h"
#include "domain/izin/izin_tte.h"
#include "domain/izin/izin_verify.h"
#include "domain/izin/pengingat.h"
#include "util/datetime.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *option(int argc, char **argv, const char *name)
{
    for (int i = 1; i + 1 < argc; i++)
        if (strcmp(argv[i], name) == 0) return argv[i + 1];
    return NULL;
}

/* --at "2026-12-01T03:00:00Z" or "2026-12-01": the moment to act at (default now). */
static int moment(int argc, char **argv, const char *who, time_t *now)
{
    const char *at = option(argc, argv, "--at");
    *now = time(NULL);
    if (at && datetime_parse(at, now) != 0) {
        fprintf(stderr, "loket %s: --at: expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, got \"%s\"\n", who, at);
        return -1;
    }
    return 0;
}

/* ---- loket keys ------------------------------------------------------------------ */

static int keys_list(store *s, const config *cfg, const char *slug)
{
    arena *a = arena_new();
    store_conn *c = store_acquire(s);
    izin_key_info *keys = NULL;
    size_t n = 0;
    lk_err e = izin_key_list(c, a, cfg->data_dir, slug, &keys, &n);
    store_release(c);
    if (e == LK_OK) {
        printf("%-8s  %-24s  %-8s  %-20s  %s\n", "KID", "INSTANSI", "STATUS", "CREATED", "PRIVATE KEY");
        for (size_t i = 0; i < n; i++)
            printf("%-8s  %-24s  %-8s  %-20s  %s\n", keys[i].kid, keys[i].instansi_slug, keys[i].status,
                   keys[i].created_at, keys[i].has_private ? "DATA/keys/" : "-");
        if (!n) printf("(no keys; create one with: loket keys create --instansi SLUG)\n");
    } else {
        fprintf(stderr, "loket keys list: cannot read the keys\n");
    }
    arena_free(a);
    return e == LK_OK ? 0 : 1;
}

int cmd_keys(const config *cfg, int argc, char **argv)
{
    const char *sub = argc >= 2 ? argv[1] : "";
    const char *slug = option(argc, argv, "--instansi");
    int create = strcmp(sub, "create") == 0, rotate = strcmp(sub, "rotate") == 0;
    int revoke = strcmp(sub, "revoke") == 0, list = strcmp(sub, "list") == 0;
    if (!create && !rotate && !revoke && !list) {
        fprintf(stderr, "usage: loket keys create|rotate --instansi SLUG | list [--instansi SLUG] | "
                        "revoke KID --alasan \"REASON\"\n");
        return 2;
    }
    if ((create || rotate) && !slug) {
        fprintf(stderr, "loket keys %s: needs --instansi SLUG\n", sub);
        return 2;
    }
    const char *reason = option(argc, argv, "--alasan");
    if (revoke && (argc < 3 || argv[2][0] == '-' || !reason || !*reason)) {
        fprintf(stderr, "loket keys revoke: needs KID and --alasan \"REASON\"\n");
        return 2;
    }
    store *s = cli_open_store(cfg, 2);
    if (!s) return 1;
    int rc = 1;
    char kid[IZIN_KID_CHARS + 1] = "", old[IZIN_KID_CHARS + 1] = "";
    lk_err e = LK_OK;
    if (list) {
        rc = keys_list(s, cfg, slug);
    } else if (create) {
        e = izin_key_create(s, cfg->data_dir, slug, 0, time(NULL), kid);
        if (e == LK_OK) printf("created key %s for %s (private key DATA/keys/%s.key, mode 0600)\n", kid, slug, kid);
        else if (e == LK_ERR_CONFLICT) fprintf(stderr, "loket keys create: %s has an active key already; use rotate\n", slug);
    } else if (rotate) {
        e = izin_key_rotate(s, cfg->data_dir, slug, 0, time(NULL), kid, old);
        if (e == LK_OK) printf("rotated %s: new key %s signs from now on; %s still verifies what it signed\n", slug, kid, old);
        else if (e == LK_ERR_NOTFOUND) fprintf(stderr, "loket keys rotate: no instansi \"%s\" with an active key\n", slug);
    } else {
        e = izin_key_revoke(s, cfg->data_dir, argv[2], reason, 0, time(NULL));
        if (e == LK_OK) printf("revoked key %s: permits it signed no longer verify\n", argv[2]);
        else if (e == LK_ERR_NOTFOUND) fprintf(stderr, "loket keys revoke: no key \"%s\"\n", argv[2]);
        else if (e == LK_ERR_CONFLICT) fprintf(stderr, "loket keys revoke: %s is revoked already\n", argv[2]);
    }
    if (!list) {
        if (e == LK_ERR_NOTFOUND && create) fprintf(stderr, "loket keys create: no instansi \"%s\"\n", slug);
        else if (e != LK_OK && e != LK_ERR_NOTFOUND && e != LK_ERR_CONFLICT)
            fprintf(stderr, "loket keys %s: failed (%s)\n", sub, lk_err_name(e));
        rc = e == LK_OK ? 0 : 1;
    }
    store_close(s);
    return rc;
}

/* ---- loket verify ---------------------------------------------------------------- */

int cmd_verify(const config *cfg, int argc, char **argv)
{
    if (argc < 2 || argv[1][0] == '-') {
        fprintf(stderr, "usage: loket verify CODE (the code or the whole address in the permit's QR)\n");
        return 2;
    }
    arena *a = arena_new();
    izin_keyring *ring = izin_keyring_new();
    izin_keyring_load(ring, NULL, cfg->data_dir);
    const char *pk_hex = option(argc, argv, "--public-key");
    if (pk_hex) {
        izin_key_info k = {.instansi_slug = "", .status = "aktif"};
        if (izin_hex_decode(pk_hex, k.pk, IZIN_PK_BYTES) != 0) {
            fprintf(stderr, "loket verify: --public-key: expected 64 hex digits\n");
            izin_keyring_free(ring);
            arena_free(a);
            return 2;
        }
        izin_kid_of(k.pk, k.kid);
        izin_keyring_put(ring, &k, 1);
    }
    izin_verdict v;
    izin_verify(NULL, ring, a, argv[1], izin_today(a, time(NULL)), &v);
    int rc = v.kind == IZIN_V_TIDAK_ASLI ? 1 : 0;
    if (rc) {
        printf("TIDAK ASLI: %s\n", v.reason);
    } else {
        printf("ASLI: ditandatangani oleh kunci %s (%s)\n", v.f.kid, v.instansi);
        printf("Nomor Izin     : %s\nJenis Izin     : %s\nPemegang       : %s\nBerlaku Sejak  : %s\n"
               "Berlaku Sampai : %s\nStatus         : %s\n",
               v.f.nomor, v.f.jenis_izin, v.f.pemegang, v.f.berlaku_dari,
               *v.f.berlaku_sampai ? v.f.berlaku_sampai : "tidak dibatasi",
               v.kind == IZIN_V_KEDALUWARSA ? "kedaluwarsa" : "berlaku menurut tanggalnya (pencabutan hanya "
                                                              "diketahui di halaman verifikasi)");
    }
    izin_keyring_free(ring);
    arena_free(a);
    return rc;
}

/* ---- loket izin ------------------------------------------------------------------ */

static int izin_terbit(const config *cfg, int argc, char **argv)
{
    const char *signer = option(argc, argv, "--penandatangan");
    time_t now;
    if (argc < 3 || argv[2][0] == '-' || !signer) {
        fprintf(stderr, "usage: loket izin terbit NO_PERMOHONAN --penandatangan USERNAME [--at TIME]\n"
                        "       (the signer's certificate passphrase, when they have one: LOKET_TTE_PASSPHRASE)\n");
        return 2;
    }
    if (moment(argc, argv, "izin terbit", &now) != 0) return 2;
    store *s = cli_open_store(cfg, 1);
    if (!s) return 1;
    arena *a = arena_new();
    store_conn *c = store_acquire(s);
    int64_t permohonan_id = 0;
    account who;
    izin_tte_config tte_cfg = {0};
    int rc = 1;
    if (store_query_int(c, "SELECT id FROM permohonan WHERE nomor = $1", STORE_P(SP_T(argv[2])), &permohonan_id) != LK_OK) {
        fprintf(stderr, "loket izin terbit: no application numbered \"%s\"\n", argv[2]);
        goto out;
    }
    if (account_find_login(c, a, signer, &who) != LK_OK) {
        fprintf(stderr, "loket izin terbit: --penandatangan: no account \"%s\"\n", signer);
        goto out;
    }
    /* The PDF's electronic signature: the signer's passphrase (or TOTP) from the
     * environment, never from the command line where other users could read it. */
    if (cli_tte_config(cfg, &tte_cfg) != 0) goto out;
    izin_tte_input tte = {&tte_cfg, getenv("LOKET_TTE_PASSPHRASE"), getenv("LOKET_TTE_TOTP")};
    izin_env env = {.data_dir = cfg->data_dir, .base_url = cfg->base_url, .tte = &tte};
    izin_issued out;
    const char *msg = NULL;
    lk_err e = izin_finish_and_issue(c, a, &env, permohonan_id, who.id, now, &out, &msg);
    if (e != LK_OK) {
        fprintf(stderr, "loket izin terbit: %s\n", msg ? msg : lk_err_name(e));
        goto out;
    }
    printf("%s %s\nkode %s\n%s\n", out.already ? "already issued:" : "issued", out.nomor, out.kode, out.verify_url);
    rc = 0;
out:
    izin_tte_tsa_unload(&tte_cfg);
    store_release(c);
    arena_free(a);
    store_close(s);
    return rc;
}

static int izin_cabut(const config *cfg, int argc, char **argv)
{
    const char *reason = option(argc, argv, "--alasan");
    time_t now;
    if (argc < 3 || argv[2][0] == '-' || !reason) {
        fprintf(stderr, "usage: loket izin cabut NO_IZIN --alasan \"REASON\" [--at TIME]\n");
        return 2;
    }
    if (moment(argc, argv, "izin cabut", &now) != 0) return 2;
    store *s = cli_open_store(cfg, 1);
    if (!s) return 1;
    arena *a = arena_new();
    store_conn *c = store_acquire(s);
    izin_rec z;
    lk_err e = izin_get_by_nomor(c, a, argv[2], &z);
    if (e == LK_OK) e = izin_revoke(c, a, 0, 0, z.id, reason, now);
    store_release(c);
    if (e == LK_OK) printf("revoked %s\n", argv[2]);
    else if (e == LK_ERR_NOTFOUND) fprintf(stderr, "loket izin cabut: no permit numbered \"%s\"\n", argv[2]);
    else if (e == LK_ERR_CONFLICT) fprintf(stderr, "loket izin cabut: %s is revoked already\n", argv[2]);
    else if (e == LK_ERR_INVALID) fprintf(stderr, "loket izin cabut: --alasan: 1 to 500 characters\n");
    else fprintf(stderr, "loket izin cabut: failed (%s)\n", lk_err_name(e));
    arena_free(a);
    store_close(s);
    return e == LK_OK ? 0 : 1;
}

/* Runs the expiry reminders once, as on the day of --at (a cron job instead of, or
 * besides, the serve processes: the izin_pengingat rows keep it to one mail). */
static int izin_pengingat(const config *cfg, int argc, char **argv)
{
    time_t now;
    if (moment(argc, argv, "izin pengingat", &now) != 0) return 2;
    store *s = cli_open_store(cfg, 1);
    if (!s) return 1;
    store_conn *c = store_acquire(s);
    int sent = 0;
    lk_err e = pengingat_run(c, cfg->base_url, now, &sent);
    store_release(c);
    store_close(s);
    if (e) {
        fprintf(stderr, "loket izin pengingat: failed (%s)\n", lk_err_name(e));
        return 1;
    }
    printf("%d reminder(s) queued\n", sent);
    return 0;
}

int cmd_izin(const config *cfg, int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "pengingat") == 0) return izin_pengingat(cfg, argc, argv);
    if (argc >= 2 && strcmp(argv[1], "terbit") == 0) return izin_terbit(cfg, argc, argv);
    if (argc >= 2 && strcmp(argv[1], "cabut") == 0) return izin_cabut(cfg, argc, argv);
    fprintf(stderr, "usage: loket izin terbit NO_PERMOHONAN --penandatangan USERNAME | cabut NO_IZIN --alasan \"R\" |"
                    " pengingat [--at TIME]\n");
    return 2;
}

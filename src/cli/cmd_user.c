/* cli/cmd_user.c — `loket user add`: creates an officer of an instansi with roles and a
 * generated one-time password (printed once; it must be changed at first log-in). */
#include "cli/commands.h"
#include "domain/akun/account.h"
#include "domain/akun/validate.h"
#include "util/crypto.h"
#include <stdio.h>
#include <string.h>

static const char *option(int argc, char **argv, const char *name)
{
    for (int i = 2; i + 1 < argc; i++)
        if (strcmp(argv[i], name) == 0) return argv[i + 1];
    return NULL;
}

static int user_add(const config *cfg, int argc, char **argv)
{
    const char *inst = option(argc, argv, "--instansi"), *roles_s = option(argc, argv, "--role");
    const char *username = option(argc, argv, "--username"), *email = option(argc, argv, "--email");
    const char *nama = option(argc, argv, "--nama");
    if (!inst || !roles_s || !username || !email || !nama) {
        fprintf(stderr, "loket user add: needs --instansi SLUG --role ROLE[,ROLE] --username U --email E --nama \"N\"\n");
        return 2;
    }
    unsigned roles;
    if (roles_parse(roles_s, &roles) != 0) {
        fprintf(stderr, "loket user add: --role: expected roles from admin_instansi, front_office, verifikator, "
                        "tim_teknis, bendahara, penandatangan, penyerahan; got \"%s\"\n", roles_s);
        return 2;
    }
    /* Usernames are unique regardless of case; they are kept in lower case. */
    char lower[64];
    snprintf(lower, sizeof lower, "%s", username);
    for (char *p = lower; *p; p++)
        if (*p >= 'A' && *p <= 'Z') *p = (char)(*p + 32);
    username = lower;
    const char *msg = NULL;
    if (validate_username(username, &msg) != 0 || validate_email(email, &msg) != 0 ||
        validate_nama(nama, &msg) != 0) {
        fprintf(stderr, "loket user add: %s\n", msg);
        return 2;
    }
    store *s = cli_open_store(cfg, 1);
    if (!s) return 1;
    int rc = 1;
    store_conn *c = store_acquire(s);
    int64_t instansi_id = 0;
    if (store_query_int(c, "SELECT id FROM instansi WHERE slug = $1", STORE_P(SP_T(inst)), &instansi_id) != LK_OK) {
        fprintf(stderr, "loket user add: --instansi: no instansi \"%s\"\n", inst);
        goto out;
    }
    char password[16], hash[PASSWORD_HASH_MAX];
    password_generate(password, 12);
    if (password_hash(password, hash) != 0) goto out;
    lk_err e = store_begin(c);
    int64_t id = 0;
    if (e == LK_OK) e = account_create_officer(c, instansi_id, username, email, nama, roles, hash, 1, &id);
    if (e == LK_OK) e = store_commit(c); else store_rollback(c);
    if (e == LK_ERR_CONFLICT) {
        fprintf(stderr, "loket user add: the username or email is already in use\n");
        goto out;
    }
    if (e != LK_OK) {
        fprintf(stderr, "loket user add: %s\n", store_errmsg(c));
        goto out;
    }
    printf("created officer %s (id %lld) of %s\none-time password: %s\n(it must be changed at first log-in)\n",
           username, (long long)id, inst, password);
    rc = 0;
out:
    store_release(c);
    store_close(s);
    return rc;
}

int cmd_user(const config *cfg, int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "add") == 0) return user_add(cfg, argc, argv);
    fprintf(stderr, "usage: loket user add --instansi SLUG --role ROLE[,ROLE] --username U --email E --nama \"N\"\n");
    return 2;
}

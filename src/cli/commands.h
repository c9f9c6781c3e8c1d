/* cli/commands.h — the subcommands of `loket`.  Each returns the process exit status:
 * 0 success, 1 failure at run time, 2 bad usage or configuration. */
#ifndef LOKET_COMMANDS_H
#define LOKET_COMMANDS_H
#include "cli/config.h"
#include "store/store.h"

int cmd_serve(const config *cfg, int argc, char **argv);
int cmd_migrate(const config *cfg, int argc, char **argv);
int cmd_demo(const config *cfg, int argc, char **argv);
int cmd_import_wilayah(const config *cfg, int argc, char **argv);
int cmd_user(const config *cfg, int argc, char **argv);
int cmd_audit(const config *cfg, int argc, char **argv);
int cmd_backup(const config *cfg, int argc, char **argv);    /* cli/cmd_backup.c */
int cmd_restore(const config *cfg, int argc, char **argv);
int cmd_routes(const config *cfg, int argc, char **argv);
/* cli/cmd_izin.c: permits and their signing keys */
int cmd_keys(const config *cfg, int argc, char **argv);
int cmd_verify(const config *cfg, int argc, char **argv);
int cmd_izin(const config *cfg, int argc, char **argv);
/* cli/cmd_inbox.c: the officers' kept inbox counts */
int cmd_inbox(const config *cfg, int argc, char **argv);

/* Opens the configured database and applies pending migrations; prints the reason and
 * returns NULL on failure.  Caller closes. */
store *cli_open_store(const config *cfg, int pool_size);

/* The electronic-signature settings for the signers (cli/tte_config.c), the TSA's trust
 * bundle loaded; -1 with the reason printed.  Release with izin_tte_tsa_unload. */
struct izin_tte_config;
int cli_tte_config(const config *cfg, struct izin_tte_config *out);

#endif

/* cli/main.c — `loket`: the entry point and the subcommand table.
 *
 *   loket serve            the web server
 *   loket migrate          create or update the database schema
 *   loket demo             load the demo offices (imports wilayah first if needed)
 *   loket import-wilayah   load Indonesia's regions from idn-area-data
 *   loket user add         create an officer account
 *   loket keys             the instansi's permit signing keys
 *   loket verify CODE      check a permit's code offline
 *   loket izin             issue or revoke a permit
 *   loket backup / restore one archive of the database, uploaded files and keys
 *   loket routes --json    the web addresses with their access rules
 *   loket --version
 * Every command takes --config, --data and --db (see cli/config.h) and --help; options
 * may come before the command as well as after it. */
#include "cli/commands.h"
#include "html/i18n.h"
#include "util/crypto.h"
#include "util/phrase.h"
#include <stdio.h>
#include <string.h>

typedef struct {
    const char *name;
    int (*run)(const config *cfg, int argc, char **argv);
    const char *summary;
    const char *options;
    int takes_args;             /* parses its own further arguments */
} command;

static const char COMMON_OPTIONS[] =
    "  --config FILE    configuration file (LOKET_CONFIG; default /etc/loket/loket.conf if it\n"
    "                   exists): KEY=value lines with the environment's names\n"
    "  --data DIR       data folder (LOKET_DATA; default ./data)\n"
    "  --db URL         SQLite file or postgresql:// URL (LOKET_DB; default DATA/loket.db)\n"
    "Options may come before or after the command; they win over the environment,\n"
    "which wins over the configuration file.\n";

static const command COMMANDS[] = {
    {"serve", cmd_serve, "serve the web interface and the API",
     "  --listen H:P     address to listen on (LOKET_LISTEN; default 127.0.0.1:8080)\n"
     "  --base-url URL   public address used in links (LOKET_BASE_URL)\n"
     "  --threads N      worker threads (LOKET_THREADS; default 2 per core, at least 4)\n"
     "Environment: LOKET_SMTP_URL (smtp://host:port; unset: mails as .eml files in DATA/mail),\n"
     "LOKET_MAX_UPLOAD_MB (default 5), LOKET_ACCESS_LOG=off to silence the access log.\n"
     "Pending migrations are applied at start.  SIGTERM or Ctrl-C stops it gracefully.\n", 0},
    {"migrate", cmd_migrate, "create or update the database schema (idempotent)", "", 0},
    {"demo", cmd_demo, "load the demo offices of Kota Pangkalpinang and Kabupaten Muara Enim",
     "  --wilayah DIR    idn-area-data CSV folder, used if regions are not yet imported\n"
     "  --without-permits  no signing keys, demo applicant and demo permits (tests that\n"
     "                   count rows start from the offices alone)\n"
     "Safe to run again: nothing is duplicated.\n", 1},
    {"import-wilayah", cmd_import_wilayah, "load provinsi, kabupaten/kota, kecamatan and desa",
     "  --wilayah DIR    folder of the idn-area-data CSV files\n"
     "                   (LOKET_WILAYAH_DIR; default node_modules/idn-area-data/data)\n"
     "Replaces the regions in one transaction; safe to run again.\n", 0},
    {"user", cmd_user, "manage officer accounts",
     "  add --instansi SLUG --role ROLE[,ROLE] --username U --email E --nama \"NAMA\"\n"
     "                   create an officer; prints a one-time password to change at first log-in\n"
     "Roles: admin_instansi, front_office, verifikator, tim_teknis, bendahara,\n"
     "penandatangan, penyerahan.\n", 1},
    {"audit", cmd_audit, "check the audit trail",
     "  verify           walk the hash chain; names the first record that was changed,\n"
     "                   removed or inserted (exit status 1), else prints how many verified\n", 1},
    {"backup", cmd_backup, "write one archive of the database, uploaded files and keys",
     "  --output FILE    the archive (default ./loket-backup-YYYYMMDDTHHMMSSZ.tar); written\n"
     "                   as FILE.partial and renamed when complete, never overwritten\n"
     "Safe while loket serve runs: SQLite through its online backup API, PostgreSQL\n"
     "through pg_dump.  The archive holds a MANIFEST of SHA-256 checksums.\n", 1},
    {"restore", cmd_restore, "restore an archive of loket backup into an empty data folder and database",
     "  ARCHIVE          the file loket backup wrote\n"
     "Checks every checksum first and refuses a damaged archive, a non-empty data folder\n"
     "or a database that already holds tables; nothing is changed then.\n", 1},
    {"routes", cmd_routes, "list the web addresses and who may call each",
     "  --json           every route with its access rule (who, roles, the object its id\n"
     "                   names), as registered in web/routes.c\n", 1},
    /* Permits: signing keys, offline verification, issuing and revoking (SPEC 5.5). */
    {"keys", cmd_keys, "manage the permit signing keys of an instansi",
     "  create --instansi SLUG   a first key (private half in DATA/keys/KID.key, mode 0600)\n"
     "  rotate --instansi SLUG   a new key signs from now on; the old one keeps verifying\n"
     "  list [--instansi SLUG]   every key with its status\n"
     "  revoke KID --alasan R    permits signed by KID no longer verify\n", 1},
    {"verify", cmd_verify, "check a permit code offline (no database: the public keys in DATA/keys)",
     "  CODE                     the code, or the whole address /v/CODE from the permit's QR\n"
     "  --public-key HEX         also trust this Ed25519 public key (64 hex digits)\n"
     "Exit status 0 when genuine, 1 when not.\n", 1},
    {"izin", cmd_izin, "issue or revoke a permit",
     "  terbit NO_PERMOHONAN --penandatangan USERNAME [--at TIME]\n"
     "                           close an application decided outside the workflow and issue\n"
     "                           its signed permit (PDF in Dokumen, mail to the applicant)\n"
     "  cabut NO_IZIN --alasan R [--at TIME]   revoke a permit\n"
     "  pengingat [--at TIME]    queue the expiry reminders due on that day (once per permit\n"
     "                           and threshold, however often it runs; serve runs it hourly)\n", 1},
    /* The officers' inbox counts, kept by triggers (migration 017). */
    {"inbox", cmd_inbox, "check or refill the officers' kept inbox counts",
     "  check            compare the kept counts with the applications; names each group\n"
     "                   that differs (exit status 1), else prints OK\n"
     "  rebuild          refill them from the applications in one transaction\n", 1},
};

#ifndef LOKET_VERSION
#define LOKET_VERSION "unknown"
#endif

static void usage(FILE *out)
{
    fprintf(out, "Loket — online permit-licensing one-stop service\n\n"
                 "Usage: loket [OPTIONS] COMMAND [OPTIONS]\n       loket --version\n\nCommands:\n");
    for (size_t i = 0; i < sizeof COMMANDS / sizeof *COMMANDS; i++)
        fprintf(out, "  %-16s %s\n", COMMANDS[i].name, COMMANDS[i].summary);
    fprintf(out, "\nRun 'loket COMMAND --help' for a command's options.\n");
}

static int wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) return 1;
    return 0;
}

/* Moves the command word to argv[1], so "loket --data D demo" reads as "loket demo --data D".
 * Returns 0, or -1 for an unknown option before the command (printed). */
static int command_first(int argc, char **argv)
{
    int i = 1;
    while (i < argc && strncmp(argv[i], "--", 2) == 0) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "--version") == 0) return 0;
        int width = config_option_width(argv[i]);
        if (!width) {
            fprintf(stderr, "loket: unknown option \"%s\" before the command (see loket --help)\n", argv[i]);
            return -1;
        }
        i += width;
    }
    if (i >= argc || i == 1) return 0;
    char *cmd = argv[i];
    memmove(argv + 2, argv + 1, (size_t)(i - 1) * sizeof *argv);
    argv[1] = cmd;
    return 0;
}

int main(int argc, char **argv)
{
    /* Mails composed by any command speak their recipient's language (util/phrase.h). */
    phrase_translator_set(i18n);
    if (crypto_init() != 0) {
        fprintf(stderr, "loket: cannot initialise libsodium\n");
        return 1;
    }
    if (command_first(argc, argv) != 0) return 2;
    if (argc >= 2 && strcmp(argv[1], "--version") == 0) {
        printf("loket %s\n", LOKET_VERSION);
        return 0;
    }
    if (argc < 2 || strncmp(argv[1], "--", 2) == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        int asked = argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
                                  strcmp(argv[1], "help") == 0);
        usage(asked ? stdout : stderr);
        return asked ? 0 : 2;
    }
    for (size_t i = 0; i < sizeof COMMANDS / sizeof *COMMANDS; i++) {
        const command *cmd = &COMMANDS[i];
        if (strcmp(argv[1], cmd->name) != 0) continue;
        int cargc = argc - 1;
        char **cargv = argv + 1;
        if (wants_help(cargc, cargv)) {
            printf("Usage: loket %s [OPTIONS]\n%s.\n\nOptions:\n%s%s", cmd->name, cmd->summary,
                   COMMON_OPTIONS, cmd->options);
            return 0;
        }
        config cfg;
        if (config_load(&cfg, &cargc, cargv) != 0) return 2;
        if (cargc > 1 && !cmd->takes_args) {
            fprintf(stderr, "loket %s: unknown option \"%s\" (see loket %s --help)\n", cmd->name,
                    cargv[1], cmd->name);
            return 2;
        }
        return cmd->run(&cfg, cargc, cargv);
    }
    fprintf(stderr, "loket: unknown command \"%s\"\n", argv[1]);
    usage(stderr);
    return 2;
}

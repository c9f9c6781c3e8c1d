/* store/pg_tools.c — PostgreSQL's own tools for backups: pg_dump for a consistent copy
 * while Loket keeps serving (it reads in one repeatable-read transaction), pg_restore to
 * load one into an empty database in a single transaction (all or nothing).
 *
 * The password is taken out of the URL and handed over in PGPASSWORD, so it never shows
 * in the process list; the tools' own error lines come back in err. */
#include "store/driver.h"
#include "util/alloc.h"
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static int hex_value(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if ((c | 32) >= 'a' && (c | 32) <= 'f') return (c | 32) - 'a' + 10;
    return -1;
}

/* postgresql://user:secret@host/db → url_out "postgresql://user@host/db" and the
 * percent-decoded password (empty when the URL has none). */
static void split_password(const char *url, char *url_out, size_t url_cap, char *pw, size_t pw_cap)
{
    pw[0] = '\0';
    snprintf(url_out, url_cap, "%s", url);
    const char *auth = strstr(url, "://");
    if (!auth) return;
    auth += 3;
    const char *at = strchr(auth, '@');
    const char *slash = strchr(auth, '/');
    if (!at || (slash && slash < at)) return;
    const char *colon = memchr(auth, ':', (size_t)(at - auth));
    if (!colon) return;
    size_t n = 0;
    for (const char *p = colon + 1; p < at && n + 1 < pw_cap; p++) {
        if (*p == '%' && p + 2 < at && hex_value(p[1]) >= 0 && hex_value(p[2]) >= 0) {
            pw[n++] = (char)(hex_value(p[1]) * 16 + hex_value(p[2]));
            p += 2;
        } else {
            pw[n++] = *p;
        }
    }
    pw[n] = '\0';
    snprintf(url_out, url_cap, "%.*s%s", (int)(colon - url), url, at);
}

/* Runs tool with args (NULL-terminated, after argv[0]) and --dbname; 0 when it exited 0. */
static lk_err run_tool(const char *tool, const char *url, const char *const *args, char *err, size_t errlen)
{
    char bare_url[1100], password[512], pw_env[600], dbname[1200];
    split_password(url, bare_url, sizeof bare_url, password, sizeof password);
    snprintf(dbname, sizeof dbname, "--dbname=%s", bare_url);
    const char *argv[16];
    int argc = 0;
    argv[argc++] = tool;
    for (const char *const *a = args; *a && argc < 14; a++) argv[argc++] = *a;
    argv[argc++] = dbname;
    argv[argc] = NULL;

    size_t envc = 0;
    while (environ[envc]) envc++;
    char **envp = xcalloc(envc + 2, sizeof *envp);
    size_t k = 0;
    for (size_t i = 0; i < envc; i++)
        if (strncmp(environ[i], "PGPASSWORD=", 11) != 0 || !password[0]) envp[k++] = environ[i];
    if (password[0]) {
        snprintf(pw_env, sizeof pw_env, "PGPASSWORD=%s", password);
        envp[k++] = pw_env;
    }
    envp[k] = NULL;

    int pipefd[2];
    if (pipe2(pipefd, O_CLOEXEC) != 0) {
        free(envp);
        snprintf(err, errlen, "cannot run %s: %s", tool, strerror(errno));
        return LK_ERR_IO;
    }
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, pipefd[1], STDERR_FILENO);
    posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    pid_t pid;
    int rc = posix_spawnp(&pid, tool, &fa, NULL, (char *const *)argv, envp);
    posix_spawn_file_actions_destroy(&fa);
    close(pipefd[1]);
    free(envp);
    if (rc != 0) {
        close(pipefd[0]);
        snprintf(err, errlen, "cannot run %s (is postgresql-client installed?): %s", tool, strerror(rc));
        return LK_ERR_IO;
    }
    /* Keep the last lines the tool wrote: they say what went wrong. */
    char out[2048];
    size_t have = 0;
    for (;;) {
        char chunk[512];
        ssize_t n = read(pipefd[0], chunk, sizeof chunk);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        if (have + (size_t)n > sizeof out - 1) {
            size_t drop = have + (size_t)n - (sizeof out - 1);
            if (drop > have) drop = have;
            memmove(out, out + drop, have - drop);
            have -= drop;
        }
        size_t take = (size_t)n < sizeof out - 1 - have ? (size_t)n : sizeof out - 1 - have;
        memcpy(out + have, chunk, take);
        have += take;
    }
    out[have] = '\0';
    close(pipefd[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return LK_OK;
    store_format_line(err, errlen, "%s failed: %s", tool, have ? out : "(no message)");
    return LK_ERR_DB;
}

lk_err pg_tools_dump(store_conn *c, const char *url, const char *path, char *err, size_t errlen)
{
    char file[1100];
    snprintf(file, sizeof file, "--file=%s", path);
    const char *args[] = {"--format=custom", "--no-owner", "--no-privileges", file, NULL};
    return run_tool("pg_dump", url, args, err, errlen);
}

lk_err pg_tools_restore(const char *url, const char *path, char *err, size_t errlen)
{
    const char *args[] = {"--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", path, NULL};
    return run_tool("pg_restore", url, args, err, errlen);
}

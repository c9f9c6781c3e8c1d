/* util/storage.c — collision-free placing of files in the data folder (see storage.h). */
#include "util/storage.h"
#include "util/crypto.h"
#include "util/log.h"
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

void storage_fsync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    if (fsync(fd) != 0) log_warn("fsync %s: %s", dir, strerror(errno));
    close(fd);
}

const char *storage_place(arena *a, const char *tmp_path, const char *dir, const char *prefix,
                          const char *ext)
{
    /* 256 random bits: a second try is for a broken random source, not for chance. */
    for (int attempt = 0; attempt < 3; attempt++) {
        char token[TOKEN_CHARS + 1];
        token_new(token);
        const char *name = arena_printf(a, "%s-%s.%s", prefix, token, ext);
        const char *dest = arena_printf(a, "%s/%s", dir, name);
        if (link(tmp_path, dest) == 0) {
            if (unlink(tmp_path) != 0) log_warn("storage: cannot remove %s: %s", tmp_path, strerror(errno));
            storage_fsync_dir(dir);
            return name;
        }
        if (errno != EEXIST) {
            int saved = errno;
            log_error("storage: cannot move %s to %s: %s", tmp_path, dest, strerror(saved));
            errno = saved;
            return NULL;
        }
        log_warn("storage: %s exists already; taking another name", dest);
    }
    errno = EEXIST;
    return NULL;
}

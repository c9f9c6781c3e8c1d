/* util/files.c — hashing, durable renames and display names of stored files (see files.h). */
#include "util/files.h"
#include "util/log.h"
#include "util/text.h"
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <string.h>
#include <unistd.h>

void dir_fsync(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    if (fsync(fd) != 0) log_warn("fsync %s: %s", dir, strerror(errno));
    close(fd);
}

lk_err file_sha256(const char *path, char hex[65], int64_t *size)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return LK_ERR_IO;
    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
    unsigned char chunk[65536];
    int64_t total = 0;
    lk_err e = LK_OK;
    for (;;) {
        ssize_t got = read(fd, chunk, sizeof chunk);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) {
            e = LK_ERR_IO;
            goto out;
        }
        if (got == 0) break;
        crypto_hash_sha256_update(&st, chunk, (unsigned long long)got);
        total += got;
    }
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&st, digest);
    sodium_bin2hex(hex, 65, digest, sizeof digest);
    *size = total;
out:
    close(fd);
    return e;
}

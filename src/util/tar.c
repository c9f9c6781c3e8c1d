/* util/tar.c — writing and reading plain ustar archives of regular files (see tar.h). */
#include "util/tar.h"
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { BLOCK = 512 };

static int write_all(tar_writer *w, const void *data, size_t len, char *err, size_t errlen)
{
    const char *p = data;
    while (len) {
        ssize_t n = write(w->fd, p, len);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            snprintf(err, errlen, "cannot write the archive: %s", strerror(errno));
            return -1;
        }
        p += n;
        len -= (size_t)n;
        w->offset += (uint64_t)n;
    }
    return 0;
}

static int pad(tar_writer *w, uint64_t size, char *err, size_t errlen)
{
    static const char zeros[BLOCK];
    size_t rest = (size_t)(size % BLOCK);
    return rest ? write_all(w, zeros, BLOCK - rest, err, errlen) : 0;
}

int tar_name_safe(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n > TAR_NAME_MAX || name[0] == '/' || name[n - 1] == '/') return 0;
    const char *seg = name;
    for (const char *p = name;; p++) {
        if (*p == '/' || *p == '\0') {
            size_t len = (size_t)(p - seg);
            if (len == 0 || (len == 1 && seg[0] == '.') || (len == 2 && seg[0] == '.' && seg[1] == '.')) return 0;
            if (!*p) return 1;
            seg = p + 1;
            continue;
        }
        char c = *p;
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
              c == '_' || c == '-'))
            return 0;
    }
}

static unsigned header_sum(const unsigned char *h)
{
    unsigned sum = 0;
    for (int i = 0; i < BLOCK; i++) sum += (i >= 148 && i < 156) ? ' ' : h[i];
    return sum;
}

static int put_header(tar_writer *w, const char *name, uint64_t size, char *err, size_t errlen)
{
    if (!tar_name_safe(name)) {
        snprintf(err, errlen, "cannot archive \"%s\": the name is too long or has unusual characters", name);
        return -1;
    }
    unsigned char h[BLOCK] = {0};
    memcpy(h, name, strlen(name));
    snprintf((char *)h + 100, 8, "%07o", 0600);
    snprintf((char *)h + 108, 8, "%07o", 0);
    snprintf((char *)h + 116, 8, "%07o", 0);
    snprintf((char *)h + 124, 12, "%011llo", (unsigned long long)size);
    snprintf((char *)h + 136, 12, "%011llo", (unsigned long long)time(NULL));
    h[156] = '0';
    memcpy(h + 257, "ustar", 6);
    memcpy(h + 263, "00", 2);
    snprintf((char *)h + 148, 8, "%06o", header_sum(h));
    h[155] = ' ';
    return write_all(w, h, BLOCK, err, errlen);
}

static void to_hex(const unsigned char *digest, char *hex)
{
    sodium_bin2hex(hex, TAR_SHA256_HEX, digest, crypto_hash_sha256_BYTES);
}

int tar_add_bytes(tar_writer *w, const char *name, const void *data, size_t len, char *err, size_t errlen)
{
    if (put_header(w, name, len, err, errlen) != 0 || write_all(w, data, len, err, errlen) != 0) return -1;
    return pad(w, len, err, errlen);
}

int tar_add_file(tar_writer *w, const char *name, const char *src_path, char *sha256_hex,
                 uint64_t *size, int *missing, char *err, size_t errlen)
{
    *missing = 0;
    int fd = open(src_path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        *missing = errno == ENOENT;
        snprintf(err, errlen, "cannot read %s: %s", src_path, strerror(errno));
        if (fd >= 0) close(fd);
        return -1;
    }
    /* The size is fixed in the header before the bytes: files Loket stores are written
     * elsewhere and renamed in, so they never change while open. */
    uint64_t want = (uint64_t)st.st_size, got = 0;
    int rc = put_header(w, name, want, err, errlen);
    crypto_hash_sha256_state sha;
    crypto_hash_sha256_init(&sha);
    static __thread unsigned char chunk[1 << 16];
    while (rc == 0 && got < want) {
        size_t ask = want - got < sizeof chunk ? (size_t)(want - got) : sizeof chunk;
        ssize_t n = read(fd, chunk, ask);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            snprintf(err, errlen, "cannot read %s: %s", src_path, n < 0 ? strerror(errno) : "it became shorter");
            rc = -1;
            break;
        }
        crypto_hash_sha256_update(&sha, chunk, (unsigned long long)n);
        rc = write_all(w, chunk, (size_t)n, err, errlen);
        got += (uint64_t)n;
    }
    close(fd);
    if (rc == 0) rc = pad(w, want, err, errlen);
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&sha, digest);
    to_hex(digest, sha256_hex);
    *size = want;
    return rc;
}

int tar_finish(tar_writer *w, char *err, size_t errlen)
{
    static const char zeros[2 * BLOCK];
    return write_all(w, zeros, sizeof zeros, err, errlen);
}

/* ---- reading ---- */

/* 1 block read, 0 clean end of file, -1 error or a partial block. */
static int read_block(tar_reader *r, unsigned char *b, char *err, size_t errlen)
{
    size_t have = 0;
    while (have < BLOCK) {
        ssize_t n = read(r->fd, b + have, BLOCK - have);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            snprintf(err, errlen, "cannot read the archive: %s", strerror(errno));
            return -1;
        }
        if (n == 0) {
            if (have == 0) return 0;
            snprintf(err, errlen, "the archive is truncated (it ends inside a block at byte %llu)",
                     (unsigned long long)(r->offset + have));
            return -1;
        }
        have += (size_t)n;
    }
    r->offset += BLOCK;
    return 1;
}

static int parse_octal(const unsigned char *p, size_t len, uint64_t *out)
{
    uint64_t v = 0;
    size_t i = 0;
    while (i < len && p[i] == ' ') i++;
    size_t digits = 0;
    for (; i < len && p[i] >= '0' && p[i] <= '7'; i++, digits++) {
        if (v > (UINT64_MAX >> 3)) return -1;
        v = v * 8 + (uint64_t)(p[i] - '0');
    }
    for (; i < len; i++)
        if (p[i] != ' ' && p[i] != '\0') return -1;
    if (!digits) return -1;
    *out = v;
    return 0;
}

int tar_next(tar_reader *r, char *name, size_t name_cap, uint64_t *size, char *err, size_t errlen)
{
    if (r->ended) return 0;
    unsigned char h[BLOCK];
    int got = read_block(r, h, err, errlen);
    if (got < 0) return -1;
    if (got == 0) {
        snprintf(err, errlen, "the archive is truncated (no end marker after byte %llu)", (unsigned long long)r->offset);
        return -1;
    }
    int zero = 1;
    for (int i = 0; i < BLOCK && zero; i++) zero = h[i] == 0;
    if (zero) {
        r->ended = 1;
        return 0;
    }
    uint64_t sum = 0;
    if (parse_octal(h + 148, 8, &sum) != 0 || sum != header_sum(h)) {
        snprintf(err, errlen, "the archive is damaged: a header at byte %llu fails its checksum",
                 (unsigned long long)(r->offset - BLOCK));
        return -1;
    }
    char n[TAR_NAME_MAX + 2] = {0};
    memcpy(n, h, 100);
    n[100] = '\0';
    if (h[345] != '\0' || (h[156] != '0' && h[156] != '\0') || !tar_name_safe(n)) {
        snprintf(err, errlen, "the archive holds an entry a backup never has (\"%.100s\", type %c)", n,
                 h[156] ? h[156] : '0');
        return -1;
    }
    if (parse_octal(h + 124, 12, size) != 0) {
        snprintf(err, errlen, "the archive is damaged: bad size of \"%s\"", n);
        return -1;
    }
    snprintf(name, name_cap, "%s", n);
    return 1;
}

int tar_extract(tar_reader *r, uint64_t size, int out_fd, char *sha256_hex, char *err, size_t errlen)
{
    crypto_hash_sha256_state sha;
    crypto_hash_sha256_init(&sha);
    unsigned char b[BLOCK];
    for (uint64_t left = size; left > 0;) {
        int got = read_block(r, b, err, errlen);
        if (got == 0)
            snprintf(err, errlen, "the archive is truncated (an entry ends early at byte %llu)", (unsigned long long)r->offset);
        if (got != 1) return -1;
        size_t n = left < BLOCK ? (size_t)left : BLOCK;
        for (size_t i = n; i < BLOCK; i++)
            if (b[i]) {
                snprintf(err, errlen, "the archive is damaged: stray bytes after an entry at byte %llu",
                         (unsigned long long)(r->offset - BLOCK + i));
                return -1;
            }
        crypto_hash_sha256_update(&sha, b, n);
        for (size_t done = 0; done < n;) {
            ssize_t w = write(out_fd, b + done, n - done);
            if (w < 0 && errno == EINTR) continue;
            if (w < 0) {
                snprintf(err, errlen, "cannot write an unpacked file: %s", strerror(errno));
                return -1;
            }
            done += (size_t)w;
        }
        left -= n;
    }
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&sha, digest);
    to_hex(digest, sha256_hex);
    return 0;
}

/* util/tar.h — the small part of the POSIX ustar format that `loket backup` writes and
 * `loket restore` reads: regular files with relative names, nothing else.
 *
 * The writer streams each file and gives back its SHA-256 as it goes.  The reader
 * refuses what a backup never holds — absolute names, "..", links, devices, names with
 * bytes outside [A-Za-z0-9._-/] — and a header whose checksum does not add up, so a
 * damaged or hostile archive fails before anything lands outside the folder it is
 * unpacked into.  Errors are one line in err. */
#ifndef LOKET_TAR_H
#define LOKET_TAR_H
#include <stddef.h>
#include <stdint.h>

#define TAR_NAME_MAX 99          /* the ustar name field; longer names are refused */
#define TAR_SHA256_HEX 65        /* 64 hex digits + NUL */

typedef struct {
    int fd;
    uint64_t offset;
} tar_writer;

/* Appends the file at src_path as `name`; sha256_hex and *size receive its digest and
 * length.  -1 with err on failure (*missing = 1 when the file vanished meanwhile). */
int tar_add_file(tar_writer *w, const char *name, const char *src_path, char *sha256_hex,
                 uint64_t *size, int *missing, char *err, size_t errlen);
int tar_add_bytes(tar_writer *w, const char *name, const void *data, size_t len, char *err, size_t errlen);
/* The two zero blocks that end an archive. */
int tar_finish(tar_writer *w, char *err, size_t errlen);

typedef struct {
    int fd;
    uint64_t offset;
    int ended;
} tar_reader;

/* Reads the next header: 1 with name/size filled, 0 at the end of the archive, -1 with
 * err for damage or a refused entry. */
int tar_next(tar_reader *r, char *name, size_t name_cap, uint64_t *size, char *err, size_t errlen);
/* Copies the entry's `size` bytes to out_fd (and its padding past), computing SHA-256. */
int tar_extract(tar_reader *r, uint64_t size, int out_fd, char *sha256_hex, char *err, size_t errlen);

/* 1 if name is a safe relative path: [A-Za-z0-9._-] segments joined by '/', no empty,
 * "." or ".." segment. */
int tar_name_safe(const char *name);

#endif

/* util/files.h — what storing an uploaded file needs, shared by the document locker
 * (domain/permohonan/dokumen.c) and the permit-type editor's blank forms
 * (domain/katalog/editor_syarat.c): its SHA-256, a durable rename, and a safe name to
 * show for it. */
#ifndef LOKET_FILES_H
#define LOKET_FILES_H
#include <stdint.h>
#include "util/arena.h"
#include "util/err.h"

/* SHA-256 (lowercase hex, hex must hold 65) and size of the file at path; LK_ERR_IO. */
lk_err file_sha256(const char *path, char hex[65], int64_t *size);
/* fsync()s a folder so a rename into it survives a crash (a failure is only logged). */
void dir_fsync(const char *dir);
/* The browser's file name without any folder part, at most 200 characters and no control
 * characters; `fallback` otherwise.  Allocated in a. */
const char *file_display_name(arena *a, const char *name, const char *fallback);

#endif

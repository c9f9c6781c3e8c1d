/* util/files.h — what storing an uploaded file needs, shared by the document locker
 * (domain/permohonan/dokumen.c) and the permit-type editor's blank forms
 * (domain/katalog/editor_syarat.c): its SHA-256 and a durable rename.  The name it is
 * shown under comes from filetype_display_name (util/filetype.h). */
#ifndef LOKET_FILES_H
#define LOKET_FILES_H
#include <stdint.h>
#include "util/arena.h"
#include "util/err.h"

/* SHA-256 (lowercase hex, hex must hold 65) and size of the file at path; LK_ERR_IO. */
lk_err file_sha256(const char *path, char hex[65], int64_t *size);
/* fsync()s a folder so a rename into it survives a crash (a failure is only logged). */
void dir_fsync(const char *dir);

#endif

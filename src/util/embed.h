/* util/embed.h — files compiled into the binary.
 *
 * tools/embed.sh turns everything under assets/ (templates, CSS, JavaScript, SQL
 * migrations, translations) into build/gen/embedded.c, so one `loket` binary carries
 * all it needs.  Names are paths relative to assets/, e.g. "templates/home.html". */
#ifndef LOKET_EMBED_H
#define LOKET_EMBED_H
#include <stddef.h>

typedef struct {
    const char *name;
    const unsigned char *data;  /* NUL-terminated for convenience; len excludes the NUL */
    size_t len;
} embedded_file;

extern const embedded_file embedded_files[];
extern const size_t embedded_count;

/* Finds a file by exact name, or NULL. */
const embedded_file *embed_find(const char *name);

#endif

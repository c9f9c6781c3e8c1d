/* domain/wilayah/csv.h — a small, strict CSV reader (RFC 4180) for the files Loket imports.
 *
 * Handles quoted fields, doubled quotes inside them, commas and line breaks inside
 * quotes, LF or CRLF line ends, a UTF-8 byte-order mark and a missing final line break.
 * The whole file is read into memory first (callers bound its size).  Field strings are
 * allocated in the caller's arena and live as long as it. */
#ifndef LOKET_CSV_H
#define LOKET_CSV_H
#include <stddef.h>
#include "util/arena.h"
#include "util/err.h"

typedef struct {
    const char *data;   /* borrowed: the file's bytes */
    size_t len, pos;
    long line;          /* physical line (1-based) where the next record starts */
} csv_reader;

void csv_init(csv_reader *r, const char *data, size_t len);

/* Reads one record into fields[0..max-1].  Returns 1 with *nfields set (a record with
 * more than `max` fields sets *nfields = max + 1 and stores only the first max), 0 at the
 * end of the data, -1 on a syntax error (unterminated quote, text after a closing quote),
 * with a reason in err.  *line receives the line the record started on. */
int csv_next(csv_reader *r, arena *a, const char **fields, int max, int *nfields, long *line,
             char *err, size_t errlen);

/* Reads a whole file (at most max_bytes) into a malloc'd NUL-terminated buffer the
 * caller frees.  LK_ERR_IO when it cannot be read, LK_ERR_TOOBIG when over the limit. */
lk_err csv_read_file(const char *path, size_t max_bytes, char **out, size_t *len);

#endif

/* util/filetype.h — what an uploaded file really is, judged by its bytes, never its name.
 *
 * Loket accepts three kinds of upload: JPEG, PNG and PDF (identity scans, requirement
 * documents).  A file is accepted only when our own signature check (filetype_sniff) and
 * libmagic, as a second opinion, name the same type, so a program or script renamed
 * "ktp.jpg" is refused.
 *
 * Thread safety: filetype_sniff and filetype_extension are pure.  filetype_check_file
 * shares one libmagic handle (libmagic handles are not thread-safe) guarded by a mutex;
 * the handle is opened at the first check and closed by filetype_cleanup. */
#ifndef LOKET_FILETYPE_H
#define LOKET_FILETYPE_H
#include <stddef.h>
#include "util/arena.h"
#include "util/err.h"

/* How many leading bytes filetype_sniff can use: a PDF header may start anywhere in the
 * first 1024 bytes (PDF Reference 1.7, appendix H, on the file header), so at offset 1023
 * at the latest, and is "%PDF-" followed by a digit: 6 bytes. */
enum { FILETYPE_HEAD_MAX = 1023 + 6 };

/* The type of a file from its first n bytes (give at least FILETYPE_HEAD_MAX when the
 * file has them): "image/jpeg" (FF D8 FF), "image/png" (the 8-byte signature followed by
 * the IHDR chunk header), "application/pdf" ("%PDF-" and a digit, starting within the
 * first 1024 bytes, in a file that does not start like a program — ELF, "MZ", "#!" — or
 * like markup — '<' after any whitespace), or NULL for anything else.  Static string. */
const char *filetype_sniff(const unsigned char *head, size_t n);

/* Checks the file at path (a regular file, typically the upload's temporary file):
 * sniffs its head, checks the type is in `allowed` — comma-separated extensions,
 * case-insensitive, "jpg" and "jpeg" alike, e.g. "pdf,jpg,png"; NULL allows all three —
 * and asks libmagic for a second opinion, which must name the same type.
 *   LK_OK: *mime_out is the type (static string; see filetype_sniff).
 *   LK_ERR_INVALID: refused; *msg is an Indonesian sentence for the person uploading
 *     (static): empty file, not a valid JPEG/PNG/PDF, or a type not allowed here.
 *   LK_ERR_IO: the file could not be opened or read (or is not a regular file).
 *   LK_ERR_INTERNAL: libmagic could not be loaded or failed (logged).
 * *msg is set on every error; *mime_out only on success. */
lk_err filetype_check_file(const char *path, const char *allowed, const char **mime_out,
                           const char **msg);

/* The file-name extension for a type filetype_sniff returns: "jpg", "png" or "pdf";
 * NULL for any other (or NULL) mime.  Static string. */
const char *filetype_extension(const char *mime);
/* The name an upload is kept and downloaded under: the browser's name without any
 * folder part, with the extension of the detected type (mime) in place of its own, so a
 * PDF sent as "surat.html" is kept as "surat.pdf".  A name that is not valid UTF-8, is
 * longer than max_chars or holds a control character (text_has_control: a
 * right-to-left override would show "fdp.exe" as "exe.pdf") becomes "<stem>.<ext>". */
const char *filetype_display_name(arena *a, const char *name, const char *mime, const char *stem,
                                  size_t max_chars);

/* Closes the shared libmagic handle (at shutdown; a later check opens it again). */
void filetype_cleanup(void);

#endif

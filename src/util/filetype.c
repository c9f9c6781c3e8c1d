/* util/filetype.c — upload type checks by content: signatures, then libmagic (see
 * filetype.h). */
#include "util/filetype.h"
#include "util/log.h"
#include "util/text.h"
#include <errno.h>
#include <fcntl.h>
#include <magic.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

static const char MIME_JPEG[] = "image/jpeg";
static const char MIME_PNG[] = "image/png";
static const char MIME_PDF[] = "application/pdf";

static const char NOT_VALID_MSG[] = "Berkas bukan JPEG, PNG atau PDF yang sah.";

static int starts_with(const unsigned char *h, size_t n, const void *sig, size_t len)
{
    return n >= len && memcmp(h, sig, len) == 0;
}

const char *filetype_sniff(const unsigned char *h, size_t n)
{
    if (starts_with(h, n, "\xFF\xD8\xFF", 3)) return MIME_JPEG;
    /* Signature, then the first chunk, which must be IHDR of length 13. */
    if (starts_with(h, n, "\x89PNG\r\n\x1A\n\0\0\0\x0DIHDR", 16)) return MIME_PNG;

    /* A PDF may carry bytes before its header, so refuse files that start like a
     * program or like markup a browser would render (HTML, SVG): with %PDF- further in
     * they are polyglots, not documents.  libmagic calls HTML with "%PDF-" inside a PDF. */
    if (starts_with(h, n, "\x7F" "ELF", 4) || starts_with(h, n, "MZ", 2) ||
        starts_with(h, n, "#!", 2))
        return NULL;
    size_t lead = 0;
    while (lead < n && (h[lead] == ' ' || (h[lead] >= '\t' && h[lead] <= '\r'))) lead++;
    if (lead < n && h[lead] == '<') return NULL;
    for (size_t i = 0; i < 1024 && i + 6 <= n; i++) {
        if (memcmp(h + i, "%PDF-", 5) == 0 && h[i + 5] >= '0' && h[i + 5] <= '9')
            return MIME_PDF;
    }
    return NULL;
}

const char *filetype_extension(const char *mime)
{
    if (!mime) return NULL;
    if (!strcmp(mime, MIME_JPEG)) return "jpg";
    if (!strcmp(mime, MIME_PNG)) return "png";
    if (!strcmp(mime, MIME_PDF)) return "pdf";
    return NULL;
}

const char *filetype_display_name(arena *a, const char *name, const char *mime, const char *stem,
                                  size_t max_chars)
{
    const char *ext = filetype_extension(mime);
    if (!ext) ext = "bin";
    const char *base = name ? name : "";
    for (const char *p = base; *p; p++)
        if (*p == '/' || *p == '\\') base = p + 1;
    if (!*base || !utf8_valid(base, strlen(base)) || utf8_length(base) > max_chars || text_has_control(base))
        return arena_printf(a, "%s.%s", stem, ext);
    const char *dot = strrchr(base, '.');
    size_t keep = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    return arena_printf(a, "%.*s.%s", (int)keep, base, ext);
}

/* 1 if the comma-separated list `allowed` names extension ext ("jpeg" counts as "jpg"). */
static int allowed_has(const char *allowed, const char *ext)
{
    if (!allowed) return 1;
    const char *p = allowed;
    while (*p) {
        p += strspn(p, " ,");
        size_t len = strcspn(p, " ,");
        if ((len == strlen(ext) && !strncasecmp(p, ext, len)) ||
            (!strcmp(ext, "jpg") && len == 4 && !strncasecmp(p, "jpeg", 4)))
            return 1;
        p += len;
    }
    return 0;
}

/* ---- libmagic, the second opinion ---- */

static pthread_mutex_t magic_lock = PTHREAD_MUTEX_INITIALIZER;
static magic_t magic_handle;   /* guarded by magic_lock */

/* libmagic's type for the open file fd (read from offset 0, which libmagic reads from),
 * copied into out; 0, or -1 when libmagic is unavailable or fails (logged). */
static int magic_type(int fd, char *out, size_t outlen)
{
    int rc = -1;
    pthread_mutex_lock(&magic_lock);
    if (!magic_handle) {
        magic_handle = magic_open(MAGIC_MIME_TYPE);
        if (!magic_handle) {
            log_error("filetype: magic_open: %s", strerror(errno));
            goto out;
        }
        if (magic_load(magic_handle, NULL) != 0) {
            log_error("filetype: magic_load: %s", magic_error(magic_handle));
            magic_close(magic_handle);
            magic_handle = NULL;
            goto out;
        }
    }
    const char *type = magic_descriptor(magic_handle, fd);
    if (!type) {
        log_error("filetype: magic_descriptor: %s", magic_error(magic_handle));
        goto out;
    }
    snprintf(out, outlen, "%s", type);
    rc = 0;
out:
    pthread_mutex_unlock(&magic_lock);
    return rc;
}

void filetype_cleanup(void)
{
    pthread_mutex_lock(&magic_lock);
    if (magic_handle) magic_close(magic_handle);
    magic_handle = NULL;
    pthread_mutex_unlock(&magic_lock);
}

lk_err filetype_check_file(const char *path, const char *allowed, const char **mime_out,
                           const char **msg)
{
    lk_err rc = LK_ERR_IO;
    *msg = "Berkas tidak dapat dibaca.";
    /* O_NONBLOCK: opening a FIFO planted at path must not hang the check. */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) return LK_ERR_IO;

    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) goto out;
    if (st.st_size == 0) {
        rc = LK_ERR_INVALID;
        *msg = "Berkas kosong.";
        goto out;
    }
    unsigned char head[FILETYPE_HEAD_MAX];
    ssize_t n = pread(fd, head, sizeof head, 0);   /* pread keeps the offset at 0 */
    if (n <= 0) goto out;

    rc = LK_ERR_INVALID;
    *msg = NOT_VALID_MSG;
    const char *mime = filetype_sniff(head, (size_t)n);
    if (!mime) goto out;
    if (!allowed_has(allowed, filetype_extension(mime))) {
        *msg = "Jenis berkas ini tidak diterima untuk isian ini.";
        goto out;
    }
    /* libmagic reads the descriptor we sniffed, not the path again: same file for sure. */
    char second[128];
    if (magic_type(fd, second, sizeof second) != 0) {
        rc = LK_ERR_INTERNAL;
        *msg = "Pemeriksaan berkas sedang tidak tersedia. Coba lagi nanti.";
        goto out;
    }
    if (strcmp(second, mime) != 0) goto out;
    *mime_out = mime;
    rc = LK_OK;
out:
    close(fd);
    return rc;
}

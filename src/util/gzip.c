/* util/gzip.c — gzip in one call (see gzip.h). */
#include "util/gzip.h"
#include "util/alloc.h"
#include <string.h>
#include <zlib.h>

int gzip_bytes(const char *data, size_t len, int level, buf *out)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (deflateInit2(&z, level, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY) != Z_OK) return 0;
    size_t cap = deflateBound(&z, len);
    buf_reset(out);
    buf_put(out, "", 0);
    out->data = xrealloc(out->data, cap + 1);
    out->cap = cap + 1;
    z.next_in = (unsigned char *)data;
    z.avail_in = (unsigned)len;
    z.next_out = (unsigned char *)out->data;
    z.avail_out = (unsigned)cap;
    int rc = deflate(&z, Z_FINISH);
    out->len = z.total_out;
    deflateEnd(&z);
    return rc == Z_STREAM_END && out->len < len;
}

/* util/png_image.c — checking and decoding an uploaded PNG (see png_image.h). */
#include "util/png_image.h"
#include <stdint.h>
#include <string.h>

typedef struct {
    const unsigned char *p;
    size_t n, at;
} reader;

static cairo_status_t read_png(void *closure, unsigned char *data, unsigned int length)
{
    reader *r = closure;
    if (length > r->n - r->at) return CAIRO_STATUS_READ_ERROR;
    memcpy(data, r->p + r->at, length);
    r->at += length;
    return CAIRO_STATUS_SUCCESS;
}

cairo_surface_t *png_image_surface(const unsigned char *p, size_t n)
{
    reader r = {p, n, 0};
    cairo_surface_t *s = cairo_image_surface_create_from_png_stream(read_png, &r);
    if (cairo_surface_status(s) == CAIRO_STATUS_SUCCESS) return s;
    cairo_surface_destroy(s);
    return NULL;
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

png_image_outcome png_image_check(const unsigned char *p, size_t n, unsigned max_w, unsigned max_h, unsigned *w,
                                  unsigned *h)
{
    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    *w = *h = 0;
    /* signature, then the IHDR chunk: length 13, "IHDR", width, height, … */
    if (n < 8 + 8 + 13 + 4 || memcmp(p, sig, 8) != 0 || be32(p + 8) != 13 || memcmp(p + 12, "IHDR", 4) != 0)
        return PNG_IMAGE_NOT_PNG;
    uint32_t width = be32(p + 16), height = be32(p + 20);
    *w = width > max_w ? max_w + 1 : width;
    *h = height > max_h ? max_h + 1 : height;
    if (width == 0 || height == 0 || width > max_w || height > max_h) return PNG_IMAGE_TOO_LARGE;
    cairo_surface_t *s = png_image_surface(p, n);
    if (!s) return PNG_IMAGE_BROKEN;
    int ok = (unsigned)cairo_image_surface_get_width(s) == width && (unsigned)cairo_image_surface_get_height(s) == height;
    cairo_surface_destroy(s);
    return ok ? PNG_IMAGE_OK : PNG_IMAGE_BROKEN;
}

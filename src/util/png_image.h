/* util/png_image.h — a PNG image someone uploaded (the signer's signature image), checked
 * by its bytes before anything trusts it, and decoded with cairo (libpng) for drawing.
 *
 * png_image_check reads the 8-byte signature and the IHDR chunk first, so a header
 * claiming a huge size is refused before a pixel is allocated, then decodes the whole
 * image: a file that only starts like a PNG (a renamed SVG, a truncated or corrupted
 * file) is refused too. */
#ifndef LOKET_PNG_IMAGE_H
#define LOKET_PNG_IMAGE_H
#include <cairo.h>
#include <stddef.h>

typedef enum {
    PNG_IMAGE_OK,
    PNG_IMAGE_NOT_PNG,     /* no PNG signature and IHDR: another kind of file */
    PNG_IMAGE_TOO_LARGE,   /* wider than max_w or higher than max_h (or zero) */
    PNG_IMAGE_BROKEN,      /* starts like a PNG but does not decode */
} png_image_outcome;

/* Checks p[0..n); *w and *h are the IHDR's size when it could be read. */
png_image_outcome png_image_check(const unsigned char *p, size_t n, unsigned max_w, unsigned max_h, unsigned *w,
                                  unsigned *h);
/* The decoded image (caller destroys), or NULL when it does not decode. */
cairo_surface_t *png_image_surface(const unsigned char *p, size_t n);

#endif

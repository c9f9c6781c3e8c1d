/* tests/unit/testrun.h — runs a shell command in a unit test and returns its standard
 * output, for checking files with the tools a person would use (pdftotext, pdfinfo,
 * pdftoppm + zbarimg).  Header-only: a test program includes it once. */
#ifndef LOKET_TESTRUN_H
#define LOKET_TESTRUN_H
#include <stdio.h>
#include "util/buf.h"

/* The command's standard output (caller frees), or NULL when it failed. */
static char *run(const char *cmd)
{
    FILE *p = popen(cmd, "r");
    if (!p) return NULL;
    buf out = BUF_INIT;
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, p)) > 0) buf_put(&out, chunk, n);
    int status = pclose(p);
    if (status != 0) {
        fprintf(stderr, "%s: exit status %d\n", cmd, status);
        buf_free(&out);
        return NULL;
    }
    buf_putc(&out, '\0');   /* a buffer exists even for empty output */
    return buf_steal(&out);
}

#endif

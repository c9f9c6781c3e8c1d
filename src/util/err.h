/* util/err.h — the one error enum of Loket.
 *
 * Every layer returns these codes; the web layer maps them to HTTP statuses in one
 * place (web/respond.c).  LK_OK is zero so `if (rc)` reads as "if it failed". */
#ifndef LOKET_ERR_H
#define LOKET_ERR_H

typedef enum {
    LK_OK = 0,
    LK_ERR_INVALID,   /* bad input from a user or a caller */
    LK_ERR_NOTFOUND,  /* the thing asked for does not exist */
    LK_ERR_CONFLICT,  /* a unique constraint or a concurrent change */
    LK_ERR_TOOBIG,    /* over a size limit */
    LK_ERR_DENIED,    /* not allowed for this user */
    LK_ERR_BUSY,      /* the database or a pool is busy; try again */
    LK_ERR_DB,        /* any other database failure */
    LK_ERR_IO,        /* file system or network failure */
    LK_ERR_INTERNAL   /* a bug: a broken invariant */
} lk_err;

/* A short English name of the code, for logs ("conflict", "db", ...). Static string. */
const char *lk_err_name(lk_err e);

#endif

/* util/err.c — names of the error codes, for logs. */
#include "util/err.h"

const char *lk_err_name(lk_err e)
{
    switch (e) {
    case LK_OK: return "ok";
    case LK_ERR_INVALID: return "invalid";
    case LK_ERR_NOTFOUND: return "not found";
    case LK_ERR_CONFLICT: return "conflict";
    case LK_ERR_TOOBIG: return "too big";
    case LK_ERR_DENIED: return "denied";
    case LK_ERR_BUSY: return "busy";
    case LK_ERR_DB: return "database error";
    case LK_ERR_IO: return "i/o error";
    case LK_ERR_INTERNAL: return "internal error";
    }
    return "unknown";
}

/* SPDX-License-Identifier: MIT */
/* diag.h - filling dtl_error and reporting diagnostics (private). */
#ifndef DTL_DIAG_H
#define DTL_DIAG_H

#include <dtl/error.h>

/*
 * Fills err (may be NULL) with code, location and a printf-style message;
 * returns code so callers can write "return diag_set(...)".
 */
#if defined(__GNUC__)
__attribute__((format(printf, 6, 7)))
#endif
dtl_status
diag_set(dtl_error *err, dtl_status code, const char *file, unsigned line,
         unsigned col, const char *fmt, ...);

/* Sends a warning (code, message) to fn when fn is not NULL. */
#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
void diag_warn(dtl_diag_fn fn, void *ctx, const char *file, const char *fmt,
               ...);

#endif

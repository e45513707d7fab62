/* SPDX-License-Identifier: MIT */
/*
 * error.h - status codes and diagnostics shared by every dtl module.
 *
 * Every fallible library function returns a dtl_status (DTL_OK is zero)
 * and takes an optional dtl_error, filled on failure.  Constructors
 * return NULL instead and fill the same structure.  A dtl_error is
 * fixed-size and owned by the caller: there is nothing to free.
 */
#ifndef DTL_ERROR_H
#define DTL_ERROR_H

#ifdef __cplusplus
extern "C" {
#endif

typedef enum dtl_status {
    DTL_OK = 0,
    DTL_ENOMEM,  /* out of memory */
    DTL_EIO,     /* reading or writing a file failed */
    DTL_EINPUT,  /* the input is not valid (encoding, header, date) */
    DTL_ERULE,   /* a rule file is invalid */
    DTL_EFORMAT, /* a JSON or iCalendar file has the wrong shape */
    DTL_ELIMIT,  /* a documented limit was exceeded (see docs/limits.md) */
    DTL_EUSAGE   /* a caller passed an invalid argument */
} dtl_status;

typedef struct dtl_error {
    dtl_status code;
    int warning;    /* non-zero: a warning, processing went on */
    char file[256]; /* file the problem is in, or "" */
    unsigned line;  /* 1-based line, or 0 when not known */
    unsigned col;   /* 1-based column in characters, or 0 */
    char msg[256];  /* one-line message, no trailing newline */
} dtl_error;

/*
 * Receives every diagnostic of an operation that reports more than one
 * (rule loading, rule checks, warnings while building).  The dtl_error is
 * only valid during the call.
 */
typedef void (*dtl_diag_fn)(void *ctx, const dtl_error *diag);

/* A static, human-readable name for a status; never NULL. */
const char *dtl_strerror(dtl_status status);

#ifdef __cplusplus
}
#endif
#endif

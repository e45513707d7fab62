/* SPDX-License-Identifier: MIT */
/*
 * diag.c - status names and the helpers that fill a dtl_error.  The
 * library never prints: messages go to the caller's dtl_error or its
 * dtl_diag_fn.
 */
#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const status_names[] = {
    "success",        "out of memory",    "input/output error",
    "invalid input",  "invalid rule",     "invalid file format",
    "limit exceeded", "invalid argument",
};

const char *dtl_strerror(dtl_status status)
{
    if ((unsigned)status >= sizeof(status_names) / sizeof(status_names[0]))
        return "unknown error";
    return status_names[status];
}

static void copy_name(char *dst, size_t size, const char *src)
{
    size_t n = src ? strlen(src) : 0;

    if (n >= size)
        n = size - 1;
    if (n)
        memcpy(dst, src, n);
    dst[n] = '\0';
}

dtl_status diag_set(dtl_error *err, dtl_status code, const char *file,
                    unsigned line, unsigned col, const char *fmt, ...)
{
    va_list ap;

    if (err == NULL)
        return code;
    err->code = code;
    err->warning = 0;
    copy_name(err->file, sizeof(err->file), file);
    err->line = line;
    err->col = col;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
    va_end(ap);
    return code;
}

void diag_warn(dtl_diag_fn fn, void *ctx, const char *file, const char *fmt,
               ...)
{
    dtl_error e;
    va_list ap;

    if (fn == NULL)
        return;
    memset(&e, 0, sizeof(e));
    e.code = DTL_OK;
    e.warning = 1;
    copy_name(e.file, sizeof(e.file), file);
    va_start(ap, fmt);
    vsnprintf(e.msg, sizeof(e.msg), fmt, ap);
    va_end(ap);
    fn(ctx, &e);
}

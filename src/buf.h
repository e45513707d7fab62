/* SPDX-License-Identifier: MIT */
/*
 * buf.h - a growing byte buffer with a size limit (private).  Appends
 * fail with -1 when out of memory or past the limit; the buffer stays
 * usable and keeps what it had.
 */
#ifndef DTL_BUF_H
#define DTL_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct buf {
    char *data; /* NUL-terminated when len > 0 */
    size_t len;
    size_t cap;
    size_t limit; /* 0: no limit */
    int toobig;   /* set when an append failed on the limit */
} buf;

void buf_init(buf *b, size_t limit);
void buf_free(buf *b);
int buf_append(buf *b, const char *s, size_t len);
int buf_puts(buf *b, const char *s);
int buf_putc(buf *b, char c);
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
int buf_printf(buf *b, const char *fmt, ...);
/* Returns the data and resets b; the caller frees it. */
char *buf_take(buf *b);

#endif

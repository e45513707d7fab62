/* SPDX-License-Identifier: MIT */
/*
 * buf.c - a growing, NUL-terminated byte buffer with an optional size
 * limit (curl's dynbuf idea): exporters build output in one, the text
 * reader and the rule loader use one for lines.
 */
#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

void buf_init(buf *b, size_t limit)
{
    memset(b, 0, sizeof(*b));
    b->limit = limit;
}

void buf_free(buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

int buf_append(buf *b, const char *s, size_t len)
{
    if (b->limit && (len > b->limit || b->len > b->limit - len)) {
        b->toobig = 1;
        return -1;
    }
    if (util_grow((void **)&b->data, &b->cap, b->len + len + 1, 1) != 0)
        return -1;
    if (len)
        memcpy(b->data + b->len, s, len);
    b->len += len;
    b->data[b->len] = '\0';
    return 0;
}

int buf_puts(buf *b, const char *s)
{
    return buf_append(b, s, strlen(s));
}

int buf_putc(buf *b, char c)
{
    return buf_append(b, &c, 1);
}

int buf_printf(buf *b, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    int n;
    char *big;

    va_start(ap, fmt);
    n = vsnprintf(small, sizeof(small), fmt, ap);
    va_end(ap);
    if (n < 0)
        return -1;
    if ((size_t)n < sizeof(small))
        return buf_append(b, small, (size_t)n);
    big = malloc((size_t)n + 1);
    if (big == NULL)
        return -1;
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    n = buf_append(b, big, (size_t)n);
    free(big);
    return n;
}

char *buf_take(buf *b)
{
    char *d = b->data;

    if (d == NULL)
        d = calloc(1, 1);
    b->data = NULL;
    b->len = b->cap = 0;
    return d;
}

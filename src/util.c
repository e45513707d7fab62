/* SPDX-License-Identifier: MIT */
/*
 * util.c - small helpers: growing arrays, string copies, hashing, UTF-8
 * decoding.  No state, no allocation other than what the caller asks
 * for.
 */
#include "util.h"

#include <dtl/limits.h>

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

int util_grow(void **p, size_t *cap, size_t need, size_t size)
{
    size_t ncap;
    void *np;

    if (need <= *cap)
        return 0;
    ncap = *cap ? *cap : 8;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2)
            return -1;
        ncap *= 2;
    }
    if (size && ncap > SIZE_MAX / size)
        return -1;
    np = realloc(*p, ncap * size);
    if (np == NULL)
        return -1;
    *p = np;
    *cap = ncap;
    return 0;
}

char *util_strndup(const char *s, size_t len)
{
    char *d = malloc(len + 1);

    if (d == NULL)
        return NULL;
    if (len)
        memcpy(d, s, len);
    d[len] = '\0';
    return d;
}

int util_listed(const char *list, const char *word)
{
    size_t n = strlen(word), k;

    for (; *list; list += k + (list[k] == ',')) {
        k = strcspn(list, ",");
        if (k == n && strncmp(list, word, n) == 0)
            return 1;
    }
    return 0;
}

size_t util_word_before(const char *t, size_t lo, size_t at, size_t *b)
{
    size_t e;

    while (at > lo && t[at - 1] == ' ')
        at--;
    for (e = at; at > lo && e - at <= UTIL_WORD_MAX &&
                 util_isalpha((unsigned char)t[at - 1]);)
        at--;
    *b = at;
    return e > at && e - at <= UTIL_WORD_MAX &&
                   (at == 0 || !util_isalnum((unsigned char)t[at - 1]))
               ? e
               : 0;
}

int util_strcaseeq(const char *a, const char *b)
{
    while (*a &&
           util_lower((unsigned char)*a) == util_lower((unsigned char)*b)) {
        a++;
        b++;
    }
    return *a == '\0' && *b == '\0';
}

/*
 * Worked example: "\xE2\x80\x99" (RIGHT SINGLE QUOTATION MARK) gives
 * length 3 and U+2019; "\xC0\xAF" (overlong '/') gives 0.
 */
size_t util_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
    uint32_t c;
    size_t n, i;

    if (len == 0)
        return 0;
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    if (s[0] >= 0xC2 && s[0] <= 0xDF) {
        n = 2;
        c = s[0] & 0x1Fu;
    } else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
        n = 3;
        c = s[0] & 0x0Fu;
    } else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
        n = 4;
        c = s[0] & 0x07u;
    } else {
        return 0;
    }
    if (len < n)
        return 0;
    for (i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3Fu);
    }
    if ((n == 3 && c < 0x800) || (n == 4 && c < 0x10000) || c > 0x10FFFF ||
        (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return n;
}

long util_parse_uint(const char *s, size_t len)
{
    long v = 0;
    size_t i;

    if (len == 0 || len > 9)
        return -1;
    for (i = 0; i < len; i++) {
        if (!util_isdigit((unsigned char)s[i]))
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

typedef struct par_job {
    void (*fn)(void *ctx, size_t i);
    void *ctx;
    size_t n;
    _Atomic size_t next;
} par_job;

static void *par_worker(void *arg)
{
    par_job *job = arg;
    size_t i;

    while ((i = atomic_fetch_add(&job->next, 1)) < job->n)
        job->fn(job->ctx, i);
    return NULL;
}

void util_parallel(size_t n, unsigned threads, void (*fn)(void *ctx, size_t i),
                   void *ctx)
{
    pthread_t tid[DTL_LOAD_THREADS];
    par_job job;
    unsigned k, started = 0;

    job.fn = fn;
    job.ctx = ctx;
    job.n = n;
    atomic_init(&job.next, 0);
    if (threads > DTL_LOAD_THREADS)
        threads = DTL_LOAD_THREADS;
    for (k = 1; k < threads && k * 8 < n; k++)
        if (pthread_create(&tid[started], NULL, par_worker, &job) == 0)
            started++;
    par_worker(&job);
    for (k = 0; k < started; k++)
        pthread_join(tid[k], NULL);
}

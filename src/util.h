/* SPDX-License-Identifier: MIT */
/* util.h - small helpers shared by the library modules (private). */
#ifndef DTL_UTIL_H
#define DTL_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/*
 * Makes room for need items of size bytes in *p (capacity *cap, in
 * items), doubling.  Returns 0, or -1 on overflow or no memory (then *p
 * is unchanged).
 */
int util_grow(void **p, size_t *cap, size_t need, size_t size);

/* A NUL-terminated malloc'd copy of len bytes of s, or NULL. */
char *util_strndup(const char *s, size_t len);

/* FNV-1a 64-bit hash of len bytes, continuing from h (start with
 * UTIL_FNV_SEED).  Inline: the prefilter hashes a byte at a time, and a
 * key being folded is hashed a byte at a time (util_fnv1a_byte). */
#define UTIL_FNV_SEED  0xcbf29ce484222325ULL
#define UTIL_FNV_PRIME 0x100000001b3ULL
static inline uint64_t util_fnv1a_byte(uint64_t h, unsigned char c)
{
    return (h ^ c) * UTIL_FNV_PRIME;
}

static inline uint64_t util_fnv1a(const void *data, size_t len, uint64_t h)
{
    const unsigned char *p = data;

    while (len--)
        h = util_fnv1a_byte(h, *p++);
    return h;
}

/* The length of the run of bytes 0x01-0x7F (ASCII, no NUL) that
 * starts s, eight bytes at a time. */
static inline size_t util_ascii_span(const unsigned char *s, size_t len)
{
    const uint64_t ones = 0x0101010101010101ULL, highs = ones << 7;
    size_t i = 0;

    for (; i + 8 <= len; i += 8) {
        uint64_t w;

        memcpy(&w, s + i, 8);
        /* A byte with its high bit set, or a zero byte. */
        if ((w & highs) || ((w - ones) & ~w & highs))
            break;
    }
    while (i < len && s[i] != 0 && s[i] < 0x80)
        i++;
    return i;
}

static inline int util_lower(int c)
{
    return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
}

static inline int util_isalpha(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline int util_isalnum(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9');
}

/* A printable ASCII character that is neither a letter nor a digit. */
static inline int util_ispunct(int c)
{
    return c > ' ' && c < 0x7f && !util_isalnum(c);
}

static inline int util_isdigit(int c)
{
    return c >= '0' && c <= '9';
}

static inline int util_isspace(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

static inline int util_isupper(int c)
{
    return c >= 'A' && c <= 'Z';
}

static inline int util_islower(int c)
{
    return c >= 'a' && c <= 'z';
}

/* Whether s[i..end) starts with the word lit (lower case ASCII), in any
 * case: lit, then the end or a byte that is not a letter or digit. */
static inline int util_word_at(const char *s, size_t i, size_t end,
                               const char *lit)
{
    size_t n = strlen(lit), k;

    if (i > end || n > end - i ||
        (i + n < end && util_isalnum((unsigned char)s[i + n])))
        return 0;
    for (k = 0; k < n; k++)
        if (util_lower((unsigned char)s[i + k]) != lit[k])
            return 0;
    return 1;
}

/* The index of the lowest set bit of w (not 0). */
static inline unsigned util_ctz64(uint64_t w)
{
#if defined(__GNUC__)
    return (unsigned)__builtin_ctzll(w);
#else
    unsigned k = 0;

    while (!(w & 1u)) {
        w >>= 1;
        k++;
    }
    return k;
#endif
}

/* A word read backwards is looked at over UTIL_WORD_MAX bytes at most:
 * the words that matter before a time or an event are short, and a run
 * of letters must not be walked again for each pair of them. */
#define UTIL_WORD_MAX 32

/* The word of letters that ends before t[at] (spaces skipped), not
 * before lo: [*b, end), or 0 when there is none (a character that is
 * not a letter comes first) or it is longer than UTIL_WORD_MAX. */
size_t util_word_before(const char *t, size_t lo, size_t at, size_t *b);

/* Case-insensitive (ASCII) comparison of two NUL-terminated strings. */
int util_strcaseeq(const char *a, const char *b);

/* Whether word is one of the comma-separated list ("NATO,AUKUS"). */
int util_listed(const char *list, const char *word);

/*
 * Decodes one UTF-8 sequence at s (len bytes available).  Returns its
 * length (1-4) and stores the code point, or 0 when the sequence is
 * invalid (overlong, surrogate, above U+10FFFF, truncated).
 */
size_t util_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp);

/* Parses an unsigned decimal of at most 9 digits; -1 if not one. */
long util_parse_uint(const char *s, size_t len);

/*
 * The bit of a word's length in the tables of length masks by a word's
 * first two bytes (the prefilter's, the gazetteer's): bit k for k bytes
 * (k < 15), bit 15 for 15 bytes or more.
 */
static inline uint16_t util_len_bit(size_t len)
{
    return (uint16_t)(1u << (len < 15 ? len : 15));
}

/*
 * Calls fn(ctx, i) for each i in [0, n) on up to threads threads, the
 * calling one among them (at most DTL_LOAD_THREADS, and one more only
 * per 8 items), each taking the next i not taken; returns when all are
 * done.  fn must be safe to run side by side for different i.
 */
void util_parallel(size_t n, unsigned threads, void (*fn)(void *ctx, size_t i),
                   void *ctx);

#endif

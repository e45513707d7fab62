/* SPDX-License-Identifier: MIT */
/*
 * arena.c - a bump allocator: blocks of at least 16 KiB, objects aligned
 * to max_align_t, everything freed at once.
 */
#include "arena.h"

#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct arena_block {
    arena_block *next;
    alignas(max_align_t) unsigned char data[];
};

#define ARENA_MIN_BLOCK 16384u

void arena_init(arena *a)
{
    a->head = NULL;
    a->used = a->size = 0;
}

void arena_free(arena *a)
{
    arena_block *b = a->head, *next;

    while (b) {
        next = b->next;
        free(b);
        b = next;
    }
    arena_init(a);
}

void *arena_alloc(arena *a, size_t size)
{
    const size_t align = alignof(max_align_t);
    size_t need = (size + align - 1) & ~(align - 1);
    arena_block *b;
    void *p;

    if (need < size)
        return NULL;
    if (a->head == NULL || a->size - a->used < need) {
        size_t bsize = need > ARENA_MIN_BLOCK ? need : ARENA_MIN_BLOCK;

        if (bsize > SIZE_MAX - sizeof(arena_block))
            return NULL;
        b = malloc(sizeof(arena_block) + bsize);
        if (b == NULL)
            return NULL;
        b->next = a->head;
        a->head = b;
        a->used = 0;
        a->size = bsize;
    }
    p = a->head->data + a->used;
    a->used += need;
    memset(p, 0, size);
    return p;
}

char *arena_strndup(arena *a, const char *s, size_t len)
{
    char *d;

    if (len == SIZE_MAX)
        return NULL;
    d = arena_alloc(a, len + 1);
    if (d == NULL)
        return NULL;
    if (len)
        memcpy(d, s, len);
    d[len] = '\0';
    return d;
}

char *arena_strdup(arena *a, const char *s)
{
    return arena_strndup(a, s, strlen(s));
}

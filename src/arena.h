/* SPDX-License-Identifier: MIT */
/*
 * arena.h - a bump allocator for objects that live and die together
 * (private).  Timelines and rule sets keep their strings in one; freeing
 * the arena frees them all.
 */
#ifndef DTL_ARENA_H
#define DTL_ARENA_H

#include <stddef.h>

typedef struct arena_block arena_block;

typedef struct arena {
    arena_block *head;
    size_t used; /* bytes used in head */
    size_t size; /* capacity of head */
} arena;

void arena_init(arena *a);
void arena_free(arena *a);
/* size bytes aligned for any object, zeroed; NULL when out of memory. */
void *arena_alloc(arena *a, size_t size);
/* A NUL-terminated copy of len bytes of s; NULL when out of memory. */
char *arena_strndup(arena *a, const char *s, size_t len);
char *arena_strdup(arena *a, const char *s);

#endif

/* SPDX-License-Identifier: MIT */
/*
 * cache.h - compiled patterns kept between runs.
 *
 * Compiling the patterns of a rule set is most of what one article
 * costs (docs/design.md, "Compiled-pattern cache").  A cache file holds
 * the PCRE2 codes of a rule set's patterns, serialised by PCRE2, under a
 * key that hashes everything they were compiled from; a file whose key,
 * size or checksum differs is not used, and the patterns are compiled.
 */
#ifndef DTL_CACHE_H
#define DTL_CACHE_H

#include <stddef.h>
#include <stdint.h>

struct pcre2_real_code_8;

/* The identity of a cache: the file it is in (name, a hash of the rule
 * files loaded) and what its codes were compiled from (key). */
typedef struct cache_id {
    uint64_t name;
    uint64_t key;
    size_t count; /* patterns */
} cache_id;

/*
 * Reads the cache of id in dir into codes[0..id->count): the decoded
 * code of each pattern, or NULL for one that had none.  Returns 0 on
 * success; -1 when there is no such cache, or a stale or damaged one,
 * or no memory (codes is then all NULL and the patterns are compiled).
 */
int cache_load(const char *dir, const cache_id *id,
               struct pcre2_real_code_8 **codes);

/*
 * Writes codes[0..id->count) (NULL: no code) as the cache of id in dir,
 * creating dir when missing: to a temporary file renamed over the old
 * one, so that a reader sees one whole cache or the other.  Returns 0,
 * or -1 when it could not (the run goes on without).
 */
int cache_save(const char *dir, const cache_id *id,
               struct pcre2_real_code_8 *const *codes);

#endif

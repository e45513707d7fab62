/* SPDX-License-Identifier: MIT */
/*
 * test_cache.c - the compiled-pattern cache under threads: a rule set
 * read from a warm cache and JIT-compiled on DTL_LOAD_THREADS threads at
 * once (dtl_rules_jit), then freed, again and again.  The decoded codes
 * share one block of character tables whose reference count PCRE2 does
 * not guard; threads that copied codes with it side by side corrupted
 * it, which showed as an abort or a leak at the end (about one run in
 * twenty of a batch; here, with the shipped rules on eight threads,
 * nearly every run).  Once only under valgrind (DTL_NO_JIT), where no
 * JIT copies are made.
 */
#include <dtl/dtl.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"

/* The shipped rules (the tests run from the top of the tree), with the
 * cache in dir; JIT off when DTL_NO_JIT is set (valgrind). */
static dtl_rules *load(const char *dir)
{
    dtl_rules *rs = dtl_rules_new();
    dtl_error err;

    if (rs == NULL)
        return NULL;
    if (dir != NULL && dtl_rules_set_cache(rs, dir) != DTL_OK)
        goto fail;
    dtl_rules_set_threads(rs, DTL_LOAD_THREADS);
    if (getenv("DTL_NO_JIT") != NULL)
        dtl_rules_set_jit(rs, 0);
    if (dtl_rules_load_dir(rs, "rules", NULL, NULL, &err) != DTL_OK ||
        dtl_rules_compile(rs, NULL, NULL, &err) != DTL_OK)
        goto fail;
    return rs;
fail:
    dtl_rules_free(rs);
    return NULL;
}

int main(void)
{
    char dir[] = "/tmp/dtl-cache-test.XXXXXX";
    char path[64];
    dtl_rules *rs;
    int i, n = getenv("DTL_NO_JIT") != NULL ? 1 : 20;

    if (mkdtemp(dir) == NULL) {
        perror("mkdtemp");
        return 1;
    }
    rs = load(dir); /* cold: compiles and writes the cache */
    CHECK(rs != NULL);
    dtl_rules_free(rs);
    for (i = 0; i < n; i++) {
        rs = load(dir); /* warm: decodes */
        CHECK(rs != NULL);
        if (rs == NULL)
            break;
        dtl_rules_jit(rs);
        dtl_rules_free(rs);
    }
    /* remove the cache and its directory */
    snprintf(path, sizeof(path), "rm -rf '%s'", dir);
    CHECK(system(path) == 0);
    return CHECK_DONE();
}

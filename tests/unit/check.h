/* SPDX-License-Identifier: MIT */
/*
 * check.h - the unit tests' harness: CHECK(cond) prints file:line and
 * the condition when it fails; CHECK_DONE() prints the count and gives
 * the exit status.
 */
#ifndef DTL_CHECK_H
#define DTL_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_run, check_failed;

#define CHECK(cond)                                                          \
    do {                                                                     \
        check_run++;                                                         \
        if (!(cond)) {                                                       \
            check_failed++;                                                  \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, \
                    #cond);                                                  \
        }                                                                    \
    } while (0)

#define CHECK_STR(a, b)                                                      \
    do {                                                                     \
        const char *check_a_ = (a), *check_b_ = (b);                         \
        check_run++;                                                         \
        if (check_a_ == NULL || check_b_ == NULL ||                          \
            strcmp(check_a_, check_b_) != 0) {                               \
            check_failed++;                                                  \
            fprintf(stderr, "%s:%d: \"%s\" != \"%s\"\n", __FILE__, __LINE__, \
                    check_a_ ? check_a_ : "(null)",                          \
                    check_b_ ? check_b_ : "(null)");                         \
        }                                                                    \
    } while (0)

#define CHECK_DONE()                                                          \
    (printf("%s: %d checks, %d failed\n", __FILE__, check_run, check_failed), \
     check_failed ? 1 : 0)

#endif

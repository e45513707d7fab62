/* SPDX-License-Identifier: MIT */
/*
 * test_timex_table.c - runs the time-expression tables tests/timex/
 * *.test (SQLite datetest style) through the public API.
 *
 * A table is groups of three lines separated by blank lines; '#' starts
 * a comment line:
 *
 *     two weeks ago            the text (one line)
 *     2021-03-30               the publication date
 *     2021-W11 2021-03-13..2021-03-19
 *
 * The third line is the TIMEX3 value of the last time expression of the
 * text, optionally followed by its interval ('?' for an open end); a
 * lone "-" means the text must hold no time expression at all.  Run from
 * the top of the source tree; the rules are read from rules/ (or $1).
 */
#include <dtl/dtl.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

static size_t rows, bad;

static void chomp(char *s)
{
    size_t n = strlen(s);

    while (n && (s[n - 1] == '\n' || s[n - 1] == '\r'))
        s[--n] = '\0';
}

static void run_row(const dtl_rules *rs, const char *file, unsigned line,
                    const char *text, const char *date, const char *want)
{
    char buf[4096], got[160], e[11], l[11];
    dtl_text *t;
    dtl_timex *tx = NULL;
    size_t n = 0;
    int len;

    rows++;
    len = snprintf(buf, sizeof(buf), "Date: %s\n\n%s\n", date, text);
    if (len < 0 || (size_t)len >= sizeof(buf)) {
        fprintf(stderr, "%s:%u: row too long\n", file, line);
        bad++;
        return;
    }
    t = dtl_text_new(buf, (size_t)len, file, NULL);
    if (t == NULL || dtl_times_find(rs, t, NULL, NULL, &tx, &n) != DTL_OK) {
        fprintf(stderr, "%s:%u: cannot run '%s'\n", file, line, text);
        bad++;
        dtl_text_free(t);
        return;
    }
    if (n == 0) {
        snprintf(got, sizeof(got), "-");
    } else {
        const dtl_timex *x = &tx[n - 1];

        dtl_date_format(x->earliest, e);
        dtl_date_format(x->latest, l);
        if (strchr(want, ' '))
            snprintf(got, sizeof(got), "%s %s..%s", x->value,
                     x->earliest == DTL_DAY_NONE ? "?" : e,
                     x->latest == DTL_DAY_NONE ? "?" : l);
        else
            snprintf(got, sizeof(got), "%s", x->value);
    }
    if (strcmp(got, want) != 0) {
        fprintf(stderr, "%s:%u: \"%s\" @%s: got %s, expected %s\n", file, line,
                text, date, got, want);
        bad++;
    }
    free(tx);
    dtl_text_free(t);
}

static void run_file(const dtl_rules *rs, const char *path)
{
    FILE *f = fopen(path, "r");
    char line[3][1024], buf[1024];
    unsigned lineno = 0, start = 0;
    int have = 0;

    CHECK(f != NULL);
    if (f == NULL)
        return;
    while (fgets(buf, sizeof(buf), f)) {
        lineno++;
        chomp(buf);
        if (buf[0] == '#')
            continue;
        if (buf[0] == '\0') {
            if (have != 0) {
                fprintf(stderr, "%s:%u: group of %d lines, want 3\n", path,
                        start, have);
                bad++;
            }
            have = 0;
            continue;
        }
        if (have == 0)
            start = lineno;
        memcpy(line[have], buf, sizeof(buf));
        if (++have == 3) {
            run_row(rs, path, start, line[0], line[1], line[2]);
            have = 0;
        }
    }
    if (have != 0) {
        fprintf(stderr, "%s:%u: incomplete group\n", path, start);
        bad++;
    }
    fclose(f);
}

static int is_test(const struct dirent *d)
{
    size_t n = strlen(d->d_name);

    return n > 5 && strcmp(d->d_name + n - 5, ".test") == 0;
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "rules";
    dtl_rules *rs = dtl_rules_new();
    struct dirent **names = NULL;
    int n, i;
    char path[1024];

    CHECK(rs != NULL);
    if (getenv("DTL_NO_JIT"))
        dtl_rules_set_jit(rs, 0); /* under valgrind */
    CHECK(dtl_rules_load_dir(rs, dir, NULL, NULL, NULL) == DTL_OK);
    CHECK(dtl_rules_compile(rs, NULL, NULL, NULL) == DTL_OK);
    n = scandir("tests/timex", &names, is_test, alphasort);
    CHECK(n > 0);
    for (i = 0; i < n; i++) {
        snprintf(path, sizeof(path), "tests/timex/%s", names[i]->d_name);
        run_file(rs, path);
        free(names[i]);
    }
    free(names);
    dtl_rules_free(rs);
    printf("timex tables: %zu rows, %zu failed\n", rows, bad);
    CHECK(bad == 0);
    CHECK(rows >= 300);
    return CHECK_DONE();
}

/* SPDX-License-Identifier: MIT */
/*
 * cli_input.c - any input of diff and merge as a timeline: a JSON
 * timeline, an .ics file written by dtl, or an article built on the fly
 * with the usual options.  The kind is told by the content: '{' starts
 * JSON, "BEGIN:VCALENDAR" an iCalendar file; a name ending in .json or
 * .ics also says so, so that a damaged timeline is reported as one
 * instead of being read as an article.
 */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util.h"

/* Reads all of path ("-": standard input) into a malloc'd buffer. */
static char *slurp(const char *path, size_t *len, int *status)
{
    FILE *f;
    char *data = NULL, *nd;
    size_t cap = 0, n = 0, r;
    struct stat st;

    *status = EXIT_OK;
    if (strcmp(path, "-") == 0) {
        f = stdin;
    } else {
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
            cli_errorf("%s: is a directory", path);
            *status = EXIT_IO;
            return NULL;
        }
        f = fopen(path, "rb");
        if (f == NULL) {
            cli_errorf("%s: %s", path, strerror(errno));
            *status = EXIT_IO;
            return NULL;
        }
    }
    for (;;) {
        if (n + 65536 + 1 > cap) {
            if (cap > DTL_MAX_IMPORT) {
                cli_errorf("%s: over the limit of %u bytes "
                           "(DTL_MAX_IMPORT)",
                           path, DTL_MAX_IMPORT);
                *status = EXIT_USAGE;
                goto fail;
            }
            cap = cap ? cap * 2 : 65536 * 2;
            nd = realloc(data, cap);
            if (nd == NULL) {
                cli_errorf("out of memory");
                *status = EXIT_IO;
                goto fail;
            }
            data = nd;
        }
        r = fread(data + n, 1, cap - n - 1, f);
        n += r;
        if (r == 0)
            break;
    }
    if (ferror(f)) {
        cli_errorf("%s: read error", path);
        *status = EXIT_IO;
        goto fail;
    }
    if (f != stdin)
        fclose(f);
    data[n] = '\0';
    *len = n;
    return data;
fail:
    if (f != stdin)
        fclose(f);
    free(data);
    return NULL;
}

/* Does name end in suffix (ASCII case-insensitive)? */
static int has_suffix(const char *name, const char *suffix)
{
    size_t n = strlen(name), k = strlen(suffix);

    return n >= k && util_strcaseeq(name + n - k, suffix);
}

dtl_timeline *cli_load_timeline(cli_opts *o, dtl_rules **rules,
                                const char *path, int *status)
{
    size_t len = 0, i = 0;
    char *data = slurp(path, &len, status);
    const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
    dtl_timeline *tl = NULL;
    dtl_error err;

    if (data == NULL)
        return NULL;
    memset(&err, 0, sizeof(err));
    while (i < len && (data[i] == ' ' || data[i] == '\n' || data[i] == '\r' ||
                       data[i] == '\t'))
        i++;
    if ((i < len && data[i] == '{') || has_suffix(path, ".json")) {
        tl = dtl_timeline_read_json(data, len, name, &err);
    } else if ((len - i >= 15 &&
                memcmp(data + i, "BEGIN:VCALENDAR", 15) == 0) ||
               has_suffix(path, ".ics")) {
        tl = dtl_timeline_read_ics(data + i, len - i, name, &err);
    } else {
        dtl_text *t;

        if (*rules == NULL) {
            *rules = cli_load_rules(o, status);
            if (*rules == NULL) {
                free(data);
                return NULL;
            }
        }
        t = dtl_text_new(data, len, name, &err);
        if (t) {
            if (o->date)
                dtl_text_set_date(t, o->day);
            tl = dtl_timeline_build(*rules, t, cli_diag, o, &err);
            dtl_text_free(t);
        }
    }
    free(data);
    if (tl == NULL) {
        cli_print_error(&err);
        *status = cli_exit_for(err.code);
    }
    return tl;
}

/* SPDX-License-Identifier: MIT */
/*
 * cli_args.c - option parsing, errors and diagnostics for the dtl
 * command.  Options: --name=value, --name value, -o value, -j4; "--"
 * ends them.  Rule diagnostics print as GNU "file:line:col: error:"
 * with the source line and a caret under the column.
 */
#include "cli.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void cli_errorf(const char *fmt, ...)
{
    va_list ap;

    fputs("dtl: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

int cli_exit_for(dtl_status st)
{
    switch (st) {
    case DTL_OK:
        return EXIT_OK;
    case DTL_EINPUT:
    case DTL_EFORMAT:
    case DTL_ELIMIT:
    case DTL_EUSAGE:
        return EXIT_USAGE;
    case DTL_ERULE:
        return EXIT_RULES;
    default:
        return EXIT_IO;
    }
}

/* Prints line `line` of file and a caret under column col. */
static void print_source(const char *file, unsigned line, unsigned col)
{
    FILE *f = fopen(file, "r");
    char buf[512];
    unsigned n = 0, c;
    size_t i, chars = 0;

    if (f == NULL)
        return;
    while (fgets(buf, sizeof(buf), f)) {
        size_t len = strlen(buf);
        int whole = len > 0 && buf[len - 1] == '\n';

        if (++n == line) {
            if (whole)
                buf[--len] = '\0';
            fprintf(stderr, " %s\n ", buf);
            for (i = 0; i < len && chars + 1 < col; i++) {
                if (((unsigned char)buf[i] & 0xC0) == 0x80)
                    continue;
                fputc(buf[i] == '\t' ? '\t' : ' ', stderr);
                chars++;
            }
            for (c = (unsigned)chars + 1; c < col; c++)
                fputc(' ', stderr);
            fputs("^\n", stderr);
            break;
        }
        while (!whole && fgets(buf, sizeof(buf), f)) {
            len = strlen(buf);
            whole = len > 0 && buf[len - 1] == '\n';
        }
    }
    fclose(f);
}

void cli_print_error(const dtl_error *e)
{
    const char *level = e->warning ? "warning" : "error";

    if (e->file[0] && e->line && e->col)
        fprintf(stderr, "%s:%u:%u: %s: %s\n", e->file, e->line, e->col, level,
                e->msg);
    else if (e->file[0] && e->line)
        fprintf(stderr, "%s:%u: %s: %s\n", e->file, e->line, level, e->msg);
    else if (e->file[0])
        fprintf(stderr, "dtl: %s: %s: %s\n", e->file, level, e->msg);
    else
        fprintf(stderr, "dtl: %s: %s\n", level, e->msg);
    if (e->code == DTL_ERULE && e->file[0] && e->line && e->col)
        print_source(e->file, e->line, e->col);
}

void cli_diag(void *ctx, const dtl_error *d)
{
    cli_opts *o = ctx;

    if (d->warning && o && o->quiet)
        return;
    cli_print_error(d);
}

int cli_color(cli_opts *o, FILE *fp)
{
    const char *nc = getenv("NO_COLOR");

    if (o->color == COLOR_ALWAYS)
        return 1;
    if (o->color == COLOR_NEVER || (nc && *nc))
        return 0;
    return isatty(fileno(fp));
}

static int need_value(const char *name, const char *v)
{
    if (v == NULL) {
        cli_errorf("option '%s' needs a value (see 'dtl help')", name);
        return 0;
    }
    return 1;
}

int cli_parse(int argc, char **argv, unsigned allowed, cli_opts *o)
{
    int i, end = 0;

    o->color = COLOR_AUTO;
    o->jobs = 0;
    o->inputs = calloc((size_t)argc + 1, sizeof(char *));
    if (o->inputs == NULL) {
        cli_errorf("out of memory");
        return EXIT_IO;
    }
    for (i = 0; i < argc; i++) {
        const char *a = argv[i], *v = NULL, *eq;
        char name[32];
        size_t n;

        if (end || a[0] != '-' || strcmp(a, "-") == 0) {
            o->inputs[o->input_count++] = a;
            continue;
        }
        if (strcmp(a, "--") == 0) {
            end = 1;
            continue;
        }
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0)
            return -1;
        if (a[1] != '-') {
            /* Short options: -o FILE, -j N, -q */
            if (a[1] == 'q' && a[2] == '\0' && (allowed & OPT_QUIET)) {
                o->quiet = 1;
                continue;
            }
            if ((a[1] == 'o' && (allowed & OPT_OUTPUT)) ||
                (a[1] == 'j' && (allowed & OPT_JOBS))) {
                v = a[2] ? a + 2 : (i + 1 < argc ? argv[++i] : NULL);
                if (!need_value(a, v))
                    return EXIT_USAGE;
                if (a[1] == 'o') {
                    o->output = v;
                } else {
                    char *e;
                    long j = strtol(v, &e, 10);

                    if (*e || j < 1 || j > 256) {
                        cli_errorf("-j wants a number of threads from 1 "
                                   "to 256, not '%s'",
                                   v);
                        return EXIT_USAGE;
                    }
                    o->jobs = (int)j;
                }
                continue;
            }
            cli_errorf("unknown option '%s' for '%s' (see 'dtl help %s')", a,
                       o->cmd, o->cmd);
            return EXIT_USAGE;
        }
        eq = strchr(a, '=');
        n = eq ? (size_t)(eq - a) : strlen(a);
        if (n >= sizeof(name))
            n = sizeof(name) - 1;
        memcpy(name, a, n);
        name[n] = '\0';
        if (strcmp(name, "--quiet") == 0 && (allowed & OPT_QUIET)) {
            o->quiet = 1;
            continue;
        }
        if (!((strcmp(name, "--date") == 0 && (allowed & OPT_DATE)) ||
              (strcmp(name, "--rules") == 0 && (allowed & OPT_RULES)) ||
              (strcmp(name, "--format") == 0 && (allowed & OPT_FORMAT)) ||
              (strcmp(name, "--output") == 0 && (allowed & OPT_OUTPUT)) ||
              (strcmp(name, "--color") == 0 && (allowed & OPT_COLOR)) ||
              (strcmp(name, "--colour") == 0 && (allowed & OPT_COLOR)) ||
              (strcmp(name, "--jobs") == 0 && (allowed & OPT_JOBS)) ||
              (strcmp(name, "--lanes") == 0 && (allowed & OPT_LANES)))) {
            cli_errorf("unknown option '%s' for '%s' (see 'dtl help %s')", name,
                       o->cmd, o->cmd);
            return EXIT_USAGE;
        }
        if (eq)
            v = eq + 1;
        else if (strncmp(name, "--color", 7) == 0 ||
                 strcmp(name, "--colour") == 0)
            v = "always";
        else
            v = i + 1 < argc ? argv[++i] : NULL;
        if (!need_value(name, v))
            return EXIT_USAGE;
        if (strcmp(name, "--date") == 0) {
            if (dtl_date_parse(v, &o->day) != DTL_OK) {
                cli_errorf("--date wants a real date as YYYY-MM-DD, not "
                           "'%s'",
                           v);
                return EXIT_USAGE;
            }
            o->date = v;
        } else if (strcmp(name, "--rules") == 0) {
            if (o->rule_dir_count >= CLI_MAX_RULE_DIRS) {
                cli_errorf("at most %d --rules directories", CLI_MAX_RULE_DIRS);
                return EXIT_USAGE;
            }
            o->rule_dirs[o->rule_dir_count++] = v;
        } else if (strcmp(name, "--format") == 0) {
            o->format = v;
        } else if (strcmp(name, "--output") == 0) {
            o->output = v;
        } else if (strcmp(name, "--lanes") == 0) {
            if (strcmp(v, "actor") && strcmp(v, "type")) {
                cli_errorf("--lanes wants 'actor' or 'type', not '%s'", v);
                return EXIT_USAGE;
            }
            o->lanes = v;
        } else if (strcmp(name, "--jobs") == 0) {
            char *e;
            long j = strtol(v, &e, 10);

            if (*e || j < 1 || j > 256) {
                cli_errorf("--jobs wants a number from 1 to 256, not '%s'", v);
                return EXIT_USAGE;
            }
            o->jobs = (int)j;
        } else {
            if (strcmp(v, "auto") == 0)
                o->color = COLOR_AUTO;
            else if (strcmp(v, "always") == 0)
                o->color = COLOR_ALWAYS;
            else if (strcmp(v, "never") == 0)
                o->color = COLOR_NEVER;
            else {
                cli_errorf("--color wants auto, always or never, not '%s'", v);
                return EXIT_USAGE;
            }
        }
    }
    return EXIT_OK;
}

int cli_check_format(cli_opts *o, const char *const *formats)
{
    size_t i;

    if (o->format == NULL)
        return EXIT_OK;
    for (i = 0; formats[i]; i++)
        if (strcmp(formats[i], o->format) == 0)
            return EXIT_OK;
    fprintf(stderr, "dtl: %s: unknown format '%s' (choose from:", o->cmd,
            o->format);
    for (i = 0; formats[i]; i++)
        fprintf(stderr, " %s", formats[i]);
    fputs(")\n", stderr);
    return EXIT_USAGE;
}

int cli_start(const char *cmd, int argc, char **argv, unsigned allowed,
              const char *const *formats, cli_opts *o, int *status)
{
    int rc;

    memset(o, 0, sizeof(*o));
    o->cmd = cmd;
    rc = cli_parse(argc, argv, allowed, o);
    if (rc < 0) {
        cli_help(stdout, cmd);
        rc = EXIT_OK;
    } else if (rc == EXIT_OK && formats) {
        rc = cli_check_format(o, formats);
        if (rc == EXIT_OK) {
            *status = EXIT_OK;
            return 1;
        }
    } else if (rc == EXIT_OK) {
        *status = EXIT_OK;
        return 1;
    }
    free(o->inputs);
    o->inputs = NULL;
    *status = rc;
    return 0;
}

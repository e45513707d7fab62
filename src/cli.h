/* SPDX-License-Identifier: MIT */
/*
 * cli.h - what the dtl command's files share (private to the CLI, which
 * uses only the public <dtl/dtl.h>).
 */
#ifndef DTL_CLI_H
#define DTL_CLI_H

#include <dtl/dtl.h>

#include <stdio.h>

/* Exit statuses (docs/dtl.1, "EXIT STATUS"). */
enum {
    EXIT_OK = 0,
    EXIT_NONE = 1,  /* build: no events; diff: differences */
    EXIT_USAGE = 2, /* usage error or bad input */
    EXIT_RULES = 3, /* a rule file is invalid */
    EXIT_IO = 4     /* input/output or system error */
};

#define CLI_MAX_RULE_DIRS 16
#define CLI_MAX_INPUTS    4096

enum {
    COLOR_NEVER,
    COLOR_ALWAYS,
    COLOR_AUTO
};

typedef struct cli_opts {
    const char *cmd;
    const char *date; /* --date, or NULL */
    dtl_day day;
    const char *rule_dirs[CLI_MAX_RULE_DIRS];
    size_t rule_dir_count;
    const char *format; /* NULL: the command's default */
    const char *output; /* -o, or NULL for standard output */
    const char *lanes;
    int quiet;
    int color;
    int jobs;
    const char **inputs;
    size_t input_count;
} cli_opts;

/* Option letters a command accepts. */
enum {
    OPT_DATE = 1 << 0,
    OPT_RULES = 1 << 1,
    OPT_FORMAT = 1 << 2,
    OPT_OUTPUT = 1 << 3,
    OPT_QUIET = 1 << 4,
    OPT_COLOR = 1 << 5,
    OPT_JOBS = 1 << 6,
    OPT_LANES = 1 << 7
};

/* Parses argv (after the command name) into o; prints the error and
 * returns EXIT_USAGE on a bad option, -1 when --help was given. */
int cli_parse(int argc, char **argv, unsigned allowed, cli_opts *o);

/* Checks that o->format is one of the NULL-terminated list; prints an
 * error naming the choices and returns EXIT_USAGE if not. */
int cli_check_format(cli_opts *o, const char *const *formats);

/*
 * The start of every command: parses argv for command cmd (options in
 * allowed, --format one of formats), prints the help for --help.
 * Returns 1 to go on with *status EXIT_OK (free o->inputs when done), or
 * 0 with the exit status to return now in *status (nothing to free).
 */
int cli_start(const char *cmd, int argc, char **argv, unsigned allowed,
              const char *const *formats, cli_opts *o, int *status);

/* The exit status for a library status. */
int cli_exit_for(dtl_status st);

/* Prints err as "file:line:col: error: message" (with the source line
 * and a caret for rule files). */
void cli_print_error(const dtl_error *err);

/* A dtl_diag_fn printing to stderr; ctx is the cli_opts (for quiet). */
void cli_diag(void *ctx, const dtl_error *d);

/* Loads and compiles the rules of o (or the default directory).  On
 * failure prints why and returns NULL with *status set. */
dtl_rules *cli_load_rules(cli_opts *o, int *status);
/* Worker threads: --jobs, or the number of cores online. */
size_t cli_jobs(const cli_opts *o);

/* Prints "dtl: msg" to stderr. */
#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
void cli_errorf(const char *fmt, ...);

/* Output to a file, written to a temporary sibling and renamed into
 * place on success, so a failed run never truncates an existing file. */
typedef struct cli_out {
    FILE *fp;
    char *tmp;        /* temporary path, or NULL for stdout */
    const char *path; /* final path */
} cli_out;

int cli_out_open(cli_out *out, const char *path);
/* Flushes, closes and renames; returns EXIT_OK or EXIT_IO. */
int cli_out_commit(cli_out *out);
/* Discards the temporary file. */
void cli_out_abort(cli_out *out);
/* Ends an output whose content has exit status status: EXIT_IO drops it,
 * anything else commits it.  Returns the commit's failure, else status. */
int cli_out_finish(cli_out *out, int status);

/* Whether colour is on for stream fp under o->color. */
int cli_color(cli_opts *o, FILE *fp);

int cmd_build(int argc, char **argv);
int cmd_times(int argc, char **argv);
int cmd_rules(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_merge(int argc, char **argv);

/*
 * Loads any input of diff and merge: a JSON timeline, a dtl .ics file or
 * an article (built with the rules, loaded into *rules on first need).
 * On failure prints why, sets *status and returns NULL.
 */
dtl_timeline *cli_load_timeline(cli_opts *o, dtl_rules **rules,
                                const char *path, int *status);

/* Builds the timelines of many articles (files, directories, JSON
 * Lines) with worker threads; returns the exit status. */
int cli_batch(cli_opts *o, const dtl_rules *rules, const char *format);

/* Prints the help of a command (NULL: the general help) to fp. */
void cli_help(FILE *fp, const char *cmd);

#endif

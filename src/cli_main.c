/* SPDX-License-Identifier: MIT */
/*
 * cli_main.c - the dtl command: dispatch to a subcommand, --help and
 * --version.  Each subcommand lives in cli_cmd_<verb>.c and uses only
 * the public library API.
 */
#include "cli.h"

#include <string.h>

static const char general_help[] =
    "usage: dtl COMMAND [OPTIONS] [FILE...]\n"
    "\n"
    "Builds dated timelines of diplomatic and security events from news\n"
    "articles.\n"
    "\n"
    "Commands:\n"
    "  build   ARTICLE...     the timeline of articles (JSON, iCalendar, "
    "text)\n"
    "  times   ARTICLE        every time expression with its value\n"
    "  rules   list|check     list the rules, or test them on their "
    "examples\n"
    "  help    [COMMAND]      this help, or a command's\n"
    "\n"
    "Options for every command: --rules DIR (repeatable), --help.\n"
    "Exit status: 0 ok, 1 no events, 2 usage or bad input, 3 rule error,\n"
    "4 input/output error.  'dtl help COMMAND' tells more.\n";

static const char build_help[] =
    "usage: dtl build [--date YYYY-MM-DD] [--rules DIR]... "
    "[--format json|jsonl|ics|text]\n"
    "                 [-o FILE] [-j N] [--quiet] [--color=auto|always|never]"
    "\n"
    "                 [ARTICLE...|DIR|-]\n"
    "\n"
    "Reads each article (UTF-8; an optional header of Title:, Date:,\n"
    "Source:, Id: lines ended by a blank line; '-' or nothing: standard\n"
    "input) and writes its timeline: one entry per event, dated, with\n"
    "actors, place, status and evidence.  --date gives or overrides the\n"
    "publication date, the reference for relative dates.\n"
    "\n"
    "  --format   text on a terminal, json otherwise; ics writes an\n"
    "             iCalendar file; jsonl one timeline per line (batches)\n"
    "  -o FILE    write FILE atomically (temporary file, then rename)\n"
    "\n"
    "Exit status: 0 events found, 1 none, 2 bad input, 3 rule error,\n"
    "4 input/output error.\n";

static const char times_help[] =
    "usage: dtl times [--date YYYY-MM-DD] [--rules DIR]... "
    "[--format json|timeml]\n"
    "                 [-o FILE] [ARTICLE|-]\n"
    "\n"
    "Prints every time expression of the article: offsets (code points),\n"
    "text, TIMEX3 type and value, the interval [earliest, latest], its\n"
    "granularity and certainty, and what it is relative to.  timeml\n"
    "writes the text with <TIMEX3> tags.\n";

static const char rules_help[] =
    "usage: dtl rules list [--rules DIR]... [--format text|json]\n"
    "       dtl rules check [--rules DIR]... [DIR...]\n"
    "\n"
    "list prints every rule with its kind, type, CAMEO code and "
    "file:line.\n"
    "check compiles every rule file and runs every inline example and\n"
    "counter-example; it prints each failure as file:line:col and a\n"
    "summary, and exits 3 when anything fails.\n";

void cli_help(FILE *fp, const char *cmd)
{
    if (cmd == NULL)
        fputs(general_help, fp);
    else if (strcmp(cmd, "build") == 0)
        fputs(build_help, fp);
    else if (strcmp(cmd, "times") == 0)
        fputs(times_help, fp);
    else if (strcmp(cmd, "rules") == 0)
        fputs(rules_help, fp);
    else
        fputs(general_help, fp);
}

int main(int argc, char **argv)
{
    const char *cmd = argc > 1 ? argv[1] : NULL;

    if (cmd == NULL) {
        fputs(general_help, stderr);
        return EXIT_USAGE;
    }
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
        fputs(general_help, stdout);
        return EXIT_OK;
    }
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0) {
        printf("dtl %s\n", DTL_VERSION);
        return EXIT_OK;
    }
    if (strcmp(cmd, "help") == 0) {
        if (argc > 2 && strcmp(argv[2], "build") && strcmp(argv[2], "times") &&
            strcmp(argv[2], "rules")) {
            cli_errorf("no help for '%s' (commands: build, times, rules)",
                       argv[2]);
            return EXIT_USAGE;
        }
        cli_help(stdout, argc > 2 ? argv[2] : NULL);
        return EXIT_OK;
    }
    if (strcmp(cmd, "build") == 0)
        return cmd_build(argc - 2, argv + 2);
    if (strcmp(cmd, "times") == 0)
        return cmd_times(argc - 2, argv + 2);
    if (strcmp(cmd, "rules") == 0)
        return cmd_rules(argc - 2, argv + 2);
    cli_errorf("unknown command '%s' (try 'dtl --help')", cmd);
    return EXIT_USAGE;
}

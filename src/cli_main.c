/* SPDX-License-Identifier: MIT */
/*
 * cli_main.c - the dtl command: dispatch to a subcommand, --help and
 * --version.  Each subcommand lives in cli_cmd_<verb>.c and uses only
 * the public library API.
 */
#include "cli.h"

#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

static const char general_help[] =
    "usage: dtl COMMAND [OPTIONS] [FILE...]\n"
    "\n"
    "Builds dated timelines of diplomatic and security events from news\n"
    "articles.\n"
    "\n"
    "Commands:\n"
    "  build   ARTICLE...     the timeline of articles (JSON, iCalendar, "
    "text, HTML)\n"
    "  times   ARTICLE        every time expression with its value\n"
    "  diff    OLD NEW        what NEW adds, removes and changes\n"
    "  merge   FILE...        one timeline from many articles or "
    "timelines\n"
    "  rules   list|check     list the rules, or test them on their "
    "examples\n"
    "  help    [COMMAND]      this help, or a command's\n"
    "\n"
    "Options for every command: --rules DIR (repeatable), --quiet, --help."
    "\n"
    "Exit status: 0 ok, 1 no events (diff: differences), 2 usage or bad\n"
    "input, 3 rule error, 4 input/output error.  'dtl help COMMAND' and\n"
    "'man dtl' tell more.\n";

static const char build_help[] =
    "usage: dtl build [--date YYYY-MM-DD] [--rules DIR]... [-o FILE] [-j N]\n"
    "                 [--format json|jsonl|ics|text|html] [--lanes actor|type]"
    "\n"
    "                 [--quiet] [--color=auto|always|never]\n"
    "                 [ARTICLE...|DIR|FILE.jsonl|-]\n"
    "\n"
    "Reads each article (UTF-8; an optional header of Title:, Date:,\n"
    "Source:, Id: lines ended by a blank line; '-' or nothing: standard\n"
    "input) and writes its timeline: one entry per event, dated, with\n"
    "actors, place, status and evidence.  --date gives or overrides the\n"
    "publication date, the reference for relative dates.\n"
    "\n"
    "  --format   text on a terminal, json otherwise; ics writes an\n"
    "             iCalendar file; html one self-contained page with a chart;\n"
    "             jsonl one timeline per line (batches: several articles, a\n"
    "             directory or JSON Lines, which write jsonl or text only)\n"
    "  --lanes    html: one lane of the chart per actor (default) or type\n"
    "  -o FILE    write FILE atomically (temporary file, then rename)\n"
    "  -j N       threads of a batch (default: one per processor)\n"
    "\n"
    "Exit status: 0 events found, 1 none, 2 bad input, 3 rule error,\n"
    "4 input/output error.\n";

static const char times_help[] =
    "usage: dtl times [--date YYYY-MM-DD] [--rules DIR]... "
    "[--format json|jsonl|timeml]\n"
    "                 [-o FILE] [--quiet] [ARTICLE|-]\n"
    "\n"
    "Prints every time expression of the article: offsets (code points),\n"
    "text, TIMEX3 type and value, the interval [earliest, latest], its\n"
    "granularity and certainty, and what it is relative to.  timeml\n"
    "writes the text with <TIMEX3> tags.  jsonl reads JSON Lines\n"
    "({\"id\", \"date\", \"text\"} per line) and writes one line each:\n"
    "{\"id\", \"times\": [...]}.\n";

static const char diff_help[] =
    "usage: dtl diff [--date YYYY-MM-DD] [--rules DIR]... "
    "[--format text|json|html]\n"
    "                [--lanes actor|type] [--color=auto|always|never] "
    "[-o FILE]\n"
    "                [--quiet] OLD NEW\n"
    "\n"
    "Compares two timelines: dtl JSON, .ics files written by dtl, or\n"
    "articles (built on the fly).  Entries are aligned one to one by type,\n"
    "actors, date and place (docs/diff-merge.md); the output lists what is\n"
    "only in OLD (-), only in NEW (+), and what changed (@@): a date\n"
    "refined, moved or in conflict, a status, actors or place changed.\n"
    "Nothing is printed when the timelines agree.  json lists every entry;\n"
    "html draws both timelines on one chart (--lanes as for build).\n"
    "\n"
    "Exit status: 0 the same, 1 different, 2 bad input or usage, 3 rule\n"
    "error, 4 input/output error.\n";

static const char merge_help[] =
    "usage: dtl merge [--date YYYY-MM-DD] [--rules DIR]... [-o FILE] "
    "[--quiet]\n"
    "                 [--format json|ics|text|html] [--lanes actor|type]\n"
    "                 [--color=auto|always|never] FILE...\n"
    "\n"
    "Makes one timeline of many articles, JSON timelines or .ics files.\n"
    "Entries that are the same event become one, with every source and\n"
    "its evidence; agreeing dates narrow to their intersection, disagreeing\n"
    "ones are flagged as a conflict.  The order of the inputs does not\n"
    "matter, and merging the result with one of its inputs changes\n"
    "nothing.  In the .ics output an entry keeps its UID as sources are\n"
    "added (SEQUENCE grows), so a calendar updates it.  In html output\n"
    "date conflicts are outlined, with each source's claim.\n"
    "\n"
    "Exit status: 0 events, 1 none, 2 bad input or usage, 3 rule error,\n"
    "4 input/output error.\n";

static const char rules_help[] =
    "usage: dtl rules list [--rules DIR]... [--format text|json] [-o FILE]"
    " [--quiet]\n"
    "       dtl rules check [--rules DIR]... [--quiet] [DIR...]\n"
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
    else if (strcmp(cmd, "diff") == 0)
        fputs(diff_help, fp);
    else if (strcmp(cmd, "merge") == 0)
        fputs(merge_help, fp);
    else
        fputs(general_help, fp);
}

int main(int argc, char **argv)
{
    const char *cmd = argc > 1 ? argv[1] : NULL;

#ifdef __GLIBC__
    /* A batch frees and takes back the same few megabytes per article:
     * keep them instead of returning them to the kernel each time (the
     * brk and page-fault traffic was a tenth of a batch's time). */
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    mallopt(M_MMAP_THRESHOLD, 16 << 20);
#endif

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
            strcmp(argv[2], "rules") && strcmp(argv[2], "diff") &&
            strcmp(argv[2], "merge")) {
            cli_errorf("no help for '%s' (commands: build, times, diff, "
                       "merge, rules)",
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
    if (strcmp(cmd, "diff") == 0)
        return cmd_diff(argc - 2, argv + 2);
    if (strcmp(cmd, "merge") == 0)
        return cmd_merge(argc - 2, argv + 2);
    cli_errorf("unknown command '%s' (try 'dtl --help')", cmd);
    return EXIT_USAGE;
}

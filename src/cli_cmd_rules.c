/* SPDX-License-Identifier: MIT */
/*
 * cli_cmd_rules.c - "dtl rules list" and "dtl rules check".
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static const char *const list_formats[] = {"text", "json", NULL};

/* Writes s as a JSON string (the CLI has no JSON library of its own). */
static void json_str(FILE *fp, const char *s)
{
    fputc('"', fp);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;

        if (c == '"' || c == '\\')
            fprintf(fp, "\\%c", c);
        else if (c < 0x20)
            fprintf(fp, "\\u%04x", c);
        else
            fputc(c, fp);
    }
    fputc('"', fp);
}

static int list(cli_opts *o, const dtl_rules *rs)
{
    size_t i, n = dtl_rules_count(rs);
    int json = o->format && strcmp(o->format, "json") == 0;
    cli_out out;
    dtl_rule_info ri;
    int rc = cli_out_open(&out, o->output);

    if (rc != EXIT_OK)
        return rc;
    if (json)
        fputs("[\n", out.fp);
    for (i = 0; i < n; i++) {
        if (dtl_rules_info(rs, i, &ri) != DTL_OK)
            continue;
        if (json) {
            fputs("  {\"name\": ", out.fp);
            json_str(out.fp, ri.name);
            fputs(", \"kind\": ", out.fp);
            json_str(out.fp, ri.kind);
            fputs(", \"type\": ", out.fp);
            json_str(out.fp, ri.type);
            fputs(", \"cameo\": ", out.fp);
            json_str(out.fp, ri.cameo);
            fputs(", \"status\": ", out.fp);
            json_str(out.fp, ri.status);
            fprintf(out.fp, ", \"priority\": %d, \"file\": ", ri.priority);
            json_str(out.fp, ri.file);
            fprintf(out.fp,
                    ", \"line\": %u, \"patterns\": %zu, \"examples\": %zu, "
                    "\"counters\": %zu}%s\n",
                    ri.line, ri.pattern_count, ri.example_count,
                    ri.counter_count, i + 1 < n ? "," : "");
        } else {
            fprintf(out.fp, "%-9s %-28s %-22s %-5s %s:%u\n", ri.kind, ri.name,
                    ri.type, *ri.cameo ? ri.cameo : "-", ri.file, ri.line);
        }
    }
    if (json)
        fputs("]\n", out.fp);
    return cli_out_commit(&out);
}

static int check(cli_opts *o, const dtl_rules *rs)
{
    dtl_check_summary sum;
    dtl_status st = dtl_rules_check(rs, cli_diag, o, &sum);

    if (st == DTL_ENOMEM) {
        cli_errorf("out of memory");
        return EXIT_IO;
    }
    printf("%zu rules, %zu lexicon entries, %zu examples: %zu passed, "
           "%zu failed\n",
           sum.rules, sum.lexicon_entries, sum.examples, sum.passed,
           sum.failed);
    return st == DTL_OK ? EXIT_OK : EXIT_RULES;
}

int cmd_rules(int argc, char **argv)
{
    cli_opts o;
    dtl_rules *rs;
    int rc, is_list;
    size_t i;

    memset(&o, 0, sizeof(o));
    o.cmd = "rules";
    if (argc < 1 || (strcmp(argv[0], "list") && strcmp(argv[0], "check") &&
                     strcmp(argv[0], "--help") && strcmp(argv[0], "-h"))) {
        cli_errorf("rules: want 'list' or 'check' (see 'dtl help rules')");
        return EXIT_USAGE;
    }
    if (argv[0][0] == '-') {
        cli_help(stdout, "rules");
        return EXIT_OK;
    }
    is_list = strcmp(argv[0], "list") == 0;
    rc = cli_parse(
        argc - 1, argv + 1,
        OPT_RULES | OPT_QUIET | (is_list ? OPT_FORMAT | OPT_OUTPUT : 0), &o);
    if (rc < 0) {
        cli_help(stdout, "rules");
        free(o.inputs);
        return EXIT_OK;
    }
    if (rc == EXIT_OK && is_list)
        rc = cli_check_format(&o, list_formats);
    if (rc == EXIT_OK && is_list && o.input_count) {
        cli_errorf("rules list: unexpected argument '%s'", o.inputs[0]);
        rc = EXIT_USAGE;
    }
    for (i = 0; rc == EXIT_OK && !is_list && i < o.input_count; i++) {
        if (o.rule_dir_count >= CLI_MAX_RULE_DIRS) {
            cli_errorf("too many rules directories");
            rc = EXIT_USAGE;
        } else {
            o.rule_dirs[o.rule_dir_count++] = o.inputs[i];
        }
    }
    if (rc != EXIT_OK) {
        free(o.inputs);
        return rc;
    }
    rs = cli_load_rules(&o, &rc);
    if (rs) {
        rc = is_list ? list(&o, rs) : check(&o, rs);
        dtl_rules_free(rs);
    } else if (!is_list) {
        printf("rule files have errors: nothing checked\n");
    }
    free(o.inputs);
    return rc;
}

/* SPDX-License-Identifier: MIT */
/*
 * cli_cmd_diff.c - "dtl diff OLD NEW": what NEW adds, removes and
 * changes.  Exit status as diff(1): 0 the same, 1 different, 2 or more
 * trouble.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static const char *const diff_formats[] = {"text", "json", "html", NULL};

int cmd_diff(int argc, char **argv)
{
    cli_opts o;
    dtl_rules *rs = NULL;
    dtl_timeline *a = NULL, *b = NULL;
    dtl_diff *d = NULL;
    dtl_error err;
    cli_out out;
    dtl_status st;
    int rc;

    if (!cli_start("diff", argc, argv,
                   OPT_DATE | OPT_RULES | OPT_FORMAT | OPT_OUTPUT | OPT_QUIET |
                       OPT_COLOR | OPT_LANES,
                   diff_formats, &o, &rc))
        return rc;
    if (rc == EXIT_OK && o.input_count != 2) {
        cli_errorf("diff: want two inputs, OLD and NEW (got %zu)",
                   o.input_count);
        rc = EXIT_USAGE;
    }
    if (rc != EXIT_OK)
        goto done;
    a = cli_load_timeline(&o, &rs, o.inputs[0], &rc);
    if (a == NULL)
        goto done;
    b = cli_load_timeline(&o, &rs, o.inputs[1], &rc);
    if (b == NULL)
        goto done;
    d = dtl_diff_new(a, b);
    if (d == NULL) {
        cli_errorf("out of memory");
        rc = EXIT_IO;
        goto done;
    }
    rc = cli_out_open(&out, o.output);
    if (rc != EXIT_OK)
        goto done;
    if (o.format && strcmp(o.format, "json") == 0) {
        st = dtl_diff_write_json(d, o.inputs[0], o.inputs[1], out.fp, &err);
    } else if (o.format && strcmp(o.format, "html") == 0) {
        dtl_html_options ho = {DTL_HTML_LANES_ACTOR, NULL};

        if (o.lanes && strcmp(o.lanes, "type") == 0)
            ho.lanes = DTL_HTML_LANES_TYPE;
        st = dtl_diff_write_html(d, a, b, o.inputs[0], o.inputs[1], out.fp, &ho,
                                 &err);
    } else {
        st = dtl_diff_write_text(d, o.inputs[0], o.inputs[1], out.fp,
                                 cli_color(&o, out.fp), &err);
    }
    if (st != DTL_OK) {
        cli_print_error(&err);
        cli_out_abort(&out);
        rc = cli_exit_for(st);
        goto done;
    }
    rc = cli_out_commit(&out);
    if (rc == EXIT_OK && dtl_diff_differences(d))
        rc = EXIT_NONE;
done:
    dtl_diff_free(d);
    dtl_timeline_free(a);
    dtl_timeline_free(b);
    dtl_rules_free(rs);
    free(o.inputs);
    return rc;
}

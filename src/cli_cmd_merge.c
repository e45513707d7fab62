/* SPDX-License-Identifier: MIT */
/*
 * cli_cmd_merge.c - "dtl merge FILE...": one consolidated timeline from
 * articles, JSON timelines and .ics files, in any order.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const merge_formats[] = {"json", "ics", "text", "html",
                                            NULL};

int cmd_merge(int argc, char **argv)
{
    cli_opts o;
    dtl_rules *rs = NULL;
    dtl_timeline **tls = NULL, *m = NULL;
    dtl_error err;
    cli_out out;
    dtl_status st;
    const char *format;
    size_t i, n = 0;
    int rc;

    if (!cli_start("merge", argc, argv,
                   OPT_DATE | OPT_RULES | OPT_FORMAT | OPT_OUTPUT | OPT_QUIET |
                       OPT_COLOR | OPT_LANES,
                   merge_formats, &o, &rc))
        return rc;
    if (rc == EXIT_OK && o.input_count == 0) {
        cli_errorf("merge: want at least one input");
        rc = EXIT_USAGE;
    }
    if (rc != EXIT_OK)
        goto done;
    tls = calloc(o.input_count, sizeof(*tls));
    if (tls == NULL) {
        rc = EXIT_IO;
        goto done;
    }
    for (n = 0; n < o.input_count; n++) {
        tls[n] = cli_load_timeline(&o, &rs, o.inputs[n], &rc);
        if (tls[n] == NULL)
            goto done;
    }
    m = dtl_merge((const dtl_timeline *const *)tls, n, &err);
    if (m == NULL) {
        cli_print_error(&err);
        rc = cli_exit_for(err.code);
        goto done;
    }
    format = o.format                                      ? o.format
             : (o.output == NULL && isatty(STDOUT_FILENO)) ? "text"
                                                           : "json";
    rc = cli_out_open(&out, o.output);
    if (rc != EXIT_OK)
        goto done;
    if (strcmp(format, "json") == 0) {
        st = dtl_timeline_write_json(m, out.fp, &err);
    } else if (strcmp(format, "ics") == 0) {
        dtl_ics_options io;
        const char *sde = getenv("SOURCE_DATE_EPOCH");

        io.dtstamp = -1;
        if (sde && *sde)
            io.dtstamp = strtoll(sde, NULL, 10);
        st = dtl_timeline_write_ics(m, out.fp, &io, &err);
    } else if (strcmp(format, "html") == 0) {
        dtl_html_options ho = {DTL_HTML_LANES_ACTOR, NULL};

        if (o.lanes && strcmp(o.lanes, "type") == 0)
            ho.lanes = DTL_HTML_LANES_TYPE;
        st = dtl_timeline_write_html(m, out.fp, &ho, &err);
    } else {
        st = dtl_timeline_write_text(m, out.fp, cli_color(&o, out.fp), &err);
    }
    if (st != DTL_OK) {
        cli_print_error(&err);
        cli_out_abort(&out);
        rc = cli_exit_for(st);
        goto done;
    }
    rc = cli_out_commit(&out);
    if (rc == EXIT_OK && dtl_timeline_event_count(m) == 0)
        rc = EXIT_NONE;
done:
    for (i = 0; tls && i < n; i++)
        dtl_timeline_free(tls[i]);
    free(tls);
    dtl_timeline_free(m);
    dtl_rules_free(rs);
    free(o.inputs);
    return rc;
}

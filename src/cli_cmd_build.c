/* SPDX-License-Identifier: MIT */
/*
 * cli_cmd_build.c - "dtl build": articles in, timelines out.
 *
 * One article gives one timeline in the chosen format.  Several
 * articles, a directory or JSON Lines input give one JSON timeline per
 * line (--format jsonl), in input order.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const build_formats[] = {"json", "jsonl", "ics",
                                            "text", "html",  NULL};

static int write_timeline(cli_opts *o, const dtl_timeline *tl,
                          const char *format, cli_out *out)
{
    dtl_error err;
    dtl_status st;

    if (strcmp(format, "json") == 0) {
        st = dtl_timeline_write_json(tl, out->fp, &err);
    } else if (strcmp(format, "jsonl") == 0) {
        st = dtl_timeline_write_jsonl(tl, out->fp, &err);
    } else if (strcmp(format, "ics") == 0) {
        dtl_ics_options io;
        const char *sde = getenv("SOURCE_DATE_EPOCH");

        io.dtstamp = -1;
        if (sde && *sde) {
            char *e;
            long long v = strtoll(sde, &e, 10);

            if (*e == '\0' && v >= 0)
                io.dtstamp = v;
        }
        st = dtl_timeline_write_ics(tl, out->fp, &io, &err);
    } else if (strcmp(format, "html") == 0) {
        dtl_html_options ho = {DTL_HTML_LANES_ACTOR, NULL};

        if (o->lanes && strcmp(o->lanes, "type") == 0)
            ho.lanes = DTL_HTML_LANES_TYPE;
        st = dtl_timeline_write_html(tl, out->fp, &ho, &err);
    } else {
        st = dtl_timeline_write_text(tl, out->fp, cli_color(o, out->fp), &err);
    }
    if (st != DTL_OK) {
        cli_print_error(&err);
        return cli_exit_for(st);
    }
    return EXIT_OK;
}

static int build_one(cli_opts *o, const dtl_rules *rs, const char *path,
                     const char *format)
{
    dtl_error err;
    dtl_text *text;
    dtl_timeline *tl;
    cli_out out;
    int rc;
    size_t n;

    memset(&err, 0, sizeof(err));
    text = dtl_text_load(path, &err);
    if (text == NULL) {
        cli_print_error(&err);
        return cli_exit_for(err.code);
    }
    if (o->date)
        dtl_text_set_date(text, o->day);
    tl = dtl_timeline_build(rs, text, cli_diag, o, &err);
    dtl_text_free(text);
    if (tl == NULL) {
        cli_print_error(&err);
        return cli_exit_for(err.code);
    }
    rc = cli_out_open(&out, o->output);
    if (rc == EXIT_OK) {
        rc = write_timeline(o, tl, format, &out);
        if (rc == EXIT_OK)
            rc = cli_out_commit(&out);
        else
            cli_out_abort(&out);
    }
    n = dtl_timeline_event_count(tl);
    dtl_timeline_free(tl);
    if (rc == EXIT_OK && n == 0)
        rc = EXIT_NONE;
    return rc;
}

/* Several inputs, a directory, JSON Lines or --format jsonl: batch. */
static int is_batch(const cli_opts *o)
{
    size_t i;
    struct stat st;

    if (o->input_count > 1 || (o->format && !strcmp(o->format, "jsonl")))
        return 1;
    for (i = 0; i < o->input_count; i++) {
        size_t n = strlen(o->inputs[i]);

        if (n > 6 && strcmp(o->inputs[i] + n - 6, ".jsonl") == 0)
            return 1;
        if (stat(o->inputs[i], &st) == 0 && S_ISDIR(st.st_mode))
            return 1;
    }
    return 0;
}

int cmd_build(int argc, char **argv)
{
    cli_opts o;
    dtl_rules *rs;
    const char *format;
    int rc, batch;

    if (!cli_start("build", argc, argv,
                   OPT_DATE | OPT_RULES | OPT_FORMAT | OPT_OUTPUT | OPT_QUIET |
                       OPT_COLOR | OPT_JOBS | OPT_LANES,
                   build_formats, &o, &rc))
        return rc;
    batch = is_batch(&o);
    format = o.format                                      ? o.format
             : batch                                       ? "jsonl"
             : (o.output == NULL && isatty(STDOUT_FILENO)) ? "text"
                                                           : "json";
    if (batch && strcmp(format, "jsonl") != 0 && strcmp(format, "text") != 0) {
        cli_errorf("build: several articles give one timeline each: use "
                   "--format jsonl (or text)");
        free(o.inputs);
        return EXIT_USAGE;
    }
    rs = cli_load_rules(&o, &rc);
    if (rs == NULL) {
        free(o.inputs);
        return rc;
    }
    if (batch) {
        /* Many articles: JIT compiling pays; on several threads, all of
         * it at once, side by side. */
        dtl_rules_set_jit_after(rs, 0);
        if (cli_jobs(&o) > 1)
            dtl_rules_jit(rs);
        rc = cli_batch(&o, rs, format);
    } else
        rc = build_one(&o, rs, o.input_count ? o.inputs[0] : "-", format);
    dtl_rules_free(rs);
    free(o.inputs);
    return rc;
}

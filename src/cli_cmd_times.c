/* SPDX-License-Identifier: MIT */
/*
 * cli_cmd_times.c - "dtl times": every time expression of an article,
 * as JSON or as TimeML.
 */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const char *const times_formats[] = {"json", "jsonl", "timeml", NULL};

/* JSON Lines in ({"id","date","text"} per line), one line out each; a
 * bad record is reported and skipped. */
static int times_jsonl(cli_opts *o, const dtl_rules *rs, const char *path,
                       FILE *out)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    unsigned long lineno = 0;
    int rc = EXIT_OK;

    if (f == NULL) {
        cli_errorf("%s: %s", path, strerror(errno));
        return EXIT_IO;
    }
    while ((n = getline(&line, &cap, f)) >= 0) {
        dtl_error err;
        dtl_text *t;
        dtl_timex *tx = NULL;
        size_t count = 0;

        lineno++;
        if (n <= 1)
            continue;
        memset(&err, 0, sizeof(err));
        t = dtl_text_new_json(line, (size_t)n, path, lineno, &err);
        if (t == NULL) {
            cli_print_error(&err);
            rc = EXIT_USAGE;
            continue;
        }
        if (o->date)
            dtl_text_set_date(t, o->day);
        if (dtl_times_find(rs, t, NULL, NULL, &tx, &count) != DTL_OK ||
            dtl_times_write_jsonl(t, tx, count, out, &err) != DTL_OK) {
            free(tx);
            dtl_text_free(t);
            rc = EXIT_IO;
            break;
        }
        free(tx);
        dtl_text_free(t);
    }
    free(line);
    if (f != stdin)
        fclose(f);
    return rc;
}

int cmd_times(int argc, char **argv)
{
    cli_opts o;
    dtl_rules *rs = NULL;
    dtl_text *text = NULL;
    dtl_timex *tx = NULL;
    size_t n = 0;
    dtl_error err;
    dtl_status st;
    cli_out out;
    int rc;

    if (!cli_start("times", argc, argv,
                   OPT_DATE | OPT_RULES | OPT_FORMAT | OPT_OUTPUT | OPT_QUIET,
                   times_formats, &o, &rc))
        return rc;
    if (rc == EXIT_OK && o.input_count > 1) {
        cli_errorf("times: one article at a time");
        rc = EXIT_USAGE;
    }
    if (rc != EXIT_OK)
        goto done;
    rs = cli_load_rules(&o, &rc);
    if (rs == NULL)
        goto done;
    if (o.format && strcmp(o.format, "jsonl") == 0) {
        dtl_rules_set_jit_after(rs, 0); /* many articles */
        rc = cli_out_open(&out, o.output);
        if (rc == EXIT_OK)
            rc = cli_out_finish(
                &out,
                times_jsonl(&o, rs, o.input_count ? o.inputs[0] : "-", out.fp));
        goto done;
    }
    memset(&err, 0, sizeof(err));
    text = dtl_text_load(o.input_count ? o.inputs[0] : "-", &err);
    if (text == NULL) {
        cli_print_error(&err);
        rc = cli_exit_for(err.code);
        goto done;
    }
    if (o.date)
        dtl_text_set_date(text, o.day);
    st = dtl_times_find(rs, text, cli_diag, &o, &tx, &n);
    if (st != DTL_OK) {
        cli_errorf("out of memory");
        rc = EXIT_IO;
        goto done;
    }
    rc = cli_out_open(&out, o.output);
    if (rc != EXIT_OK)
        goto done;
    if (o.format && strcmp(o.format, "timeml") == 0)
        st = dtl_times_write_timeml(text, tx, n, out.fp, &err);
    else
        st = dtl_times_write_json(text, tx, n, out.fp, &err);
    if (st != DTL_OK) {
        cli_print_error(&err);
        cli_out_abort(&out);
        rc = cli_exit_for(st);
        goto done;
    }
    rc = cli_out_commit(&out);
done:
    free(tx);
    dtl_text_free(text);
    dtl_rules_free(rs);
    free(o.inputs);
    return rc;
}

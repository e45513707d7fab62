/* SPDX-License-Identifier: MIT */
/*
 * export_timeml.c - the article text with <TIMEX3> tags, as HeidelTime
 * and the TempEval tools write it: every time expression wrapped in
 * <TIMEX3 tid="tN" type="..." value="...">, the text XML-escaped.
 */
#include <dtl/export.h>

#include <string.h>

#include "diag.h"

static int put_escaped(FILE *out, const char *s, size_t len)
{
    size_t i;

    for (i = 0; i < len; i++) {
        const char *rep = NULL;

        switch (s[i]) {
        case '&':
            rep = "&amp;";
            break;
        case '<':
            rep = "&lt;";
            break;
        case '>':
            rep = "&gt;";
            break;
        case '"':
            rep = "&quot;";
            break;
        default:
            break;
        }
        if (rep ? fputs(rep, out) == EOF : fputc(s[i], out) == EOF)
            return -1;
    }
    return 0;
}

dtl_status dtl_times_write_timeml(const dtl_text *text, const dtl_timex *tx,
                                  size_t count, FILE *out, dtl_error *err)
{
    size_t len, pos = 0, i;
    const char *s = dtl_text_data(text, &len);

    if (fputs("<?xml version=\"1.0\" ?>\n<TimeML>\n<TEXT>", out) == EOF)
        goto fail;
    for (i = 0; i < count; i++) {
        const dtl_timex *t = &tx[i];

        if (t->start < pos)
            continue;
        if (put_escaped(out, s + pos, t->start - pos) ||
            fprintf(out, "<TIMEX3 tid=\"t%zu\" type=\"%s\" value=\"", i + 1,
                    dtl_timex_type_name(t->type)) < 0 ||
            put_escaped(out, t->value, strlen(t->value)) ||
            fputc('"', out) == EOF)
            goto fail;
        if (t->mod[0] && fprintf(out, " mod=\"%s\"", t->mod) < 0)
            goto fail;
        if (fputc('>', out) == EOF ||
            put_escaped(out, s + t->start, t->end - t->start) ||
            fputs("</TIMEX3>", out) == EOF)
            goto fail;
        pos = t->end;
    }
    if (put_escaped(out, s + pos, len - pos) ||
        fputs("</TEXT>\n</TimeML>\n", out) == EOF)
        goto fail;
    return DTL_OK;
fail:
    return diag_set(err, DTL_EIO, "", 0, 0, "write error");
}

/* SPDX-License-Identifier: MIT */
/*
 * export_text.c - a timeline as a table for people: one line per entry
 * (when, how sure, status, summary) and the first evidence sentence
 * under it, shortened.  Colour only when asked (the CLI asks on a
 * terminal).
 */
#include <dtl/export.h>

#include <string.h>

#include "buf.h"
#include "diag.h"
#include "timeline.h"

#define BOLD          "\033[1m"
#define DIM           "\033[2m"
#define RED           "\033[31m"
#define YELLOW        "\033[33m"
#define RESET         "\033[0m"
#define EVIDENCE_COLS 96

/* Appends s shortened to cols characters, with an ellipsis. */
static void put_short(buf *b, const char *s, size_t cols)
{
    size_t i = 0, chars = 0;

    while (s[i] && chars < cols) {
        i++;
        while (((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
        chars++;
    }
    buf_append(b, s, i);
    if (s[i])
        buf_puts(b, "...");
}

dtl_status dtl_timeline_write_text(const dtl_timeline *tl, FILE *out, int color,
                                   dtl_error *err)
{
    buf b;
    size_t i, n = dtl_timeline_event_count(tl), nd;
    char when[32], dct[11];
    const dtl_document *d;

    buf_init(&b, 0);
    nd = dtl_timeline_document_count(tl);
    for (i = 0; i < nd; i++) {
        d = dtl_timeline_document(tl, i);
        dtl_date_format(d->dct, dct);
        buf_printf(&b, "%s%s%s  (%s, %s)\n", color ? BOLD : "",
                   *d->title ? d->title : d->id, color ? RESET : "",
                   d->dct == DTL_DAY_NONE ? "no date" : dct, d->id);
    }
    buf_printf(&b, "%zu event%s\n\n", n, n == 1 ? "" : "s");
    for (i = 0; i < n; i++) {
        const dtl_event *e = dtl_timeline_event(tl, i);
        const char *st = dtl_event_status_name(e->status);

        timeline_when_text(&e->date, 0, when, sizeof(when));
        buf_printf(&b, "%-4s %s%-22s%s %-11s ", e->id, color ? BOLD : "", when,
                   color ? RESET : "", dtl_certainty_name(e->date.certainty));
        if (color && e->status != DTL_STATUS_OCCURRED)
            buf_printf(&b, YELLOW "%-9s" RESET " ", st);
        else
            buf_printf(&b, "%-9s ", st);
        buf_puts(&b, e->summary);
        if (e->conflict)
            buf_printf(&b, " %s[date conflict]%s", color ? RED : "",
                       color ? RESET : "");
        buf_puts(&b, "\n");
        if (e->evidence_count) {
            buf_printf(&b, "     %s\"", color ? DIM : "");
            put_short(&b, e->evidence[0].text, EVIDENCE_COLS);
            buf_printf(&b, "\"%s", color ? RESET : "");
            if (e->evidence_count > 1)
                buf_printf(&b, " (+%zu more)", e->evidence_count - 1);
            buf_puts(&b, "\n");
        }
    }
    if (b.data == NULL && b.len == 0) {
        buf_free(&b);
        return diag_set(err, DTL_ENOMEM, "", 0, 0, "out of memory");
    }
    if (fwrite(b.data, 1, b.len, out) != b.len) {
        buf_free(&b);
        return diag_set(err, DTL_EIO, "", 0, 0, "write error");
    }
    buf_free(&b);
    return DTL_OK;
}

/* SPDX-License-Identifier: MIT */
/*
 * anchor.h - giving events and time expressions their reference time
 * (private).
 */
#ifndef DTL_ANCHOR_H
#define DTL_ANCHOR_H

#include "event.h"
#include "timex.h"

/*
 * Dates every event of evs: the time expression that governs it,
 * resolved against the publication date, the time its quotation was
 * said, or the event it follows.  Warns through diag when the article
 * has no publication date.
 */
dtl_status anchor_events(const dtl_rules *rules, const dtl_text *text,
                         const segmentation *seg, matcher *m, const tx_list *tx,
                         ev_list *evs);

#endif

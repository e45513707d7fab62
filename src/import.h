/* SPDX-License-Identifier: MIT */
/*
 * import.h - what the JSON and iCalendar readers share (private):
 * names back to enums, and the shape of an event being read.
 */
#ifndef DTL_IMPORT_H
#define DTL_IMPORT_H

#include <dtl/event.h>

/* The enum value whose name (by the public *_name() functions) is s;
 * def when none. */
int import_status(const char *s, int def);
int import_granularity(const char *s, int def);
int import_certainty(const char *s, int def);
int import_anchor(const char *s, int def);
int import_role(const char *s, int def);

/* "YYYY-MM-DD" or NULL -> day; returns -1 for anything else. */
int import_day(const char *s, dtl_day *out);

#endif

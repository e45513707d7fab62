/* SPDX-License-Identifier: MIT */
/*
 * date.h - proleptic Gregorian calendar arithmetic on dtl_day (days since
 * 1970-01-01), private.  Right at month ends, leap years and ISO week
 * boundaries; years 1 to 9999.
 */
#ifndef DTL_DATE_H
#define DTL_DATE_H

#include <dtl/text.h>

#define DATE_MIN_YEAR 1
#define DATE_MAX_YEAR 9999

int date_is_leap(int y);
int date_days_in_month(int y, int m);
int date_valid(int y, int m, int d);
dtl_day date_from_ymd(int y, int m, int d);
void date_to_ymd(dtl_day day, int *y, int *m, int *d);
int date_year(dtl_day day);
/* ISO weekday: 1 Monday ... 7 Sunday. */
int date_weekday(dtl_day day);
/* ISO 8601 week-numbering year and week of day. */
void date_iso_week(dtl_day day, int *wyear, int *week);
/* The Monday of ISO week w of ISO year wy. */
dtl_day date_iso_week_monday(int wy, int w);
/* day plus n months, clamped to the end of the month (Mar 31 - 1 = Feb
 * 28/29). */
dtl_day date_add_months(dtl_day day, int n);
/* First and last day of the month/year containing day. */
dtl_day date_month_start(dtl_day day);
dtl_day date_month_end(dtl_day day);
dtl_day date_year_start(int y);
dtl_day date_year_end(int y);
/* True when day is within years 1..9999. */
int date_in_range(dtl_day day);

#endif

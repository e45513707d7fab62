/* SPDX-License-Identifier: MIT */
/*
 * date.c - calendar arithmetic on dtl_day, the day count since
 * 1970-01-01 in the proleptic Gregorian calendar, and the public
 * dtl_date_parse()/dtl_date_format().  Conversions use the era
 * decomposition (400-year cycles of 146097 days); nothing here reads the
 * clock or the time zone.
 */
#include "date.h"

#include <string.h>

#include "util.h"

int date_is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    if (m < 1 || m > 12)
        return 0;
    return days[m - 1] + (m == 2 && date_is_leap(y));
}

int date_valid(int y, int m, int d)
{
    return y >= DATE_MIN_YEAR && y <= DATE_MAX_YEAR && m >= 1 && m <= 12 &&
           d >= 1 && d <= date_days_in_month(y, m);
}

/*
 * Shift the year to start in March so the leap day is last; then a year
 * of the 400-year era has 365 days plus its leap days.  Example:
 * 2021-03-29 -> y=2021, mp=0, doy=28, era=5, yoe=21 -> 18715.
 */
dtl_day date_from_ymd(int y, int m, int d)
{
    long yy = y - (m <= 2);
    long era = (yy >= 0 ? yy : yy - 399) / 400;
    long yoe = yy - era * 400;
    long mp = (m + 9) % 12;
    long doy = (153 * mp + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

    return (dtl_day)(era * 146097 + doe - 719468);
}

void date_to_ymd(dtl_day day, int *y, int *m, int *d)
{
    long z = (long)day + 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long dd = doy - (153 * mp + 2) / 5 + 1;
    long mm = mp < 10 ? mp + 3 : mp - 9;
    long yy = yoe + era * 400 + (mm <= 2);

    *y = (int)yy;
    *m = (int)mm;
    *d = (int)dd;
}

int date_year(dtl_day day)
{
    int y, m, d;

    date_to_ymd(day, &y, &m, &d);
    return y;
}

int date_weekday(dtl_day day)
{
    /* 1970-01-01 was a Thursday (4). */
    long w = ((long)day + 3) % 7;

    if (w < 0)
        w += 7;
    return (int)w + 1;
}

dtl_day date_iso_week_monday(int wy, int w)
{
    dtl_day jan4 = date_from_ymd(wy, 1, 4);
    dtl_day week1 = jan4 - (date_weekday(jan4) - 1);

    return week1 + (w - 1) * 7;
}

void date_iso_week(dtl_day day, int *wyear, int *week)
{
    /* The week belongs to the year of its Thursday. */
    dtl_day thu = day + (4 - date_weekday(day));
    int y = date_year(thu);
    dtl_day week1 = date_iso_week_monday(y, 1);

    *wyear = y;
    *week = (int)((thu - week1) / 7) + 1;
}

dtl_day date_add_months(dtl_day day, int n)
{
    int y, m, d, dim;
    long total;

    date_to_ymd(day, &y, &m, &d);
    total = (long)y * 12 + (m - 1) + n;
    y = (int)(total / 12);
    m = (int)(total % 12) + 1;
    dim = date_days_in_month(y, m);
    if (d > dim)
        d = dim;
    return date_from_ymd(y, m, d);
}

dtl_day date_month_start(dtl_day day)
{
    int y, m, d;

    date_to_ymd(day, &y, &m, &d);
    return date_from_ymd(y, m, 1);
}

dtl_day date_month_end(dtl_day day)
{
    int y, m, d;

    date_to_ymd(day, &y, &m, &d);
    return date_from_ymd(y, m, date_days_in_month(y, m));
}

dtl_day date_year_start(int y)
{
    return date_from_ymd(y, 1, 1);
}

dtl_day date_year_end(int y)
{
    return date_from_ymd(y, 12, 31);
}

int date_in_range(dtl_day day)
{
    return day != DTL_DAY_NONE && day >= date_from_ymd(DATE_MIN_YEAR, 1, 1) &&
           day <= date_from_ymd(DATE_MAX_YEAR, 12, 31);
}

dtl_status dtl_date_parse(const char *s, dtl_day *out)
{
    long y, m, d;

    if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return DTL_EINPUT;
    y = util_parse_uint(s, 4);
    m = util_parse_uint(s + 5, 2);
    d = util_parse_uint(s + 8, 2);
    if (y < 0 || m < 0 || d < 0 || !date_valid((int)y, (int)m, (int)d))
        return DTL_EINPUT;
    *out = date_from_ymd((int)y, (int)m, (int)d);
    return DTL_OK;
}

void dtl_date_format(dtl_day day, char buf[11])
{
    int y, m, d;

    if (!date_in_range(day)) {
        memcpy(buf, "XXXX-XX-XX", 11);
        return;
    }
    date_to_ymd(day, &y, &m, &d);
    buf[0] = (char)('0' + y / 1000);
    buf[1] = (char)('0' + y / 100 % 10);
    buf[2] = (char)('0' + y / 10 % 10);
    buf[3] = (char)('0' + y % 10);
    buf[4] = '-';
    buf[5] = (char)('0' + m / 10);
    buf[6] = (char)('0' + m % 10);
    buf[7] = '-';
    buf[8] = (char)('0' + d / 10);
    buf[9] = (char)('0' + d % 10);
    buf[10] = '\0';
}

/* SPDX-License-Identifier: MIT */
/* test_date.c - calendar arithmetic edge cases (date.c). */
#include <dtl/text.h>

#include "../../src/date.h"
#include "check.h"

static dtl_day d(const char *s)
{
    dtl_day out = DTL_DAY_NONE;

    CHECK(dtl_date_parse(s, &out) == DTL_OK);
    return out;
}

static void fmt_is(dtl_day day, const char *want)
{
    char b[11];

    dtl_date_format(day, b);
    CHECK_STR(b, want);
}

static void week_is(const char *day, int wy, int w)
{
    int y, k;

    date_iso_week(d(day), &y, &k);
    CHECK(y == wy && k == w);
}

int main(void)
{
    dtl_day x;

    /* Parsing refuses impossible dates. */
    CHECK(dtl_date_parse("2021-02-29", &x) == DTL_EINPUT);
    CHECK(dtl_date_parse("2020-02-29", &x) == DTL_OK);
    CHECK(dtl_date_parse("1900-02-29", &x) == DTL_EINPUT);
    CHECK(dtl_date_parse("2000-02-29", &x) == DTL_OK);
    CHECK(dtl_date_parse("2021-04-31", &x) == DTL_EINPUT);
    CHECK(dtl_date_parse("0000-01-01", &x) == DTL_EINPUT);
    CHECK(dtl_date_parse("99999-01-01", &x) == DTL_EINPUT);
    CHECK(dtl_date_parse("2021-3-5", &x) == DTL_EINPUT);
    CHECK(dtl_date_parse("2021-03-05x", &x) == DTL_EINPUT);
    CHECK(dtl_date_parse("", &x) == DTL_EINPUT);
    CHECK(dtl_date_parse(NULL, &x) == DTL_EINPUT);

    /* Round trips across eras. */
    fmt_is(d("1970-01-01"), "1970-01-01");
    CHECK(d("1970-01-01") == 0);
    fmt_is(d("0001-01-01"), "0001-01-01");
    fmt_is(d("9999-12-31"), "9999-12-31");
    fmt_is(d("1600-02-29"), "1600-02-29");
    CHECK(d("2021-03-01") - d("2021-02-28") == 1);
    CHECK(d("2020-03-01") - d("2020-02-28") == 2);
    fmt_is(DTL_DAY_NONE, "XXXX-XX-XX");

    /* Weekdays: 2021-03-29 was a Monday. */
    CHECK(date_weekday(d("2021-03-29")) == 1);
    CHECK(date_weekday(d("2021-03-28")) == 7);
    CHECK(date_weekday(d("1970-01-01")) == 4);
    CHECK(date_weekday(d("1969-12-31")) == 3);

    /* ISO weeks at year ends. */
    week_is("2021-03-16", 2021, 11);
    week_is("2020-12-31", 2020, 53);
    week_is("2021-01-03", 2020, 53);
    week_is("2021-01-04", 2021, 1);
    week_is("2018-12-31", 2019, 1);
    week_is("2015-12-31", 2015, 53);
    fmt_is(date_iso_week_monday(2020, 53), "2020-12-28");

    /* Month arithmetic clamps to the month's end. */
    fmt_is(date_add_months(d("2021-03-31"), -1), "2021-02-28");
    fmt_is(date_add_months(d("2020-03-30"), -1), "2020-02-29");
    fmt_is(date_add_months(d("2021-01-31"), 1), "2021-02-28");
    fmt_is(date_add_months(d("2021-12-15"), 1), "2022-01-15");
    fmt_is(date_add_months(d("2021-01-15"), -13), "2019-12-15");
    fmt_is(date_month_end(d("2024-02-10")), "2024-02-29");
    fmt_is(date_month_start(d("2024-02-10")), "2024-02-01");
    CHECK(date_days_in_month(2100, 2) == 28);
    CHECK(!date_in_range(DTL_DAY_NONE));
    return CHECK_DONE();
}

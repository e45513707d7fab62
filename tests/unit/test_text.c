/* SPDX-License-Identifier: MIT */
/* test_text.c - reading articles: header, encoding, offsets (text.c). */
#include <dtl/text.h>

#include <string.h>

#include "../../src/text.h"
#include "check.h"

static dtl_text *mk(const char *s, dtl_error *err)
{
    return dtl_text_new(s, strlen(s), "t", err);
}

static void rejects(const char *s, size_t len, const char *msg)
{
    dtl_error err;
    dtl_text *t;

    memset(&err, 0, sizeof(err));
    t = dtl_text_new(s, len, "t", &err);
    CHECK(t == NULL);
    CHECK(err.code == DTL_EINPUT);
    CHECK(strstr(err.msg, msg) != NULL);
    dtl_text_free(t);
}

int main(void)
{
    dtl_error err;
    dtl_text *t;
    const char *norm;
    size_t len;

    /* Header keys are case-insensitive; the body follows the blank
     * line. */
    t = mk("TITLE: Talks\nDate: 2021-03-30\nSource: x\nId: a1\n\nBody.\n",
           &err);
    CHECK(t != NULL);
    CHECK_STR(dtl_text_meta(t, "title"), "Talks");
    CHECK_STR(dtl_text_meta(t, "ID"), "a1");
    CHECK(dtl_text_date(t) != DTL_DAY_NONE);
    norm = text_norm(t, &len);
    CHECK_STR(norm, "Body.\n");
    CHECK(text_raw_off(t, 0) == strlen("TITLE: Talks\nDate: 2021-03-30\n"
                                       "Source: x\nId: a1\n\n"));
    dtl_text_free(t);

    /* No blank line: no header, all text; no date. */
    t = mk("Title: x\nDate: 2021-03-30", &err);
    CHECK(t != NULL);
    CHECK(dtl_text_meta(t, "title") == NULL);
    CHECK(dtl_text_date(t) == DTL_DAY_NONE);
    dtl_text_free(t);

    /* "Key: value" lines without a known key are text. */
    t = mk("WASHINGTON: talks began.\n\nMore.\n", &err);
    CHECK(t != NULL);
    CHECK(dtl_text_meta(t, "washington") == NULL);
    dtl_text_free(t);

    /* Curly quotes, dashes and NBSP fold to ASCII; offsets map back. */
    t = mk("\xE2\x80\x9CHi\xE2\x80\x9D \xE2\x80\x94 it\xE2\x80\x99s\xC2\xA0ok",
           &err);
    CHECK(t != NULL);
    norm = text_norm(t, &len);
    CHECK_STR(norm, "\"Hi\" - it's ok");
    CHECK(text_raw_off(t, 0) == 0);
    CHECK(text_raw_off(t, 1) == 3);  /* H */
    CHECK(text_raw_off(t, 4) == 8);  /* space after the quote */
    CHECK(text_raw_off(t, 5) == 9);  /* the dash */
    CHECK(text_raw_off(t, 6) == 12); /* space after it */
    CHECK(text_raw_off(t, len) == strlen("\xE2\x80\x9CHi\xE2\x80\x9D "
                                         "\xE2\x80\x94 it\xE2\x80\x99s"
                                         "\xC2\xA0ok"));
    CHECK(text_quote_kind(t, 0) == 1);
    CHECK(text_quote_kind(t, 3) == 2);
    CHECK(dtl_text_cp_offset(t, 3) == 1);
    CHECK(dtl_text_cp_offset(t, 12) == 6);
    dtl_text_free(t);

    /* A BOM is not text. */
    t = mk("\xEF\xBB\xBFTitle: x\nDate: 2021-01-01\n\nBody", &err);
    CHECK(t != NULL);
    CHECK_STR(dtl_text_meta(t, "title"), "x");
    dtl_text_free(t);

    /* Bad input. */
    rejects("a\0b", 3, "NUL byte");
    rejects("\xC0\xAF", 2, "invalid UTF-8");         /* overlong */
    rejects("\xED\xA0\x80", 3, "invalid UTF-8");     /* surrogate */
    rejects("ab\xE2\x80", 4, "invalid UTF-8");       /* truncated */
    rejects("\xF4\x90\x80\x80", 4, "invalid UTF-8"); /* > U+10FFFF */
    rejects("\xFF", 1, "invalid UTF-8");
    /* The bad byte's line and column, in characters, past the eight
     * ASCII bytes read at a time. */
    {
        static const char nul[] = "first line\nab\xC3\xA9"
                                  "cdefghij\0k";
        static const char bad[] = "0123456789abcdef\n\n\xE2\x80\x94xyzw\xE2x";

        memset(&err, 0, sizeof(err));
        CHECK(dtl_text_new(nul, sizeof(nul) - 1, "t", &err) == NULL);
        CHECK(err.line == 2 && err.col == 12);
        CHECK(strstr(err.msg, "NUL byte") != NULL);
        memset(&err, 0, sizeof(err));
        CHECK(dtl_text_new(bad, sizeof(bad) - 1, "t", &err) == NULL);
        CHECK(err.line == 3 && err.col == 6);
        CHECK(strstr(err.msg, "0xE2") != NULL);
    }
    /* Code-point offsets across blocks of ASCII and other text. */
    {
        char big[1100];
        size_t i;

        memset(big, 'a', sizeof(big));
        for (i = 300; i < 900; i += 100)
            memcpy(big + i, "\xE2\x80\x94", 3); /* a dash: 3 bytes, 1 cp */
        t = dtl_text_new(big, sizeof(big), "t", &err);
        CHECK(t != NULL);
        CHECK(dtl_text_cp_offset(t, 256) == 256);
        CHECK(dtl_text_cp_offset(t, 303) == 301);
        CHECK(dtl_text_cp_offset(t, 512) == 512 - 6);
        CHECK(dtl_text_cp_offset(t, 1024) == 1024 - 12);
        CHECK(dtl_text_cp_offset(t, sizeof(big)) == sizeof(big) - 12);
        dtl_text_free(t);
    }
    rejects("", 0, "empty article");
    rejects("Date: 2021-01-01\n\n  \n", 20, "empty article");
    rejects("Date: 2021-02-30\n\nx", 19, "bad Date");
    rejects("Date: 0000-01-01\n\nx", 19, "bad Date");
    rejects("Date: 99999-01-01\n\nx", 20, "bad Date");
    rejects("Date: soon\n\nx", 13, "bad Date");

    /* Line and column of a bad byte. */
    memset(&err, 0, sizeof(err));
    t = dtl_text_new("ab\ncd\xFF", 6, "f", &err);
    CHECK(t == NULL && err.line == 2 && err.col == 3);

    /* JSON Lines records. */
    t = dtl_text_new_json("{\"id\":\"r1\",\"date\":\"1987-03-26\","
                          "\"title\":\"T\",\"text\":\"Talks.\"}",
                          66, "in", 3, &err);
    CHECK(t != NULL);
    CHECK_STR(dtl_text_meta(t, "id"), "r1");
    dtl_text_free(t);
    memset(&err, 0, sizeof(err));
    t = dtl_text_new_json("{\"id\":\"r2\"}", 11, "in", 4, &err);
    CHECK(t == NULL && err.code == DTL_EINPUT);
    CHECK(strstr(err.msg, "no \"text\"") != NULL);
    CHECK(strstr(err.file, "in:4") != NULL);
    t = dtl_text_new_json("[1,2", 4, "in", 5, &err);
    CHECK(t == NULL && err.code == DTL_EINPUT);
    return CHECK_DONE();
}

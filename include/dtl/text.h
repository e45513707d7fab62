/* SPDX-License-Identifier: MIT */
/*
 * text.h - an article: its bytes, its header fields and its date.
 *
 * A dtl_text owns the article once (STYLE 5.4): every later stage refers
 * to it by byte spans.  Loading validates UTF-8, rejects NUL bytes,
 * reads the optional header block ("Key: value" lines ended by a blank
 * line) and prepares a normalised copy of the body for matching (curly
 * quotes, dashes and Unicode spaces folded to ASCII); reported offsets
 * always refer to the original bytes.
 */
#ifndef DTL_TEXT_H
#define DTL_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A calendar day: days since 1970-01-01 (proleptic Gregorian). */
typedef int32_t dtl_day;
#define DTL_DAY_NONE INT32_MIN

/*
 * Parses a strict "YYYY-MM-DD" (years 1 to 9999) into *out.
 * Returns DTL_OK, or DTL_EINPUT for any other string or an impossible
 * date such as 2021-02-30.
 */
dtl_status dtl_date_parse(const char *s, dtl_day *out);

/* Writes day as "YYYY-MM-DD" into buf (at least 11 bytes). */
void dtl_date_format(dtl_day day, char buf[11]);

typedef struct dtl_text dtl_text;

/*
 * Makes an article from len bytes of data (copied).  name is used in
 * messages (NULL: "<stdin>").  Returns NULL and fills err on invalid
 * UTF-8, NUL bytes, a bad Date: header (DTL_EINPUT), an article over
 * DTL_MAX_ARTICLE bytes (DTL_ELIMIT) or no memory.  Free with
 * dtl_text_free().
 */
dtl_text *dtl_text_new(const char *data, size_t len, const char *name,
                       dtl_error *err);

/*
 * Reads an article from path ("-" reads standard input).  Returns NULL
 * and fills err: DTL_EIO when the file cannot be read (a directory, a
 * missing file), otherwise as dtl_text_new().
 */
dtl_text *dtl_text_load(const char *path, dtl_error *err);

/*
 * Makes an article from one JSON Lines record {"id","date","title",
 * "text"}; name and lineno are used in messages.  Returns NULL and fills
 * err (DTL_EINPUT when the record is not an object with a string "text",
 * or its date is invalid).
 */
dtl_text *dtl_text_new_json(const char *line, size_t len, const char *name,
                            unsigned long lineno, dtl_error *err);

/* Frees text; NULL is a no-op. */
void dtl_text_free(dtl_text *text);

/*
 * Returns a header field ("id", "title", "source", "date", any key,
 * case-insensitive), borrowed from text, or NULL when absent.
 */
const char *dtl_text_meta(const dtl_text *text, const char *key);

/* The publication date, or DTL_DAY_NONE when the article has none. */
dtl_day dtl_text_date(const dtl_text *text);

/* Overrides the publication date (e.g. from --date). */
void dtl_text_set_date(dtl_text *text, dtl_day day);

/* The name given at load time (a path, or "<stdin>"). */
const char *dtl_text_name(const dtl_text *text);

/* The original bytes, header included; *len receives their length. */
const char *dtl_text_data(const dtl_text *text, size_t *len);

/*
 * Converts a byte offset into the original bytes to a code-point offset
 * (as Python counts string indices).
 */
size_t dtl_text_cp_offset(const dtl_text *text, size_t byte_off);

#ifdef __cplusplus
}
#endif
#endif

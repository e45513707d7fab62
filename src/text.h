/* SPDX-License-Identifier: MIT */
/*
 * text.h - the article's normalised body and offset mapping (private
 * part of text.c; the public part is <dtl/text.h>).
 */
#ifndef DTL_TEXT_PRIV_H
#define DTL_TEXT_PRIV_H

#include <dtl/text.h>

/* The normalised body: ASCII quotes, dashes and spaces; *len its size. */
const char *text_norm(const dtl_text *text, size_t *len);

/* Byte offset in the original input of normalised offset off. */
size_t text_raw_off(const dtl_text *text, size_t norm_off);

/* What the quote mark at normalised offset off was: 1 an opening curly
 * quote, 2 a closing one, 0 a straight quote or not a quote. */
int text_quote_kind(const dtl_text *text, size_t norm_off);

/*
 * Makes a text from a body and header fields (keys and values
 * NUL-terminated, count pairs); used by the JSON Lines reader.
 */
dtl_text *text_new_parts(const char *name, const char *body, size_t len,
                         const char *const *keys, const char *const *vals,
                         size_t count, dtl_error *err);

#endif

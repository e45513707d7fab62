/* SPDX-License-Identifier: MIT */
/*
 * import_jsonl.c - an article from one JSON Lines record, with cJSON:
 * {"id": ..., "date": "YYYY-MM-DD", "title": ..., "text": ...}; other
 * fields are ignored.  "text" is required; offsets refer to it.
 */
#include <dtl/limits.h>
#include <dtl/text.h>

#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>

#include "diag.h"
#include "text.h"

dtl_text *dtl_text_new_json(const char *line, size_t len, const char *name,
                            unsigned long lineno, dtl_error *err)
{
    cJSON *root, *text;
    const char *keys[4], *vals[4];
    static const char *const fields[] = {"id", "date", "title", "source"};
    char where[300];
    size_t n = 0, i;
    dtl_text *t;

    snprintf(where, sizeof(where), "%s:%lu", name ? name : "<stdin>", lineno);
    if (len > DTL_MAX_ARTICLE + 65536u) {
        diag_set(err, DTL_ELIMIT, where, 0, 0,
                 "record over the limit of %u bytes (DTL_MAX_ARTICLE)",
                 DTL_MAX_ARTICLE);
        return NULL;
    }
    root = cJSON_ParseWithLength(line, len);
    if (root == NULL || !cJSON_IsObject(root)) {
        cJSON_Delete(root);
        diag_set(err, DTL_EINPUT, where, 0, 0,
                 "not a JSON object (want {\"id\", \"date\", \"title\", "
                 "\"text\"})");
        return NULL;
    }
    text = cJSON_GetObjectItemCaseSensitive(root, "text");
    if (!cJSON_IsString(text) || text->valuestring == NULL) {
        cJSON_Delete(root);
        diag_set(err, DTL_EINPUT, where, 0, 0, "record has no \"text\" string");
        return NULL;
    }
    for (i = 0; i < 4; i++) {
        cJSON *f = cJSON_GetObjectItemCaseSensitive(root, fields[i]);

        if (cJSON_IsString(f) && f->valuestring) {
            keys[n] = fields[i];
            vals[n] = f->valuestring;
            n++;
        }
    }
    t = text_new_parts(where, text->valuestring, strlen(text->valuestring),
                       keys, vals, n, err);
    cJSON_Delete(root);
    return t;
}

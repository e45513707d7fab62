/* SPDX-License-Identifier: MIT */
/*
 * pcre2_limit.c - the practical limit for "make bench": the same text,
 * the same compiled patterns, a bare PCRE2-JIT loop and nothing else (no
 * sentences, no prefilter, no anchoring, no output).
 *
 * usage: pcre2_limit RULES_DIR FILE.jsonl
 * Reads every "text" of the JSON Lines file into memory first, then
 * runs each timex and event pattern over each text once, JIT-compiled,
 * in the form dtl uses for that text (without Unicode properties for a
 * text all in ASCII), and prints the seconds spent matching.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <dtl/dtl.h>

#include <cjson/cJSON.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../src/match.h"
#include "../src/rules.h"
#include "../src/util.h"

/* A JIT-compiled copy of form ascii of p (NULL: none). */
static pcre2_code *jit_form(const dtl_rules *rs, const pattern *p, int ascii)
{
    const pcre2_code *form = (const pcre2_code *)pattern_form(rs, p, ascii);
    pcre2_code *c = form ? pcre2_code_copy(form) : NULL;

    if (c)
        pcre2_jit_compile(c, PCRE2_JIT_COMPLETE);
    return c;
}

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    dtl_rules *rs;
    FILE *f;
    char *line = NULL, **texts = NULL;
    size_t cap = 0, n = 0, ncap = 0, i, j, k, bytes = 0, patterns = 0;
    ssize_t len;
    pcre2_match_data *md;
    double t0, t1;
    unsigned long matches = 0;

    if (argc != 3) {
        fprintf(stderr, "usage: pcre2_limit RULES_DIR FILE.jsonl\n");
        return 2;
    }
    rs = dtl_rules_new();
    if (dtl_rules_load_dir(rs, argv[1], NULL, NULL, NULL) != DTL_OK ||
        dtl_rules_compile(rs, NULL, NULL, NULL) != DTL_OK) {
        fprintf(stderr, "pcre2_limit: bad rules\n");
        return 3;
    }
    f = fopen(argv[2], "r");
    if (f == NULL) {
        perror(argv[2]);
        return 4;
    }
    while ((len = getline(&line, &cap, f)) > 0) {
        cJSON *o = cJSON_ParseWithLength(line, (size_t)len);
        cJSON *t = cJSON_GetObjectItemCaseSensitive(o, "text");

        if (cJSON_IsString(t)) {
            if (n == ncap) {
                ncap = ncap ? ncap * 2 : 1024;
                texts = realloc(texts, ncap * sizeof(*texts));
            }
            texts[n++] = strdup(t->valuestring);
            bytes += strlen(t->valuestring);
        }
        cJSON_Delete(o);
    }
    fclose(f);
    free(line);
    md = pcre2_match_data_create(64, NULL);
    t0 = now();
    for (j = 0; j < rs->live_count; j++) {
        const rule *ru = rs->live[j];

        if (ru->kind != RULE_TIMEX && ru->kind != RULE_EVENT)
            continue;
        for (k = 0; k < ru->pat_count; k++) {
            pcre2_code *uni = jit_form(rs, &ru->pats[k], 0);
            pcre2_code *ascii = jit_form(rs, &ru->pats[k], 1);

            patterns++;
            for (i = 0; i < n; i++) {
                size_t off = 0, tl = strlen(texts[i]);
                const pcre2_code *code =
                    ascii && util_ascii_span((const unsigned char *)texts[i],
                                             tl) == tl
                        ? ascii
                        : uni;

                while (code && off <= tl &&
                       pcre2_match(code, (PCRE2_SPTR)texts[i], tl, off, 0, md,
                                   NULL) > 0) {
                    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);

                    matches++;
                    off = ov[1] > ov[0] ? ov[1] : ov[1] + 1;
                }
            }
            pcre2_code_free(uni);
            pcre2_code_free(ascii);
        }
    }
    t1 = now();
    printf("%.3f %zu %zu %zu %lu\n", t1 - t0, bytes, n, patterns, matches);
    for (i = 0; i < n; i++)
        free(texts[i]);
    free(texts);
    pcre2_match_data_free(md);
    dtl_rules_free(rs);
    return 0;
}

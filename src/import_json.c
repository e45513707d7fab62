/* SPDX-License-Identifier: MIT */
/*
 * import_json.c - reading a JSON timeline (docs/json-schema.md) back into
 * a dtl_timeline, with cJSON, for diff and merge.  Every field is
 * checked: a file of another shape is an error that names the file, the
 * event and the field, never a crash or a silent default.
 */
#include <dtl/diff.h>
#include <dtl/limits.h>

#include <cjson/cJSON.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "import.h"
#include "timeline.h"
#include "util.h"

/* ------------------------------------------------------------------ */
/* Names                                                               */
/* ------------------------------------------------------------------ */

#define FIND_NAME(fn, n)             \
    do {                             \
        int i_;                      \
        if (s == NULL)               \
            return def;              \
        for (i_ = 0; i_ < (n); i_++) \
            if (strcmp(fn, s) == 0)  \
                return i_;           \
        return def;                  \
    } while (0)

int import_status(const char *s, int def)
{
    FIND_NAME(dtl_event_status_name((dtl_event_status)i_), DTL_STATUS_COUNT);
}

int import_granularity(const char *s, int def)
{
    FIND_NAME(dtl_granularity_name((dtl_granularity)i_), 9);
}

int import_certainty(const char *s, int def)
{
    FIND_NAME(dtl_certainty_name((dtl_certainty)i_), 3);
}

int import_anchor(const char *s, int def)
{
    FIND_NAME(dtl_anchor_kind_name((dtl_anchor_kind)i_), 4);
}

int import_role(const char *s, int def)
{
    FIND_NAME(dtl_role_name((dtl_role)i_), 3);
}

int import_day(const char *s, dtl_day *out)
{
    if (s == NULL) {
        *out = DTL_DAY_NONE;
        return 0;
    }
    return dtl_date_parse(s, out) == DTL_OK ? 0 : -1;
}

/* ------------------------------------------------------------------ */
/* Reading                                                             */
/* ------------------------------------------------------------------ */

typedef struct reader {
    const char *name;
    dtl_error *err;
    long event; /* index of the event being read, or -1 */
    int failed;
    const char **doc_ids;
    size_t doc_count;
} reader;

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void
bad(reader *r, const char *fmt, ...)
{
    char msg[200];
    va_list ap;

    if (r->failed++)
        return;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    if (r->event >= 0)
        diag_set(r->err, DTL_EFORMAT, r->name, 0, 0, "event %ld: %s",
                 r->event + 1, msg);
    else
        diag_set(r->err, DTL_EFORMAT, r->name, 0, 0, "%s", msg);
}

/* A string member, NULL when absent or null; wrong type is an error. */
static const char *str(reader *r, const cJSON *o, const char *key, int required)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

    if (v == NULL || cJSON_IsNull(v)) {
        if (required)
            bad(r, "\"%s\" is missing", key);
        return NULL;
    }
    if (!cJSON_IsString(v) || v->valuestring == NULL) {
        bad(r, "\"%s\" is not a string", key);
        return NULL;
    }
    return v->valuestring;
}

/* A whole number from 0 to max, 0 when absent or null; anything else
 * is an error (a negative or huge offset must not reach a size_t). */
static unsigned long num(reader *r, const cJSON *o, const char *key, double max)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    double d;

    if (v == NULL || cJSON_IsNull(v))
        return 0;
    if (!cJSON_IsNumber(v)) {
        bad(r, "\"%s\" is not a number", key);
        return 0;
    }
    d = v->valuedouble;
    if (!(d >= 0 && d <= max) || d != (double)(unsigned long)d) {
        bad(r, "\"%s\" is not a whole number from 0 to %.0f", key, max);
        return 0;
    }
    return (unsigned long)d;
}

static void read_when(reader *r, const cJSON *o, dtl_when *w)
{
    const char *e, *l, *v;
    const cJSON *an;

    memset(w, 0, sizeof(*w));
    w->earliest = w->latest = DTL_DAY_NONE;
    if (!cJSON_IsObject(o)) {
        bad(r, "\"date\" is not an object");
        return;
    }
    e = str(r, o, "earliest", 0);
    l = str(r, o, "latest", 0);
    if (import_day(e, &w->earliest) || import_day(l, &w->latest)) {
        bad(r, "\"date\" bounds are not YYYY-MM-DD dates");
        return;
    }
    if (w->earliest != DTL_DAY_NONE && w->latest != DTL_DAY_NONE &&
        w->earliest > w->latest) {
        bad(r, "\"date\" ends before it starts");
        return;
    }
    v = str(r, o, "value", 0);
    snprintf(w->value, sizeof(w->value), "%s", v ? v : "");
    w->granularity = (dtl_granularity)import_granularity(
        str(r, o, "granularity", 0), DTL_GRAN_NONE);
    w->certainty = (dtl_certainty)import_certainty(str(r, o, "certainty", 0),
                                                   DTL_CERT_VAGUE);
    an = cJSON_GetObjectItemCaseSensitive(o, "anchor");
    if (cJSON_IsObject(an)) {
        w->anchor = (dtl_anchor_kind)import_anchor(str(r, an, "kind", 0),
                                                   DTL_ANCHOR_NONE);
        w->anchor_event = str(r, an, "event", 0);
        w->anchor_text = str(r, an, "text", 0);
    }
}

static size_t doc_index(reader *r, const char *id)
{
    size_t i;

    for (i = 0; id && i < r->doc_count; i++)
        if (strcmp(r->doc_ids[i], id) == 0)
            return i;
    if (id)
        bad(r, "document \"%s\" is not in \"documents\"", id);
    return 0;
}

static int read_event(reader *r, dtl_timeline *tl, const cJSON *o)
{
    dtl_event e;
    const cJSON *arr, *it, *loc;
    dtl_actor *ac = NULL;
    dtl_evidence *evd = NULL;
    dtl_source *so = NULL;
    size_t n, i;
    int rc = -1;
    const char *st;

    memset(&e, 0, sizeof(e));
    if (!cJSON_IsObject(o)) {
        bad(r, "not an object");
        return -1;
    }
    e.id = str(r, o, "id", 0);
    e.uid = str(r, o, "uid", 0);
    e.type = str(r, o, "type", 1);
    e.cameo = str(r, o, "cameo", 0);
    e.summary = str(r, o, "summary", 0);
    st = str(r, o, "status", 0);
    e.status = (dtl_event_status)import_status(st, -1);
    if (st && (int)e.status < 0)
        bad(r, "unknown status \"%s\"", st);
    if (st == NULL)
        e.status = DTL_STATUS_OCCURRED;
    if (cJSON_GetObjectItemCaseSensitive(o, "date") == NULL)
        bad(r, "\"date\" is missing");
    else
        read_when(r, cJSON_GetObjectItemCaseSensitive(o, "date"), &e.date);
    e.weapon = str(r, o, "weapon", 0);
    e.count = (long)num(r, o, "count", 1e9);
    e.sequence = (unsigned)num(r, o, "sequence", 1e9);
    it = cJSON_GetObjectItemCaseSensitive(o, "conflict");
    e.conflict = cJSON_IsTrue(it);
    loc = cJSON_GetObjectItemCaseSensitive(o, "location");
    if (cJSON_IsObject(loc)) {
        e.location = str(r, loc, "name", 1);
        e.location_code = str(r, loc, "code", 0);
    } else if (loc && !cJSON_IsNull(loc)) {
        bad(r, "\"location\" is not an object");
    }
    arr = cJSON_GetObjectItemCaseSensitive(o, "actors");
    if (arr && !cJSON_IsArray(arr))
        bad(r, "\"actors\" is not an array");
    n = (size_t)cJSON_GetArraySize(arr);
    if (n && (ac = calloc(n, sizeof(*ac))) == NULL)
        goto nomem;
    i = 0;
    cJSON_ArrayForEach (it, arr) {
        const char *role = str(r, it, "role", 0);

        ac[i].name = str(r, it, "name", 1);
        ac[i].code = str(r, it, "code", 0);
        if (ac[i].code == NULL)
            ac[i].code = "";
        ac[i].role = (dtl_role)import_role(role, DTL_ROLE_PARTICIPANT);
        i++;
    }
    e.actors = ac;
    e.actor_count = n;
    arr = cJSON_GetObjectItemCaseSensitive(o, "evidence");
    if (arr && !cJSON_IsArray(arr))
        bad(r, "\"evidence\" is not an array");
    n = (size_t)cJSON_GetArraySize(arr);
    if (n && (evd = calloc(n, sizeof(*evd))) == NULL)
        goto nomem;
    i = 0;
    cJSON_ArrayForEach (it, arr) {
        const char *t = str(r, it, "text", 1), *ru = str(r, it, "rule", 0);

        evd[i].text = t ? t : "";
        evd[i].rule = ru ? ru : "";
        evd[i].start = num(r, it, "start", DTL_MAX_ARTICLE);
        evd[i].end = num(r, it, "end", DTL_MAX_ARTICLE);
        evd[i].doc = doc_index(r, str(r, it, "document", 0));
        i++;
    }
    e.evidence = evd;
    e.evidence_count = n;
    arr = cJSON_GetObjectItemCaseSensitive(o, "sources");
    if (arr && !cJSON_IsArray(arr))
        bad(r, "\"sources\" is not an array");
    n = (size_t)cJSON_GetArraySize(arr);
    if ((so = calloc(n ? n : 1, sizeof(*so))) == NULL)
        goto nomem;
    i = 0;
    cJSON_ArrayForEach (it, arr) {
        const char *s = str(r, it, "status", 0);

        so[i].doc = doc_index(r, str(r, it, "document", 0));
        so[i].uid = str(r, it, "uid", 0);
        so[i].status = (dtl_event_status)import_status(s, (int)e.status);
        read_when(r, cJSON_GetObjectItemCaseSensitive(it, "date"), &so[i].date);
        i++;
    }
    if (n == 0) {
        /* Older or hand-written files: the event is its own claim. */
        so[0].doc = evd && e.evidence_count ? evd[0].doc : 0;
        so[0].uid = e.uid;
        so[0].status = e.status;
        so[0].date = e.date;
        n = 1;
    }
    e.sources = so;
    e.source_count = n;
    if (e.cameo == NULL)
        e.cameo = "";
    if (r->failed == 0)
        rc = timeline_add_event(tl, &e) == 0 ? 0 : -2;
    free(ac);
    free(evd);
    free(so);
    if (rc == -2)
        goto nomem2;
    return rc;
nomem:
    free(ac);
    free(evd);
    free(so);
nomem2:
    diag_set(r->err, DTL_ENOMEM, r->name, 0, 0, "out of memory");
    r->failed++;
    return -1;
}

static int read_doc(reader *r, dtl_timeline *tl, const cJSON *o)
{
    dtl_document d;
    const char *dct;
    const char **ids;

    memset(&d, 0, sizeof(d));
    if (!cJSON_IsObject(o)) {
        bad(r, "a document is not an object");
        return -1;
    }
    d.id = str(r, o, "id", 1);
    d.title = str(r, o, "title", 0);
    d.source = str(r, o, "source", 0);
    d.path = str(r, o, "path", 0);
    dct = str(r, o, "dct", 0);
    if (import_day(dct, &d.dct) != 0)
        bad(r, "document \"dct\" is not a YYYY-MM-DD date");
    if (r->failed)
        return -1;
    ids = realloc(r->doc_ids, (r->doc_count + 1) * sizeof(*ids));
    if (ids == NULL)
        return -1;
    r->doc_ids = ids;
    ids[r->doc_count++] = d.id;
    return timeline_add_document(tl, &d) < 0 ? -1 : 0;
}

dtl_timeline *dtl_timeline_read_json(const char *data, size_t len,
                                     const char *name, dtl_error *err)
{
    cJSON *root;
    const cJSON *events, *docs, *it, *ver;
    dtl_timeline *tl = NULL;
    reader r;
    long k = 0;

    memset(&r, 0, sizeof(r));
    r.name = name ? name : "<stdin>";
    r.err = err;
    r.event = -1;
    if (len > DTL_MAX_IMPORT) {
        diag_set(err, DTL_ELIMIT, r.name, 0, 0,
                 "%zu bytes, over the limit of %u (DTL_MAX_IMPORT)", len,
                 DTL_MAX_IMPORT);
        return NULL;
    }
    root = cJSON_ParseWithLength(data, len);
    if (root == NULL) {
        const char *at = cJSON_GetErrorPtr();
        size_t off =
            at && at >= data && at <= data + len ? (size_t)(at - data) : len;

        diag_set(err, DTL_EFORMAT, r.name, 0, 0,
                 "invalid JSON near byte %zu (truncated file?)", off);
        return NULL;
    }
    if (!cJSON_IsObject(root)) {
        bad(&r, "not a dtl timeline (the top level is not an object)");
        goto done;
    }
    ver = cJSON_GetObjectItemCaseSensitive(root, "dtl");
    if (ver && (!cJSON_IsNumber(ver) || ver->valuedouble > 1)) {
        bad(&r, "timeline format \"dtl\": %g is not one this dtl reads (1)",
            cJSON_IsNumber(ver) ? ver->valuedouble : 0.0);
        goto done;
    }
    events = cJSON_GetObjectItemCaseSensitive(root, "events");
    if (!cJSON_IsArray(events)) {
        bad(&r, "not a dtl timeline (no \"events\" array)");
        goto done;
    }
    if ((size_t)cJSON_GetArraySize(events) > DTL_MAX_IMPORT_EVENTS) {
        diag_set(err, DTL_ELIMIT, r.name, 0, 0,
                 "%d events, over the limit of %u (DTL_MAX_IMPORT_EVENTS)",
                 cJSON_GetArraySize(events), DTL_MAX_IMPORT_EVENTS);
        r.failed = 1;
        goto done;
    }
    tl = timeline_new();
    if (tl == NULL)
        goto nomem;
    docs = cJSON_GetObjectItemCaseSensitive(root, "documents");
    if (docs && !cJSON_IsArray(docs)) {
        bad(&r, "\"documents\" is not an array");
        goto done;
    }
    if (cJSON_GetArraySize(docs) == 0) {
        it = cJSON_GetObjectItemCaseSensitive(root, "document");
        if (cJSON_IsObject(it) && read_doc(&r, tl, it) != 0)
            goto done;
    }
    cJSON_ArrayForEach (it, docs) {
        if (read_doc(&r, tl, it) != 0)
            goto done;
    }
    if (r.doc_count == 0) {
        dtl_document d;

        memset(&d, 0, sizeof(d));
        d.id = r.name;
        d.dct = DTL_DAY_NONE;
        if (timeline_add_document(tl, &d) < 0)
            goto nomem;
    }
    cJSON_ArrayForEach (it, events) {
        r.event = k++;
        if (read_event(&r, tl, it) != 0)
            goto done;
    }
    if (timeline_finish(tl, dtl_timeline_document(tl, 0)->id, 0) != 0)
        goto nomem;
done:
    cJSON_Delete(root);
    free(r.doc_ids);
    if (r.failed) {
        dtl_timeline_free(tl);
        return NULL;
    }
    return tl;
nomem:
    diag_set(err, DTL_ENOMEM, r.name, 0, 0, "out of memory");
    r.failed = 1;
    goto done;
}

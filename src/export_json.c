/* SPDX-License-Identifier: MIT */
/*
 * export_json.c - timelines and time expressions as JSON, with cJSON.
 *
 * The timeline schema is documented in docs/json-schema.md and is
 * stable: fields are added, never renamed or removed.  Time expressions
 * are written as the array TempEval tools read, with code-point offsets.
 * import_json.c reads the timeline form back.
 */
#include <dtl/export.h>

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "util.h"

#define SCHEMA_VERSION 1

static cJSON *day_json(dtl_day d)
{
    char b[11];

    if (d == DTL_DAY_NONE)
        return cJSON_CreateNull();
    dtl_date_format(d, b);
    return cJSON_CreateString(b);
}

static cJSON *str_or_null(const char *s)
{
    return s ? cJSON_CreateString(s) : cJSON_CreateNull();
}

static int add(cJSON *obj, const char *key, cJSON *item)
{
    if (item == NULL)
        return -1;
    if (!cJSON_AddItemToObject(obj, key, item)) {
        cJSON_Delete(item);
        return -1;
    }
    return 0;
}

static int push(cJSON *arr, cJSON *item)
{
    if (item == NULL)
        return -1;
    if (!cJSON_AddItemToArray(arr, item)) {
        cJSON_Delete(item);
        return -1;
    }
    return 0;
}

static cJSON *when_json(const dtl_when *w)
{
    cJSON *o = cJSON_CreateObject(), *an;

    if (o == NULL)
        return NULL;
    if (add(o, "value", cJSON_CreateString(w->value)) ||
        add(o, "earliest", day_json(w->earliest)) ||
        add(o, "latest", day_json(w->latest)) ||
        add(o, "granularity",
            cJSON_CreateString(dtl_granularity_name(w->granularity))) ||
        add(o, "certainty",
            cJSON_CreateString(dtl_certainty_name(w->certainty))))
        goto fail;
    an = cJSON_CreateObject();
    if (add(o, "anchor", an) ||
        add(an, "kind", cJSON_CreateString(dtl_anchor_kind_name(w->anchor))) ||
        add(an, "event", str_or_null(w->anchor_event)) ||
        add(an, "text", str_or_null(w->anchor_text)))
        goto fail;
    return o;
fail:
    cJSON_Delete(o);
    return NULL;
}

static cJSON *doc_json(const dtl_document *d)
{
    cJSON *o = cJSON_CreateObject();

    if (o == NULL)
        return NULL;
    if (add(o, "id", cJSON_CreateString(d->id)) ||
        add(o, "title", cJSON_CreateString(d->title)) ||
        add(o, "source", cJSON_CreateString(d->source)) ||
        add(o, "path", cJSON_CreateString(d->path)) ||
        add(o, "dct", day_json(d->dct))) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

static cJSON *event_json(const dtl_timeline *tl, const dtl_event *e)
{
    cJSON *o = cJSON_CreateObject(), *arr, *it;
    size_t i;

    if (o == NULL)
        return NULL;
    if (add(o, "id", cJSON_CreateString(e->id)) ||
        add(o, "uid", cJSON_CreateString(e->uid)) ||
        add(o, "type", cJSON_CreateString(e->type)) ||
        add(o, "cameo", cJSON_CreateString(e->cameo)) ||
        add(o, "status",
            cJSON_CreateString(dtl_event_status_name(e->status))) ||
        add(o, "summary", cJSON_CreateString(e->summary)) ||
        add(o, "date", when_json(&e->date)))
        goto fail;
    arr = cJSON_CreateArray();
    if (add(o, "actors", arr))
        goto fail;
    for (i = 0; i < e->actor_count; i++) {
        it = cJSON_CreateObject();
        if (push(arr, it) ||
            add(it, "name", cJSON_CreateString(e->actors[i].name)) ||
            add(it, "code", cJSON_CreateString(e->actors[i].code)) ||
            add(it, "role",
                cJSON_CreateString(dtl_role_name(e->actors[i].role))))
            goto fail;
    }
    if (e->location) {
        it = cJSON_CreateObject();
        if (add(o, "location", it) ||
            add(it, "name", cJSON_CreateString(e->location)) ||
            add(it, "code", str_or_null(e->location_code)))
            goto fail;
    } else if (add(o, "location", cJSON_CreateNull())) {
        goto fail;
    }
    if (add(o, "weapon", str_or_null(e->weapon)) ||
        add(o, "count",
            e->count ? cJSON_CreateNumber((double)e->count)
                     : cJSON_CreateNull()))
        goto fail;
    arr = cJSON_CreateArray();
    if (add(o, "evidence", arr))
        goto fail;
    for (i = 0; i < e->evidence_count; i++) {
        const dtl_evidence *v = &e->evidence[i];
        const dtl_document *d = dtl_timeline_document(tl, v->doc);

        it = cJSON_CreateObject();
        if (push(arr, it) || add(it, "text", cJSON_CreateString(v->text)) ||
            add(it, "start", cJSON_CreateNumber((double)v->start)) ||
            add(it, "end", cJSON_CreateNumber((double)v->end)) ||
            add(it, "rule", cJSON_CreateString(v->rule)) ||
            add(it, "document", cJSON_CreateString(d ? d->id : "")))
            goto fail;
    }
    arr = cJSON_CreateArray();
    if (add(o, "sources", arr))
        goto fail;
    for (i = 0; i < e->source_count; i++) {
        const dtl_source *s = &e->sources[i];
        const dtl_document *d = dtl_timeline_document(tl, s->doc);

        it = cJSON_CreateObject();
        if (push(arr, it) ||
            add(it, "document", cJSON_CreateString(d ? d->id : "")) ||
            add(it, "uid", cJSON_CreateString(s->uid ? s->uid : "")) ||
            add(it, "status",
                cJSON_CreateString(dtl_event_status_name(s->status))) ||
            add(it, "date", when_json(&s->date)))
            goto fail;
    }
    if (add(o, "conflict", cJSON_CreateBool(e->conflict)))
        goto fail;
    if (add(o, "sequence", cJSON_CreateNumber((double)e->sequence)))
        goto fail;
    return o;
fail:
    cJSON_Delete(o);
    return NULL;
}

static cJSON *timeline_json(const dtl_timeline *tl)
{
    cJSON *root = cJSON_CreateObject(), *arr;
    size_t i, nd = dtl_timeline_document_count(tl);

    if (root == NULL)
        return NULL;
    if (add(root, "dtl", cJSON_CreateNumber(SCHEMA_VERSION)))
        goto fail;
    if (nd == 1) {
        if (add(root, "document", doc_json(dtl_timeline_document(tl, 0))))
            goto fail;
    } else if (add(root, "document", cJSON_CreateNull())) {
        goto fail;
    }
    arr = cJSON_CreateArray();
    if (add(root, "documents", arr))
        goto fail;
    for (i = 0; i < nd; i++)
        if (push(arr, doc_json(dtl_timeline_document(tl, i))))
            goto fail;
    arr = cJSON_CreateArray();
    if (add(root, "events", arr))
        goto fail;
    for (i = 0; i < dtl_timeline_event_count(tl); i++)
        if (push(arr, event_json(tl, dtl_timeline_event(tl, i))))
            goto fail;
    return root;
fail:
    cJSON_Delete(root);
    return NULL;
}

static dtl_status write_json(cJSON *root, int pretty, FILE *out, dtl_error *err)
{
    char *s;
    size_t n;

    if (root == NULL)
        return diag_set(err, DTL_ENOMEM, "", 0, 0, "out of memory");
    s = pretty ? cJSON_Print(root) : cJSON_PrintUnformatted(root);
    cJSON_Delete(root);
    if (s == NULL)
        return diag_set(err, DTL_ENOMEM, "", 0, 0, "out of memory");
    n = strlen(s);
    if (fwrite(s, 1, n, out) != n || fputc('\n', out) == EOF) {
        cJSON_free(s);
        return diag_set(err, DTL_EIO, "", 0, 0, "write error");
    }
    cJSON_free(s);
    return DTL_OK;
}

dtl_status dtl_timeline_write_json(const dtl_timeline *tl, FILE *out,
                                   dtl_error *err)
{
    return write_json(timeline_json(tl), 1, out, err);
}

dtl_status dtl_timeline_write_jsonl(const dtl_timeline *tl, FILE *out,
                                    dtl_error *err)
{
    return write_json(timeline_json(tl), 0, out, err);
}

static cJSON *times_json(const dtl_text *text, const dtl_timex *tx,
                         size_t count);

dtl_status dtl_times_write_json(const dtl_text *text, const dtl_timex *tx,
                                size_t count, FILE *out, dtl_error *err)
{
    return write_json(times_json(text, tx, count), 1, out, err);
}

dtl_status dtl_times_write_jsonl(const dtl_text *text, const dtl_timex *tx,
                                 size_t count, FILE *out, dtl_error *err)
{
    cJSON *o = cJSON_CreateObject();
    const char *id = dtl_text_meta(text, "id");

    if (o == NULL || add(o, "id", str_or_null(id)) ||
        add(o, "times", times_json(text, tx, count))) {
        cJSON_Delete(o);
        return diag_set(err, DTL_ENOMEM, "", 0, 0, "out of memory");
    }
    return write_json(o, 0, out, err);
}

static cJSON *times_json(const dtl_text *text, const dtl_timex *tx,
                         size_t count)
{
    cJSON *arr = cJSON_CreateArray(), *o;
    size_t i, len;
    const char *data = dtl_text_data(text, &len);

    if (arr == NULL)
        return NULL;
    for (i = 0; i < count; i++) {
        const dtl_timex *t = &tx[i];
        char *txt = util_strndup(data + t->start, t->end - t->start);

        o = cJSON_CreateObject();
        if (txt == NULL || push(arr, o) ||
            add(o, "start",
                cJSON_CreateNumber(
                    (double)dtl_text_cp_offset(text, t->start))) ||
            add(o, "end",
                cJSON_CreateNumber((double)dtl_text_cp_offset(text, t->end))) ||
            add(o, "text", cJSON_CreateString(txt)) ||
            add(o, "type", cJSON_CreateString(dtl_timex_type_name(t->type))) ||
            add(o, "value", cJSON_CreateString(t->value)) ||
            add(o, "mod",
                t->mod[0] ? cJSON_CreateString(t->mod) : cJSON_CreateNull()) ||
            add(o, "earliest", day_json(t->earliest)) ||
            add(o, "latest", day_json(t->latest)) ||
            add(o, "granularity",
                cJSON_CreateString(dtl_granularity_name(t->granularity))) ||
            add(o, "certainty",
                cJSON_CreateString(dtl_certainty_name(t->certainty))) ||
            add(o, "anchor",
                cJSON_CreateString(dtl_anchor_kind_name(t->anchor))) ||
            add(o, "rule", cJSON_CreateString(t->rule))) {
            free(txt);
            cJSON_Delete(arr);
            return NULL;
        }
        free(txt);
    }
    return arr;
}

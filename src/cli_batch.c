/* SPDX-License-Identifier: MIT */
/*
 * cli_batch.c - "dtl build" over many articles: files, directories and
 * JSON Lines ({"id","date","title","text"} per line), with worker
 * threads.
 *
 * The main thread reads records into a ring of slots and writes finished
 * slots in input order; -j workers take ready slots and build their
 * timelines.  The ring is bounded, so memory does not grow with the
 * number of articles, and the output is the same for any -j.  A bad
 * article is reported on stderr with its name (file:line for JSON
 * Lines) and skipped; the exit status then says some failed (2).  The
 * rule set is shared read-only; each build has its own matcher.
 */
#include "cli.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum {
    SLOT_FREE,
    SLOT_READY,
    SLOT_BUSY,
    SLOT_DONE
};

typedef struct slot {
    int state;
    char *data; /* the record or file contents */
    size_t len;
    char *name;         /* for messages: path or path:line */
    unsigned long line; /* JSON Lines line, 0 for a file */
    char *out;          /* the output */
    size_t out_len;
    char *err; /* diagnostics, printed in order */
    size_t err_len;
    int status; /* EXIT_* of this article */
    size_t events;
} slot;

typedef struct batch {
    cli_opts *o;
    const dtl_rules *rules;
    const char *format;
    slot *slots;
    size_t nslots;
    size_t head, tail; /* write next at head; fill next at tail */
    int done_reading;
    pthread_mutex_t mu;
    pthread_cond_t ready, done;
    int stop;
    /* Progress */
    size_t articles, bytes, total_bytes;
    struct timespec t0, last;
    int progress;
} batch;

/* ------------------------------------------------------------------ */
/* Workers                                                             */
/* ------------------------------------------------------------------ */

typedef struct errbuf {
    char *p;
    size_t len;
    FILE *f;
} errbuf;

static void batch_diag(void *ctx, const dtl_error *d)
{
    FILE *f = ctx;

    if (d->warning)
        return; /* per-article warnings would drown a batch */
    fprintf(f, "dtl: %s: %s\n", d->file, d->msg);
}

static void process(batch *b, slot *s)
{
    dtl_error err;
    dtl_text *t;
    dtl_timeline *tl = NULL;
    FILE *out = open_memstream(&s->out, &s->out_len);
    FILE *ef = open_memstream(&s->err, &s->err_len);
    dtl_status st = DTL_OK;

    s->status = EXIT_OK;
    if (out == NULL || ef == NULL) {
        if (out)
            fclose(out);
        if (ef)
            fclose(ef);
        s->status = EXIT_IO;
        return;
    }
    memset(&err, 0, sizeof(err));
    if (s->line)
        t = dtl_text_new_json(s->data, s->len, s->name, s->line, &err);
    else
        t = dtl_text_new(s->data, s->len, s->name, &err);
    if (t) {
        if (b->o->date)
            dtl_text_set_date(t, b->o->day);
        tl = dtl_timeline_build(b->rules, t, batch_diag, ef, &err);
        dtl_text_free(t);
    }
    if (tl == NULL) {
        fprintf(ef, "dtl: %s: %s (skipped)\n", err.file[0] ? err.file : s->name,
                err.msg);
        s->status = cli_exit_for(err.code);
    } else {
        s->events = dtl_timeline_event_count(tl);
        if (strcmp(b->format, "text") == 0)
            st = dtl_timeline_write_text(tl, out, 0, &err);
        else
            st = dtl_timeline_write_jsonl(tl, out, &err);
        if (st == DTL_OK && strcmp(b->format, "text") == 0)
            fputc('\n', out);
        if (st != DTL_OK)
            s->status = EXIT_IO;
        dtl_timeline_free(tl);
    }
    fclose(out);
    fclose(ef);
}

static void *worker(void *arg)
{
    batch *b = arg;

    pthread_mutex_lock(&b->mu);
    for (;;) {
        slot *s = NULL;
        size_t i;

        for (i = b->head; i < b->tail; i++) {
            if (b->slots[i % b->nslots].state == SLOT_READY) {
                s = &b->slots[i % b->nslots];
                break;
            }
        }
        if (s == NULL) {
            if (b->stop)
                break;
            pthread_cond_wait(&b->ready, &b->mu);
            continue;
        }
        s->state = SLOT_BUSY;
        pthread_mutex_unlock(&b->mu);
        process(b, s);
        pthread_mutex_lock(&b->mu);
        s->state = SLOT_DONE;
        /* The main thread only ever waits for the head slot. */
        if (s == &b->slots[b->head % b->nslots])
            pthread_cond_signal(&b->done);
    }
    pthread_mutex_unlock(&b->mu);
    return NULL;
}

/* ------------------------------------------------------------------ */
/* Input                                                               */
/* ------------------------------------------------------------------ */

typedef struct source {
    FILE *jsonl; /* open JSON Lines input, or NULL */
    const char *jname;
    unsigned long lineno;
    char **files; /* article files still to read */
    size_t nfiles, next;
} source;

static double now_s(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Reads a whole line of any length; returns its length or -1 at EOF. */
static long read_line(FILE *f, char **line, size_t *cap)
{
    ssize_t n = getline(line, cap, f);

    if (n < 0)
        return -1;
    while (n > 0 && ((*line)[n - 1] == '\n' || (*line)[n - 1] == '\r'))
        (*line)[--n] = '\0';
    return (long)n;
}

static char *read_file(const char *path, size_t *len, int *err)
{
    FILE *f = fopen(path, "rb");
    char *data = NULL, *nd;
    size_t cap = 0, n = 0, r;

    *err = 0;
    if (f == NULL) {
        *err = errno;
        return NULL;
    }
    for (;;) {
        if (n + 65537 > cap) {
            cap = cap ? cap * 2 : 65536 * 2;
            if (cap > (size_t)DTL_MAX_ARTICLE * 2 + 131072) {
                *err = EFBIG;
                break;
            }
            nd = realloc(data, cap);
            if (nd == NULL) {
                *err = ENOMEM;
                break;
            }
            data = nd;
        }
        r = fread(data + n, 1, cap - n - 1, f);
        n += r;
        if (r == 0)
            break;
    }
    if (ferror(f) && *err == 0)
        *err = EIO;
    fclose(f);
    if (*err) {
        free(data);
        return NULL;
    }
    data[n] = '\0';
    *len = n;
    return data;
}

/* Fills slot s with the next record; returns 0 at the end of input,
 * -1 after reporting a read error for one file (s stays free). */
static int next_record(source *src, slot *s, int *status)
{
    static char *line;
    static size_t cap;
    char namebuf[512];

    memset(s, 0, sizeof(*s));
    if (src->jsonl) {
        long n;

        while ((n = read_line(src->jsonl, &line, &cap)) >= 0) {
            src->lineno++;
            if (n == 0)
                continue;
            s->data = malloc((size_t)n + 1);
            s->name = strdup(src->jname);
            if (s->data == NULL || s->name == NULL) {
                *status = EXIT_IO;
                return 0;
            }
            memcpy(s->data, line, (size_t)n + 1);
            s->len = (size_t)n;
            s->line = src->lineno;
            return 1;
        }
        free(line);
        line = NULL;
        cap = 0;
        return 0;
    }
    while (src->next < src->nfiles) {
        const char *path = src->files[src->next++];
        int e;

        s->data = read_file(path, &s->len, &e);
        if (s->data == NULL) {
            snprintf(namebuf, sizeof(namebuf), "%s", path);
            cli_errorf("%s: %s (skipped)", namebuf,
                       e == EFBIG ? "over the article size limit"
                                  : strerror(e));
            *status = e == EFBIG ? EXIT_USAGE : EXIT_IO;
            continue;
        }
        s->name = strdup(path);
        if (s->name == NULL) {
            *status = EXIT_IO;
            return 0;
        }
        return 1;
    }
    return 0;
}

static int cmp_path(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int push_file(source *src, size_t *cap, char *p)
{
    if (src->nfiles + 1 > *cap) {
        size_t nc = *cap ? *cap * 2 : 64;
        char **nf = realloc(src->files, nc * sizeof(char *));

        if (nf == NULL) {
            free(p);
            return -1;
        }
        src->files = nf;
        *cap = nc;
    }
    src->files[src->nfiles++] = p;
    return 0;
}

/* Adds path (a file, or every regular file of a directory, sorted). */
static int add_path(source *src, const char *path, size_t *cap)
{
    struct stat st;
    DIR *d;
    struct dirent *de;
    size_t first = src->nfiles;
    char *p;

    if (stat(path, &st) != 0) {
        cli_errorf("%s: %s", path, strerror(errno));
        return EXIT_IO;
    }
    if (!S_ISDIR(st.st_mode)) {
        p = strdup(path);
        if (p == NULL || push_file(src, cap, p) != 0)
            return EXIT_IO;
        return EXIT_OK;
    }
    d = opendir(path);
    if (d == NULL) {
        cli_errorf("%s: %s", path, strerror(errno));
        return EXIT_IO;
    }
    while ((de = readdir(d)) != NULL) {
        size_t n;

        if (de->d_name[0] == '.')
            continue;
        n = strlen(path) + strlen(de->d_name) + 2;
        p = malloc(n);
        if (p == NULL)
            break;
        snprintf(p, n, "%s/%s", path, de->d_name);
        if (stat(p, &st) != 0 || !S_ISREG(st.st_mode)) {
            free(p);
            continue;
        }
        if (push_file(src, cap, p) != 0)
            break;
    }
    closedir(d);
    qsort(src->files + first, src->nfiles - first, sizeof(char *), cmp_path);
    return EXIT_OK;
}

/* ------------------------------------------------------------------ */
/* Output and progress                                                 */
/* ------------------------------------------------------------------ */

static void show_progress(batch *b, int final)
{
    double t = now_s(),
           el = t - ((double)b->t0.tv_sec + (double)b->t0.tv_nsec / 1e9);
    double mb = (double)b->bytes / 1e6;

    if (!b->progress)
        return;
    if (!final &&
        t - ((double)b->last.tv_sec + (double)b->last.tv_nsec / 1e9) < 0.2)
        return;
    clock_gettime(CLOCK_MONOTONIC, &b->last);
    fprintf(stderr, "\rdtl: %zu articles, %.1f MB, %.1f MB/s", b->articles, mb,
            el > 0 ? mb / el : 0.0);
    if (b->total_bytes && b->bytes && !final) {
        double left =
            el * (double)(b->total_bytes - b->bytes) / (double)b->bytes;

        fprintf(stderr, ", ETA %d:%02d", (int)left / 60, (int)left % 60);
    }
    fputs(final ? "\n" : "   ", stderr);
}

static int write_slot(batch *b, slot *s, FILE *out)
{
    int rc = EXIT_OK;

    if (s->err_len)
        fwrite(s->err, 1, s->err_len, stderr);
    if (s->out_len && fwrite(s->out, 1, s->out_len, out) != s->out_len)
        rc = EXIT_IO;
    b->articles++;
    b->bytes += s->len;
    free(s->data);
    free(s->name);
    free(s->out);
    free(s->err);
    return rc;
}

int cli_batch(cli_opts *o, const dtl_rules *rules, const char *format)
{
    batch b;
    source src;
    pthread_t *th = NULL;
    size_t i, cap = 0, nth;
    int rc = EXIT_OK, worst = EXIT_OK, more = 1;
    cli_out out;
    FILE *jf = NULL;

    memset(&b, 0, sizeof(b));
    memset(&src, 0, sizeof(src));
    b.o = o;
    b.rules = rules;
    b.format = format;
    nth = o->jobs > 0 ? (size_t)o->jobs
                      : (size_t)(sysconf(_SC_NPROCESSORS_ONLN) > 0
                                     ? sysconf(_SC_NPROCESSORS_ONLN)
                                     : 1);
    b.nslots = nth * 8;
    b.progress = !o->quiet && isatty(STDERR_FILENO);
    /* Inputs: one JSON Lines stream, or article files. */
    /* No input named: JSON Lines on standard input, as with "-". */
    for (i = 0; i < (o->input_count ? o->input_count : 1); i++) {
        const char *p = o->input_count ? o->inputs[i] : "-";
        size_t n = strlen(p);
        int is_jsonl =
            strcmp(p, "-") == 0 || (n > 6 && strcmp(p + n - 6, ".jsonl") == 0);

        if (is_jsonl) {
            if (o->input_count > 1) {
                cli_errorf("build: JSON Lines input ('%s') must be the only "
                           "input",
                           p);
                rc = EXIT_USAGE;
                goto done;
            }
            jf = strcmp(p, "-") == 0 ? stdin : fopen(p, "r");
            if (jf == NULL) {
                cli_errorf("%s: %s", p, strerror(errno));
                rc = EXIT_IO;
                goto done;
            }
            src.jsonl = jf;
            src.jname = strcmp(p, "-") == 0 ? "<stdin>" : p;
            if (jf != stdin) {
                struct stat st;

                if (fstat(fileno(jf), &st) == 0)
                    b.total_bytes = (size_t)st.st_size;
            }
        } else if ((rc = add_path(&src, p, &cap)) != EXIT_OK) {
            goto done;
        }
    }
    for (i = 0; i < src.nfiles; i++) {
        struct stat st;

        if (stat(src.files[i], &st) == 0)
            b.total_bytes += (size_t)st.st_size;
    }
    b.slots = calloc(b.nslots, sizeof(*b.slots));
    th = calloc(nth, sizeof(*th));
    if (b.slots == NULL || th == NULL) {
        rc = EXIT_IO;
        goto done;
    }
    rc = cli_out_open(&out, o->output);
    if (rc != EXIT_OK)
        goto done;
    clock_gettime(CLOCK_MONOTONIC, &b.t0);
    b.last = b.t0;
    if (nth == 1) {
        /* One thread: no hand-offs, the same output. */
        slot s;
        int st = EXIT_OK;

        while (next_record(&src, &s, &st)) {
            process(&b, &s);
            if (s.status > worst)
                worst = s.status;
            if (write_slot(&b, &s, out.fp) != EXIT_OK)
                worst = EXIT_IO;
            show_progress(&b, 0);
        }
        if (st > worst)
            worst = st;
        show_progress(&b, 1);
        goto finish;
    }
    pthread_mutex_init(&b.mu, NULL);
    pthread_cond_init(&b.ready, NULL);
    pthread_cond_init(&b.done, NULL);
    for (i = 0; i < nth; i++)
        pthread_create(&th[i], NULL, worker, &b);
    pthread_mutex_lock(&b.mu);
    while (more || b.head < b.tail) {
        slot *h = b.head < b.tail ? &b.slots[b.head % b.nslots] : NULL;

        if (h && h->state == SLOT_DONE) {
            slot done = *h;

            h->state = SLOT_FREE;
            b.head++;
            pthread_mutex_unlock(&b.mu);
            if (done.status > worst)
                worst = done.status;
            if (write_slot(&b, &done, out.fp) != EXIT_OK)
                worst = EXIT_IO;
            show_progress(&b, 0);
            pthread_mutex_lock(&b.mu);
            continue;
        }
        if (more && b.tail - b.head < b.nslots) {
            slot s;
            int st = EXIT_OK;

            pthread_mutex_unlock(&b.mu);
            more = next_record(&src, &s, &st);
            if (st > worst)
                worst = st;
            pthread_mutex_lock(&b.mu);
            if (more) {
                s.state = SLOT_READY;
                b.slots[b.tail % b.nslots] = s;
                b.tail++;
                pthread_cond_signal(&b.ready);
            }
            continue;
        }
        pthread_cond_wait(&b.done, &b.mu);
    }
    b.stop = 1;
    pthread_cond_broadcast(&b.ready);
    pthread_mutex_unlock(&b.mu);
    for (i = 0; i < nth; i++)
        pthread_join(th[i], NULL);
    show_progress(&b, 1);
    pthread_mutex_destroy(&b.mu);
    pthread_cond_destroy(&b.ready);
    pthread_cond_destroy(&b.done);
finish:
    rc = cli_out_finish(&out, worst);
done:
    if (jf && jf != stdin)
        fclose(jf);
    for (i = 0; i < src.nfiles; i++)
        free(src.files[i]);
    free(src.files);
    free(b.slots);
    free(th);
    return rc;
}

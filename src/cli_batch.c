/* SPDX-License-Identifier: MIT */
/*
 * cli_batch.c - "dtl build" over many articles: files, directories and
 * JSON Lines ({"id","date","title","text"} per line), with worker
 * threads.
 *
 * The main thread reads records into a ring of chunks; -j workers take
 * ready chunks and build the timelines of their records, and the worker
 * that finds the head chunk done writes it and the done ones after it,
 * in input order.  A chunk holds up to CHUNK_RECS records
 * (CHUNK_BYTES of input) while every worker is busy, but is handed over
 * at once when one waits, so a slow feed is not held back; the
 * hand-overs (a lock and a wake-up each) are then a few per hundred
 * articles rather than two per article.  The ring is bounded, so memory
 * does not grow with the number of articles, and the output is the same
 * for any -j.  A bad
 * article is reported on stderr with its name (file:line for JSON
 * Lines) and skipped; the exit status then says some failed (2).  The
 * rule set is shared read-only; each build has its own matcher.
 */
#include "cli.h"

#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
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

#define CHUNK_RECS  32
#define CHUNK_BYTES (256u * 1024u)

typedef struct chunk {
    int state;
    slot recs[CHUNK_RECS];
    size_t n;
} chunk;

typedef struct batch {
    cli_opts *o;
    const dtl_rules *rules;
    const char *format;
    chunk *chunks;
    size_t nchunks;
    size_t head, tail; /* write next at head; fill next at tail */
    /* Workers waiting for a chunk: changed under mu, read by the
     * reader without it, once a record. */
    _Atomic size_t idle;
    int writing; /* a worker is writing finished chunks */
    FILE *out;
    int wworst; /* the worst exit status written (by the writer) */
    int live;   /* input is a pipe: each timeline goes out when written */
    pthread_mutex_t mu;
    pthread_cond_t ready, space;
    int stop;
    /* Progress */
    size_t articles, bytes, total_bytes;
    struct timespec t0, last;
    int progress;
} batch;

/* ------------------------------------------------------------------ */
/* Workers                                                             */
/* ------------------------------------------------------------------ */

/*
 * The diagnostics of an article go to a stream opened on the first one:
 * most articles have none, and each stream costs a buffer.  Without
 * memory for one, straight to stderr (out of order, but not lost).
 */
typedef struct errs {
    slot *s;
    FILE *f;
} errs;

static FILE *errs_file(errs *e)
{
    if (e->f == NULL)
        e->f = open_memstream(&e->s->err, &e->s->err_len);
    return e->f ? e->f : stderr;
}

static void batch_diag(void *ctx, const dtl_error *d)
{
    if (d->warning)
        return; /* per-article warnings would drown a batch */
    fprintf(errs_file(ctx), "dtl: %s: %s\n", d->file, d->msg);
}

/*
 * A worker's output stream, in memory, opened once and written from its
 * start for each article (opening one for each cost 2 % of a batch: a
 * buffer of BUFSIZ zeroed each time); its bytes are then copied out.
 */
typedef struct wout {
    FILE *f;
    char *buf;
    size_t len;
} wout;

/* Keeps the bytes written to w since its rewind in s->out. */
static int wout_keep(wout *w, slot *s)
{
    if (fflush(w->f) != 0)
        return -1;
    if (w->len == 0)
        return 0;
    s->out = malloc(w->len);
    if (s->out == NULL)
        return -1;
    memcpy(s->out, w->buf, w->len);
    s->out_len = w->len;
    return 0;
}

static void wout_close(wout *w)
{
    if (w->f)
        fclose(w->f);
    free(w->buf);
}

static void process(batch *b, slot *s, wout *w)
{
    dtl_error err;
    dtl_text *t;
    dtl_timeline *tl = NULL;
    FILE *out;
    errs ef = {s, NULL};
    dtl_status st = DTL_OK;

    s->status = EXIT_OK;
    if (w->f == NULL)
        w->f = open_memstream(&w->buf, &w->len);
    if (w->f == NULL || fseeko(w->f, 0, SEEK_SET) != 0) {
        s->status = EXIT_IO;
        return;
    }
    out = w->f;
    memset(&err, 0, sizeof(err));
    if (s->line)
        t = dtl_text_new_json(s->data, s->len, s->name, s->line, &err);
    else
        t = dtl_text_new(s->data, s->len, s->name, &err);
    if (t) {
        if (b->o->date)
            dtl_text_set_date(t, b->o->day);
        tl = dtl_timeline_build(b->rules, t, batch_diag, &ef, &err);
        dtl_text_free(t);
    }
    if (tl == NULL) {
        fprintf(errs_file(&ef), "dtl: %s: %s (skipped)\n",
                err.file[0] ? err.file : s->name, err.msg);
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
    if (wout_keep(w, s) != 0)
        s->status = EXIT_IO;
    if (ef.f)
        fclose(ef.f);
}

static int write_slot(batch *b, slot *s, FILE *out);
static void show_progress(batch *b, int final);

static void write_chunk(batch *b, chunk *h)
{
    size_t i;

    for (i = 0; i < h->n; i++) {
        if (h->recs[i].status > b->wworst)
            b->wworst = h->recs[i].status;
        if (write_slot(b, &h->recs[i], b->out) != EXIT_OK)
            b->wworst = EXIT_IO;
    }
    if (b->live && fflush(b->out) != 0)
        b->wworst = EXIT_IO;
    show_progress(b, 0);
}

static void *worker(void *arg)
{
    batch *b = arg;
    wout w = {NULL, NULL, 0};

    pthread_mutex_lock(&b->mu);
    for (;;) {
        chunk *c = NULL;
        size_t i;

        for (i = b->head; i < b->tail; i++) {
            if (b->chunks[i % b->nchunks].state == SLOT_READY) {
                c = &b->chunks[i % b->nchunks];
                break;
            }
        }
        if (c == NULL) {
            if (b->stop)
                break;
            b->idle++;
            pthread_cond_wait(&b->ready, &b->mu);
            b->idle--;
            continue;
        }
        c->state = SLOT_BUSY;
        pthread_mutex_unlock(&b->mu);
        for (i = 0; i < c->n; i++)
            process(b, &c->recs[i], &w);
        pthread_mutex_lock(&b->mu);
        c->state = SLOT_DONE;
        /* Finished chunks go out in input order, written by whichever
         * worker finds the head chunk done and no one writing; it
         * writes on while the next is done too. */
        if (!b->writing) {
            b->writing = 1;
            while (b->head < b->tail &&
                   b->chunks[b->head % b->nchunks].state == SLOT_DONE) {
                chunk *h = &b->chunks[b->head % b->nchunks];

                pthread_mutex_unlock(&b->mu);
                write_chunk(b, h);
                pthread_mutex_lock(&b->mu);
                h->state = SLOT_FREE;
                b->head++;
                /* The reader refills half the ring at a time: one
                 * wake-up, not one per chunk, takes a core from the
                 * workers. */
                if (b->tail - b->head <= b->nchunks / 2)
                    pthread_cond_signal(&b->space);
            }
            b->writing = 0;
        }
    }
    pthread_mutex_unlock(&b->mu);
    wout_close(&w);
    return NULL;
}

/* ------------------------------------------------------------------ */
/* Input                                                               */
/* ------------------------------------------------------------------ */

typedef struct source {
    FILE *jsonl; /* open JSON Lines input, or NULL; read through its fd */
    const char *jname;
    unsigned long lineno;
    char *buf; /* JSON Lines read so far: buf[bstart..bend) is unread */
    size_t bcap, bstart, bend;
    int eof, rerr;
    char **files; /* article files still to read */
    size_t nfiles, next;
} source;

static double now_s(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * Reads a whole line of any length from the JSON Lines input, without a
 * trailing CR or LF, NUL-terminated in the buffer; returns its length
 * or -1 at the end of input (src->rerr is set after a read error).  The
 * input is read with read(2), not stdio, so that line_ready() can tell
 * whether another line is at hand without blocking.
 */
static long read_line(source *src, char **line)
{
    int fd = fileno(src->jsonl);
    size_t i = src->bstart;

    for (;;) {
        char *nl =
            src->bend > i ? memchr(src->buf + i, '\n', src->bend - i) : NULL;
        ssize_t got;

        if (nl || (src->eof && src->bend > src->bstart)) {
            size_t end = nl ? (size_t)(nl - src->buf) : src->bend;
            size_t n = end - src->bstart;

            *line = src->buf + src->bstart;
            src->bstart = nl ? end + 1 : end;
            while (n > 0 && ((*line)[n - 1] == '\r' || (*line)[n - 1] == '\n'))
                n--;
            (*line)[n] = '\0'; /* over the LF, or in the spare byte */
            return (long)n;
        }
        if (src->eof)
            return -1;
        i = src->bend;
        if (src->bstart > 0) {
            memmove(src->buf, src->buf + src->bstart, src->bend - src->bstart);
            i -= src->bstart;
            src->bend -= src->bstart;
            src->bstart = 0;
        }
        /* Room to read 64 KiB, and a spare byte for a final NUL. */
        if (src->bcap - src->bend < 65536 + 1) {
            size_t ncap = src->bcap ? src->bcap * 2 : 131072;
            char *nb;

            while (ncap - src->bend < 65536 + 1)
                ncap *= 2;
            if ((nb = realloc(src->buf, ncap)) == NULL) {
                src->rerr = ENOMEM;
                return -1;
            }
            src->buf = nb;
            src->bcap = ncap;
        }
        got = read(fd, src->buf + src->bend, src->bcap - src->bend - 1);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            src->rerr = errno;
            return -1;
        }
        if (got == 0)
            src->eof = 1;
        src->bend += (size_t)got;
    }
}

/* Whether another line can be read without waiting: one is in the
 * buffer, the input has ended, or more input is there. */
static int line_ready(source *src)
{
    struct pollfd p;

    if (src->jsonl == NULL || src->eof ||
        (src->bend > src->bstart &&
         memchr(src->buf + src->bstart, '\n', src->bend - src->bstart)))
        return 1;
    p.fd = fileno(src->jsonl);
    p.events = POLLIN;
    return poll(&p, 1, 0) > 0;
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

/* Fills slot s with the next record; returns 0 at the end of input
 * (after a read error, reported, with *status set).  A file that cannot
 * be read is reported and skipped. */
static int next_record(source *src, slot *s, int *status)
{
    char *line, namebuf[512];

    memset(s, 0, sizeof(*s));
    if (src->jsonl) {
        long n;

        while ((n = read_line(src, &line)) >= 0) {
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
        if (src->rerr) {
            cli_errorf("%s: %s", src->jname, strerror(src->rerr));
            *status = EXIT_IO;
        }
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
    nth = cli_jobs(o);
    b.nchunks = nth * 4;
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
            {
                struct stat st;

                if (fstat(fileno(jf), &st) == 0 && S_ISREG(st.st_mode)) {
                    if (jf != stdin)
                        b.total_bytes = (size_t)st.st_size;
                } else {
                    b.live = 1;
                }
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
    th = calloc(nth, sizeof(*th));
    if (th == NULL ||
        (nth > 1 &&
         (b.chunks = calloc(b.nchunks, sizeof(*b.chunks))) == NULL)) {
        rc = EXIT_IO;
        goto done;
    }
    rc = cli_out_open(&out, o->output);
    if (rc != EXIT_OK)
        goto done;
    clock_gettime(CLOCK_MONOTONIC, &b.t0);
    b.last = b.t0;
    b.out = out.fp;
    if (nth == 1) {
        /* One thread: no hand-offs, chunks of one, the same output. */
        chunk one;
        int st = EXIT_OK;
        wout w = {NULL, NULL, 0};

        one.n = 1;
        while (next_record(&src, &one.recs[0], &st)) {
            process(&b, &one.recs[0], &w);
            write_chunk(&b, &one);
        }
        wout_close(&w);
        if (st > worst)
            worst = st;
        show_progress(&b, 1);
        goto finish;
    }
    pthread_mutex_init(&b.mu, NULL);
    pthread_cond_init(&b.ready, NULL);
    pthread_cond_init(&b.space, NULL);
    for (i = 0; i < nth; i++)
        pthread_create(&th[i], NULL, worker, &b);
    pthread_mutex_lock(&b.mu);
    while (more) {
        chunk *c;
        size_t bytes = 0;
        int st = EXIT_OK, idle = 0;

        while (b.tail - b.head >= b.nchunks)
            pthread_cond_wait(&b.space, &b.mu);
        pthread_mutex_unlock(&b.mu);
        c = &b.chunks[b.tail % b.nchunks];
        c->n = 0;
        while (c->n < CHUNK_RECS && bytes < CHUNK_BYTES && !idle) {
            more = next_record(&src, &c->recs[c->n], &st);
            if (!more)
                break;
            bytes += c->recs[c->n++].len;
            if (!line_ready(&src))
                break; /* a feed: what is here goes now */
            idle = atomic_load_explicit(&b.idle, memory_order_relaxed) > 0;
        }
        if (st > worst)
            worst = st;
        pthread_mutex_lock(&b.mu);
        if (c->n) {
            c->state = SLOT_READY;
            b.tail++;
            pthread_cond_signal(&b.ready);
        }
    }
    while (b.head < b.tail)
        pthread_cond_wait(&b.space, &b.mu);
    b.stop = 1;
    pthread_cond_broadcast(&b.ready);
    pthread_mutex_unlock(&b.mu);
    for (i = 0; i < nth; i++)
        pthread_join(th[i], NULL);
    show_progress(&b, 1);
    pthread_mutex_destroy(&b.mu);
    pthread_cond_destroy(&b.ready);
    pthread_cond_destroy(&b.space);
finish:
    if (b.wworst > worst)
        worst = b.wworst;
    rc = cli_out_finish(&out, worst);
done:
    if (jf && jf != stdin)
        fclose(jf);
    free(src.buf);
    for (i = 0; i < src.nfiles; i++)
        free(src.files[i]);
    free(src.files);
    free(b.chunks);
    free(th);
    return rc;
}

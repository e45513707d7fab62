/* SPDX-License-Identifier: MIT */
/*
 * gen_countries: write the `country` actor lexicon from Debian iso-codes.
 *
 * Usage: gen_countries ISO_3166-1.json ISO_3166-3.json [VERSION]
 *
 * The program reads the current states (ISO 3166-1) and the former states
 * (ISO 3166-3) as shipped by Debian's iso-codes package and prints a rule
 * file with one `lexicon country actor` block on standard output.  Each
 * state contributes its name, official name and common name; names that
 * ISO writes inverted ("Korea, Republic of") are turned round ("Republic
 * of Korea"), parenthesised parts are expanded, a leading "the" is
 * dropped, names with accents also get their ASCII spelling ("Cote
 * d'Ivoire"), and the canonical name after `|` is the common name, or
 * else the ISO name as written.  Former states keep their own code when
 * they were dissolved, divided or merged (SUN, DDR, CSK, YUG), take the
 * code of their successor when they were only renamed (Burma, Zaire,
 * Upper Volta), and are left out when they were never states (uninhabited
 * islands, Antarctic claims); see the `formers` table.  A former state
 * whose code is still assigned in ISO 3166-1 is left out, and a name
 * already used for a current state is never given to a former one.  The
 * output is sorted by phrase in byte order, so the same input always
 * gives the same file.  VERSION, if given, is the iso-codes version
 * quoted in the header.
 *
 * Exit status: 0 on success, 2 on bad usage or bad input, 4 on an I/O
 * error or when memory runs out.
 */

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

enum {
    EXIT_BAD_INPUT = 2,
    EXIT_IO = 4
};

static const char *const progname = "gen_countries";

/* What to do with a former state of ISO 3166-3. */
enum action {
    KEEP, /* keep its own code; arg is the canonical name, or NULL */
    MAP,  /* renamed state: arg is the code of its successor */
    SKIP  /* never a state: leave it out */
};

struct former {
    const char *alpha3;
    enum action action;
    const char *arg;
    const char *forms[3]; /* names to use instead of the ISO name */
};

/*
 * Former states that need more than the default (keep the code, use the
 * ISO name).  Codes missing from the data are ignored.
 */
static const struct former formers[] = {
    /* The same state under a new name: use the current code. */
    {"AFI", MAP, "DJI", {NULL}},
    {"BUR", MAP, "MMR", {NULL}},
    {"BYS",
     MAP,
     "BLR",
     {"Byelorussian Soviet Socialist Republic", "Byelorussian SSR", NULL}},
    {"DHY", MAP, "BEN", {NULL}},
    {"HVO", MAP, "BFA", {NULL}},
    {"NHB", MAP, "VUT", {NULL}},
    {"RHO", MAP, "ZWE", {NULL}},
    {"TMP", MAP, "TLS", {NULL}},
    {"ZAR", MAP, "COD", {NULL}},
    /* Dissolved, divided or merged: keep the old code. */
    {"CSK", KEEP, "Czechoslovakia", {NULL}},
    {"DDR", KEEP, "East Germany", {NULL}},
    {"SUN", KEEP, "Soviet Union", {NULL}},
    {"VDR", KEEP, "North Vietnam", {NULL}},
    {"YMD",
     KEEP,
     "South Yemen",
     {"People's Democratic Republic of Yemen", "Democratic Yemen", NULL}},
    {"YUG", KEEP, "Yugoslavia", {NULL}},
    /* Never states: islands, claims, zones, parts of a state. */
    {"ATB", SKIP, NULL, {NULL}},
    {"ATN", SKIP, NULL, {NULL}},
    {"CTE", SKIP, NULL, {NULL}},
    {"FXX", SKIP, NULL, {NULL}},
    {"JTN", SKIP, NULL, {NULL}},
    {"MID", SKIP, NULL, {NULL}},
    {"NTZ", SKIP, NULL, {NULL}},
    {"PCI", SKIP, NULL, {NULL}},
    {"PCZ", SKIP, NULL, {NULL}},
    {"PUS", SKIP, NULL, {NULL}},
    {"SKM", SKIP, NULL, {NULL}},
    {"WAK", SKIP, NULL, {NULL}}};

/* One lexicon entry; all strings are owned by the entry. */
struct entry {
    char *phrase;
    char *key; /* phrase folded for duplicate detection */
    char *code;
    char *canon;
};

struct list {
    struct entry *v;
    size_t n;
    size_t cap;
};

/* A current state: its code and canonical name (borrowed from cJSON). */
struct state {
    const char *code;
    const char *canon;
};

/* Where new phrases go, and what they are attached to. */
struct ctx {
    struct list *list;
    const char *code;
    const char *canon;
    int former;
};

static void fail(int status, const char *what, const char *msg)
{
    fprintf(stderr, "%s: %s: %s\n", progname, what, msg);
    exit(status);
}

static void *xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);

    if (p == NULL)
        fail(EXIT_IO, "malloc", "out of memory");
    return p;
}

static void *xrealloc(void *old, size_t size)
{
    void *p = realloc(old, size ? size : 1);

    if (p == NULL)
        fail(EXIT_IO, "realloc", "out of memory");
    return p;
}

/* Copy the n bytes at s into a new string. */
static char *xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);

    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

static char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

/* Join a and b with one space; either may be empty. */
static char *join(const char *a, const char *b)
{
    size_t la = strlen(a);
    size_t lb = strlen(b);
    size_t n = 0;
    char *p = xmalloc(la + lb + 2);

    memcpy(p, a, la);
    n = la;
    if (la > 0 && lb > 0)
        p[n++] = ' ';
    memcpy(p + n, b, lb);
    p[n + lb] = '\0';
    return p;
}

/* Copy s with runs of blanks squeezed to one space and the ends trimmed. */
static char *squeeze(const char *s)
{
    char *p = xmalloc(strlen(s) + 1);
    size_t n = 0;
    int blank = 0;

    for (; *s != '\0'; s++) {
        if (isspace((unsigned char)*s)) {
            blank = 1;
            continue;
        }
        if (blank && n > 0)
            p[n++] = ' ';
        blank = 0;
        p[n++] = *s;
    }
    p[n] = '\0';
    return p;
}

/*
 * Fold a phrase for comparison: ASCII letters to lower case, dashes to
 * spaces, so that "Viet-Nam" and "Viet Nam" count as the same name.
 */
static char *fold(const char *s)
{
    char *p = xstrdup(s);
    char *q;

    for (q = p; *q != '\0'; q++) {
        if (*q == '-')
            *q = ' ';
        else
            *q = (char)tolower((unsigned char)*q);
    }
    return p;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t ls = strlen(s);
    size_t lx = strlen(suffix);

    return ls >= lx && strcmp(s + ls - lx, suffix) == 0;
}

/* True if every word of s starts with an upper-case ASCII letter. */
static int title_words(const char *s)
{
    int start = 1;

    for (; *s != '\0'; s++) {
        if (*s == ' ') {
            start = 1;
        } else {
            if (start && !isupper((unsigned char)*s))
                return 0;
            start = 0;
        }
    }
    return 1;
}

/*
 * Plain ASCII letters for the Latin-1 letters U+00C0 to U+00FF, indexed
 * by the second byte of their UTF-8 form minus 0x80; '?' where there is
 * no one-letter equivalent.
 */
static const char latin1_ascii[] = "AAAAAA?CEEEEIIIIDNOOOOO?OUUUUY??"
                                   "aaaaaa?ceeeeiiiidnooooo?ouuuuy?y";

/*
 * The ASCII spelling of a phrase with accented Latin letters ("Cote
 * d'Ivoire" for "Côte d'Ivoire"), or NULL when the phrase is plain ASCII
 * or has a character that cannot be spelt so.
 */
static char *ascii_fold(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    char *p = xmalloc(strlen(s) + 1);
    size_t n = 0;
    int changed = 0;

    while (*u != '\0') {
        if (*u < 0x80) {
            p[n++] = (char)*u++;
        } else if (u[0] == 0xC3 && u[1] >= 0x80 && u[1] <= 0xBF &&
                   latin1_ascii[u[1] - 0x80] != '?') {
            p[n++] = latin1_ascii[u[1] - 0x80];
            u += 2;
            changed = 1;
        } else {
            free(p);
            return NULL;
        }
    }
    p[n] = '\0';
    if (!changed) {
        free(p);
        return NULL;
    }
    return p;
}

/*
 * Add one phrase.  A phrase already in the list (after folding) is
 * dropped: silently when it has the same code or comes from a former
 * state, with a warning when two current states share it.  The phrase is
 * taken over by the list or freed.
 */
static void add_one(struct ctx *c, char *phrase)
{
    struct list *l = c->list;
    char *key = fold(phrase);
    size_t i;

    for (i = 0; i < l->n; i++) {
        if (strcmp(l->v[i].key, key) != 0)
            continue;
        if (strcmp(l->v[i].code, c->code) != 0 && !c->former)
            fprintf(stderr,
                    "%s: warning: \"%s\" is both %s and %s;"
                    " keeping %s\n",
                    progname, phrase, l->v[i].code, c->code, l->v[i].code);
        free(key);
        free(phrase);
        return;
    }
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 512;
        if (l->cap > (size_t)-1 / sizeof *l->v)
            fail(EXIT_IO, "realloc", "out of memory");
        l->v = xrealloc(l->v, l->cap * sizeof *l->v);
    }
    l->v[l->n].phrase = phrase;
    l->v[l->n].key = key;
    l->v[l->n].code = xstrdup(c->code);
    l->v[l->n].canon = xstrdup(c->canon);
    l->n++;
}

/*
 * Add a name, without a leading article ("the State of Eritrea"), and its
 * ASCII spelling if it has accents.
 */
static void add_phrase(struct ctx *c, const char *raw)
{
    char *squeezed = squeeze(raw);
    const char *start = squeezed;
    char *phrase;
    char *plain;

    if (strncmp(start, "the ", 4) == 0 || strncmp(start, "The ", 4) == 0)
        start += 4;
    phrase = xstrdup(start);
    free(squeezed);
    if (phrase[0] == '\0') {
        free(phrase);
        return;
    }
    plain = ascii_fold(phrase);
    add_one(c, phrase);
    if (plain != NULL)
        add_one(c, plain);
}

/*
 * Add the forms of a name without parentheses.  ISO puts the distinctive
 * word first: "Korea, Republic of" becomes "Republic of Korea", "Virgin
 * Islands, British" becomes "British Virgin Islands", and "USSR, Union of
 * Soviet Socialist Republics" gives "USSR" (and, for a former state, the
 * long name).  A comma that separates the items of a list ("Saint Helena,
 * Ascension and Tristan da Cunha") is kept.  The part before the comma is
 * used alone only for former states ("Zaire, Republic of" gives "Zaire"),
 * since for current states it may be ambiguous ("Korea").
 */
static void add_comma_forms(struct ctx *c, const char *name)
{
    const char *comma = strstr(name, ", ");
    const char *rest;
    char *head;
    char *turned;

    if (comma == NULL) {
        add_phrase(c, name);
        return;
    }
    head = xstrndup(name, (size_t)(comma - name));
    rest = comma + 2;
    if (strstr(rest, " and ") != NULL) {
        add_phrase(c, name);
    } else if (strstr(rest, ", ") != NULL) {
        add_phrase(c, head); /* too tangled to turn round */
    } else if (strcmp(rest, "of") == 0 || ends_with(rest, " of") ||
               ends_with(rest, " of the")) {
        turned = join(rest, head);
        add_phrase(c, turned);
        free(turned);
        if (c->former)
            add_phrase(c, head);
    } else if (strchr(rest, ' ') == NULL) {
        turned = join(rest, head);
        add_phrase(c, turned);
        free(turned);
    } else {
        add_phrase(c, head);
        if (c->former)
            add_phrase(c, rest);
    }
    free(head);
}

/*
 * Add the forms of a name.  A trailing parenthesis is an alternative name
 * when its words are capitalised ("Holy See (Vatican City State)") and a
 * remark otherwise ("Saint Martin (French part)"); one inside the name is
 * an optional part ("Cocos (Keeling) Islands").  No phrase keeps its
 * parentheses.
 */
static void add_forms(struct ctx *c, const char *name)
{
    const char *open = strchr(name, '(');
    const char *close = open ? strchr(open, ')') : NULL;
    char *head;
    char *inner;
    char *tail;
    char *without;

    if (open == NULL || close == NULL) {
        add_comma_forms(c, name);
        return;
    }
    head = xstrndup(name, (size_t)(open - name));
    inner = xstrndup(open + 1, (size_t)(close - open - 1));
    tail = squeeze(close + 1);
    if (tail[0] == '\0') {
        without = squeeze(head);
        add_forms(c, without);
        free(without);
        if (title_words(inner))
            add_forms(c, inner);
    } else {
        char *with = join(head, inner);

        without = join(with, tail);
        add_forms(c, without);
        free(without);
        free(with);
        without = join(head, tail);
        add_forms(c, without);
        free(without);
    }
    free(tail);
    free(inner);
    free(head);
}

/* Read a whole file; exits with EXIT_IO on failure. */
static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    size_t cap = 1 << 16;
    size_t n = 0;
    char *buf;

    if (f == NULL)
        fail(EXIT_IO, path, strerror(errno));
    buf = xmalloc(cap);
    for (;;) {
        size_t got;

        if (n == cap) {
            if (cap > (size_t)-1 / 2)
                fail(EXIT_IO, path, "file too large");
            cap *= 2;
            buf = xrealloc(buf, cap);
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(f))
        fail(EXIT_IO, path, strerror(errno));
    if (fclose(f) != 0)
        fail(EXIT_IO, path, strerror(errno));
    *len = n;
    return buf;
}

/* Parse a file and return its array `key`; exits on any error. */
static cJSON *load(const char *path, const char *key, cJSON **root)
{
    size_t len = 0;
    char *text = read_file(path, &len);
    cJSON *array;

    *root = cJSON_ParseWithLength(text, len);
    free(text);
    if (*root == NULL)
        fail(EXIT_BAD_INPUT, path, "not valid JSON");
    array = cJSON_GetObjectItemCaseSensitive(*root, key);
    if (!cJSON_IsArray(array))
        fail(EXIT_BAD_INPUT, path, "no array of countries in the file");
    return array;
}

/* A string member of obj, or NULL when absent; exits if not a string. */
static const char *field(const cJSON *obj, const char *name, const char *path,
                         int required)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, name);

    if (item == NULL) {
        if (required)
            fail(EXIT_BAD_INPUT, path, "entry without name or alpha_3");
        return NULL;
    }
    if (!cJSON_IsString(item) || item->valuestring == NULL)
        fail(EXIT_BAD_INPUT, path, "entry field is not a string");
    return item->valuestring;
}

/* Check that a code is three upper-case ASCII letters. */
static void check_code(const char *code, const char *path)
{
    size_t i;

    for (i = 0; i < 3; i++)
        if (code[i] < 'A' || code[i] > 'Z')
            fail(EXIT_BAD_INPUT, path, "alpha_3 is not three letters");
    if (code[3] != '\0')
        fail(EXIT_BAD_INPUT, path, "alpha_3 is not three letters");
}

static const struct former *find_former(const char *code)
{
    size_t i;

    for (i = 0; i < sizeof formers / sizeof formers[0]; i++)
        if (strcmp(formers[i].alpha3, code) == 0)
            return &formers[i];
    return NULL;
}

static const struct state *find_state(const struct state *states, size_t n,
                                      const char *code)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (strcmp(states[i].code, code) == 0)
            return &states[i];
    return NULL;
}

static int by_phrase(const void *a, const void *b)
{
    const struct entry *x = a;
    const struct entry *y = b;

    return strcmp(x->phrase, y->phrase);
}

/* The last component of a path. */
static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');

    return slash ? slash + 1 : path;
}

int main(int argc, char **argv)
{
    struct list list = {NULL, 0, 0};
    struct ctx c;
    cJSON *root1;
    cJSON *root3;
    const cJSON *current;
    const cJSON *old;
    const cJSON *item;
    struct state *states;
    size_t nstates = 0;
    size_t i;
    int n;

    if (argc < 3 || argc > 4) {
        fprintf(stderr,
                "usage: %s ISO_3166-1.json ISO_3166-3.json"
                " [VERSION]\n",
                progname);
        return EXIT_BAD_INPUT;
    }
    current = load(argv[1], "3166-1", &root1);
    old = load(argv[2], "3166-3", &root3);
    n = cJSON_GetArraySize(current);
    if (n <= 0)
        fail(EXIT_BAD_INPUT, argv[1], "no countries in the file");
    states = xmalloc((size_t)n * sizeof *states);
    c.list = &list;

    /* Current states. */
    cJSON_ArrayForEach (item, current) {
        static const char *const keys[] = {"name", "official_name",
                                           "common_name"};
        const char *name = field(item, "name", argv[1], 1);
        const char *common = field(item, "common_name", argv[1], 0);
        size_t k;

        if (nstates == (size_t)n)
            fail(EXIT_BAD_INPUT, argv[1], "array size changed");
        c.code = field(item, "alpha_3", argv[1], 1);
        check_code(c.code, argv[1]);
        c.canon = common ? common : name;
        c.former = 0;
        states[nstates].code = c.code;
        states[nstates].canon = c.canon;
        nstates++;
        for (k = 0; k < sizeof keys / sizeof keys[0]; k++) {
            const char *value = field(item, keys[k], argv[1], 0);

            if (value != NULL)
                add_forms(&c, value);
        }
    }

    /* Former states. */
    cJSON_ArrayForEach (item, old) {
        const char *name = field(item, "name", argv[2], 1);
        const char *code = field(item, "alpha_3", argv[2], 1);
        const struct former *f = find_former(code);
        const struct state *heir;
        size_t k;

        check_code(code, argv[2]);
        if (find_state(states, nstates, code) != NULL)
            continue;
        if (f != NULL && f->action == SKIP)
            continue;
        c.former = 1;
        if (f != NULL && f->action == MAP) {
            heir = find_state(states, nstates, f->arg);
            if (heir == NULL)
                fail(EXIT_BAD_INPUT, argv[1],
                     "successor of a renamed former state is missing");
            c.code = heir->code;
            c.canon = heir->canon;
        } else {
            c.code = code;
            c.canon = f != NULL && f->arg != NULL ? f->arg : name;
        }
        if (f != NULL && f->forms[0] != NULL) {
            for (k = 0; k < 3 && f->forms[k] != NULL; k++)
                add_forms(&c, f->forms[k]);
        } else {
            add_forms(&c, name);
        }
    }

    qsort(list.v, list.n, sizeof *list.v, by_phrase);
    printf("# Generated by src/gen/gen_countries.c from Debian iso-codes %s"
           " (%s, %s).\n",
           argc == 4 ? argv[3] : "(unknown version)", base_name(argv[1]),
           base_name(argv[2]));
    printf("# Do not edit: run `make rules-gen`."
           " Hand-written aliases are in actors.rules.\n");
    printf("# Former states (ISO 3166-3) keep their own code if they were"
           " dissolved or\n# divided, and take the current code if they"
           " were only renamed.\n");
    printf("lexicon country actor\n");
    for (i = 0; i < list.n; i++) {
        const struct entry *e = &list.v[i];

        if (strcmp(e->phrase, e->canon) == 0)
            printf("    %s = %s\n", e->phrase, e->code);
        else
            printf("    %s = %s | %s\n", e->phrase, e->code, e->canon);
    }
    if (fflush(stdout) != 0 || ferror(stdout))
        fail(EXIT_IO, "standard output", strerror(errno));

    for (i = 0; i < list.n; i++) {
        free(list.v[i].phrase);
        free(list.v[i].key);
        free(list.v[i].code);
        free(list.v[i].canon);
    }
    free(list.v);
    free(states);
    cJSON_Delete(root1);
    cJSON_Delete(root3);
    return 0;
}

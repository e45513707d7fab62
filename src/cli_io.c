/* SPDX-License-Identifier: MIT */
/*
 * cli_io.c - atomic output files and finding the rules.
 *
 * Output: -o FILE writes FILE.XXXXXX beside FILE (mkstemp), then
 * fflush, fsync, fclose and rename; on any failure the temporary file is
 * unlinked and FILE is left as it was.
 *
 * Rules: --rules DIR (repeatable, later directories override), else
 * $DTL_RULES, else rules/ beside the source tree the binary was built
 * in, else share/dtl/rules beside the installed binary, else the
 * directory chosen at build time (DTL_RULES_DIR).
 */
#include "cli.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef DTL_RULES_DIR
#define DTL_RULES_DIR "/usr/local/share/dtl/rules"
#endif

int cli_out_open(cli_out *out, const char *path)
{
    size_t n;
    int fd;

    memset(out, 0, sizeof(*out));
    if (path == NULL || strcmp(path, "-") == 0) {
        out->fp = stdout;
        return EXIT_OK;
    }
    n = strlen(path);
    out->tmp = malloc(n + 8);
    if (out->tmp == NULL) {
        cli_errorf("out of memory");
        return EXIT_IO;
    }
    memcpy(out->tmp, path, n);
    memcpy(out->tmp + n, ".XXXXXX", 8);
    fd = mkstemp(out->tmp);
    if (fd < 0) {
        cli_errorf("%s: cannot create a temporary file beside it: %s", path,
                   strerror(errno));
        free(out->tmp);
        out->tmp = NULL;
        return EXIT_IO;
    }
    fchmod(fd, 0644);
    out->fp = fdopen(fd, "w");
    if (out->fp == NULL) {
        close(fd);
        unlink(out->tmp);
        free(out->tmp);
        out->tmp = NULL;
        cli_errorf("%s: %s", path, strerror(errno));
        return EXIT_IO;
    }
    out->path = path;
    return EXIT_OK;
}

void cli_out_abort(cli_out *out)
{
    if (out->tmp) {
        fclose(out->fp);
        unlink(out->tmp);
        free(out->tmp);
        out->tmp = NULL;
    }
    out->fp = NULL;
}

int cli_out_finish(cli_out *out, int status)
{
    int rc;

    if (status == EXIT_IO) {
        cli_out_abort(out);
        return EXIT_IO;
    }
    rc = cli_out_commit(out);
    return rc == EXIT_OK ? status : rc;
}

int cli_out_commit(cli_out *out)
{
    const char *name = out->path ? out->path : "standard output";

    if (fflush(out->fp) != 0 || ferror(out->fp)) {
        cli_errorf("%s: write error: %s", name, strerror(errno));
        cli_out_abort(out);
        return EXIT_IO;
    }
    if (out->tmp == NULL)
        return EXIT_OK;
    if (fsync(fileno(out->fp)) != 0 && errno != EINVAL) {
        cli_errorf("%s: %s", name, strerror(errno));
        cli_out_abort(out);
        return EXIT_IO;
    }
    if (fclose(out->fp) != 0) {
        out->fp = NULL;
        cli_errorf("%s: %s", name, strerror(errno));
        unlink(out->tmp);
        free(out->tmp);
        out->tmp = NULL;
        return EXIT_IO;
    }
    out->fp = NULL;
    if (rename(out->tmp, out->path) != 0) {
        cli_errorf("%s: %s", name, strerror(errno));
        unlink(out->tmp);
        free(out->tmp);
        out->tmp = NULL;
        return EXIT_IO;
    }
    free(out->tmp);
    out->tmp = NULL;
    return EXIT_OK;
}

static int is_dir(const char *p)
{
    struct stat st;

    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Whether exe (a directory) is build/<something> of a source tree:
 * ../../Makefile and ../../src exist. */
static int is_source_tree(const char *exe)
{
    char p[PATH_MAX + 32];

    snprintf(p, sizeof(p), "%s/../../src", exe);
    return is_dir(p);
}

/* rules/ next to the binary's source tree or install prefix. */
static const char *find_default(char *buf, size_t size)
{
    const char *env = getenv("DTL_RULES");
    char exe[PATH_MAX];
    ssize_t n;
    char *slash;

    if (env && *env)
        return env;
    n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    if (n > 0) {
        exe[n] = '\0';
        slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            /* build/dtl -> ../rules; build/san/dtl -> ../../rules;
             * bin/dtl -> ../share/dtl/rules */
            snprintf(buf, size, "%s/../rules", exe);
            if (is_dir(buf))
                return buf;
            snprintf(buf, size, "%s/../../rules", exe);
            if (is_dir(buf) && is_source_tree(exe))
                return buf;
            snprintf(buf, size, "%s/../share/dtl/rules", exe);
            if (is_dir(buf))
                return buf;
        }
    }
    return DTL_RULES_DIR;
}

size_t cli_jobs(const cli_opts *o)
{
    long cores;

    if (o->jobs > 0)
        return (size_t)o->jobs;
    cores = sysconf(_SC_NPROCESSORS_ONLN);
    return cores > 0 ? (size_t)cores : 1;
}

/*
 * The directory of the compiled-pattern cache into buf: $DTL_CACHE_DIR
 * (empty: no cache), else $XDG_CACHE_HOME/dtl, else ~/.cache/dtl.
 * Returns buf, or NULL for no cache.
 */
static const char *cache_dir(char *buf, size_t n)
{
    const char *d = getenv("DTL_CACHE_DIR"), *x, *h;
    int w;

    if (d)
        w = snprintf(buf, n, "%s", d);
    else if ((x = getenv("XDG_CACHE_HOME")) != NULL && x[0] == '/')
        w = snprintf(buf, n, "%s/dtl", x);
    else if ((h = getenv("HOME")) != NULL && h[0] == '/')
        w = snprintf(buf, n, "%s/.cache/dtl", h);
    else
        return NULL;
    return w > 0 && (size_t)w < n ? buf : NULL;
}

dtl_rules *cli_load_rules(cli_opts *o, int *status)
{
    dtl_rules *rs = dtl_rules_new();
    dtl_error err;
    char buf[PATH_MAX + 32];
    const char *dirs[CLI_MAX_RULE_DIRS];
    size_t n = o->rule_dir_count, i;
    int failed = 0;
    dtl_status st;

    *status = EXIT_OK;
    if (rs == NULL) {
        cli_errorf("out of memory");
        *status = EXIT_IO;
        return NULL;
    }
    {
        const char *nj = getenv("DTL_NO_JIT");
        const char *nr = getenv("DTL_NO_REACH");

        if (nj && *nj && strcmp(nj, "0") != 0)
            dtl_rules_set_jit(rs, 0);
        if (nr && *nr && strcmp(nr, "0") != 0)
            dtl_rules_set_reach(rs, 0);
    }
    /* The patterns compile on as many threads as a batch would use. */
    dtl_rules_set_threads(rs, (unsigned)cli_jobs(o));
    if (cache_dir(buf, sizeof(buf)) && dtl_rules_set_cache(rs, buf) != DTL_OK) {
        cli_errorf("out of memory");
        *status = EXIT_IO;
        dtl_rules_free(rs);
        return NULL;
    }
    for (i = 0; i < n; i++)
        dirs[i] = o->rule_dirs[i];
    if (n == 0) {
        dirs[0] = find_default(buf, sizeof(buf));
        n = 1;
    }
    for (i = 0; i < n; i++) {
        st = dtl_rules_load_dir(rs, dirs[i], cli_diag, o, &err);
        if (st == DTL_EIO) {
            cli_print_error(&err);
            if (o->rule_dir_count == 0)
                fprintf(stderr, "dtl: hint: give --rules DIR or set "
                                "DTL_RULES\n");
            *status = EXIT_IO;
            dtl_rules_free(rs);
            return NULL;
        }
        if (st == DTL_ENOMEM) {
            cli_errorf("out of memory");
            *status = EXIT_IO;
            dtl_rules_free(rs);
            return NULL;
        }
        if (st != DTL_OK)
            failed = 1;
    }
    st = dtl_rules_compile(rs, cli_diag, o, &err);
    if (st == DTL_ENOMEM) {
        cli_errorf("out of memory");
        *status = EXIT_IO;
        dtl_rules_free(rs);
        return NULL;
    }
    if (st != DTL_OK || failed) {
        *status = EXIT_RULES;
        dtl_rules_free(rs);
        return NULL;
    }
    return rs;
}

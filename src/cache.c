/* SPDX-License-Identifier: MIT */
/*
 * cache.c - compiled patterns kept between runs (cache.h).
 *
 * A cache file, DIR/rules-NAME.pcre2, is a header, a bitmap of the
 * patterns that have a code, and PCRE2's serialisation of those codes
 * (pcre2_serialize_encode), in the byte order of the machine that wrote
 * it:
 *
 *   0  "dtl-pcre"   magic
 *   8  u32 1        format version
 *  12  u32          0x01020304, as written (the byte order)
 *  16  u64 key      hash of what the codes were compiled from
 *  24  u64 count    patterns (bits in the bitmap)
 *  32  u64 size     bytes of the serialisation
 *  40  u64 sum      checksum of the bitmap and the serialisation
 *  48  u64 name     the NAME of the file name
 *  56  u64 0
 *
 * PCRE2 does not check the codes it decodes, so a file is decoded only
 * when all of it checks; PCRE2 itself refuses codes of another version
 * or build.  Whatever goes wrong, the patterns are compiled instead.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "cache.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

#define CACHE_HEADER   64
#define CACHE_VERSION  1u
#define CACHE_BOM      0x01020304u
/* No rule set comes near; a bigger file is not one of ours. */
#define CACHE_MAX_SIZE ((size_t)1 << 30)
/* The cache files a directory keeps: those of the rule sets used last
 * (each is some 10 MB for the shipped rules). */
#define CACHE_KEEP     8

/* The checksum: FNV-1a over 64-bit words (a byte at a time is several
 * times slower on megabytes), then the bytes left. */
static uint64_t checksum(const unsigned char *p, size_t len)
{
    uint64_t h = UTIL_FNV_SEED, w;

    for (; len >= 8; p += 8, len -= 8) {
        memcpy(&w, p, 8);
        h = (h ^ w) * UTIL_FNV_PRIME;
    }
    return util_fnv1a(p, len, h);
}

static void put32(unsigned char *p, uint32_t v)
{
    memcpy(p, &v, 4);
}

static void put64(unsigned char *p, uint64_t v)
{
    memcpy(p, &v, 8);
}

static uint32_t get32(const unsigned char *p)
{
    uint32_t v;

    memcpy(&v, p, 4);
    return v;
}

static uint64_t get64(const unsigned char *p)
{
    uint64_t v;

    memcpy(&v, p, 8);
    return v;
}

/* The path of the cache of id in dir, into buf of size n; -1 when it
 * does not fit. */
static int cache_path(char *buf, size_t n, const char *dir, const cache_id *id)
{
    int w = snprintf(buf, n, "%s/rules-%016llx.pcre2", dir,
                     (unsigned long long)id->name);

    return w < 0 || (size_t)w >= n ? -1 : 0;
}

/* Maps all of path (at most CACHE_MAX_SIZE bytes) for reading. */
static unsigned char *map_all(const char *path, size_t *len)
{
    int fd = open(path, O_RDONLY);
    struct stat st;
    void *p = MAP_FAILED;

    if (fd < 0)
        return NULL;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
        st.st_size >= CACHE_HEADER && (uintmax_t)st.st_size <= CACHE_MAX_SIZE)
        p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (p == MAP_FAILED)
        return NULL;
    *len = (size_t)st.st_size;
    return p;
}

int cache_load(const char *dir, const cache_id *id,
               struct pcre2_real_code_8 **codes)
{
    char path[PATH_MAX];
    unsigned char *buf, *bits;
    size_t len, nbits = (id->count + 7) / 8, i, have = 0, k;
    uint64_t size;
    pcre2_code **dec = NULL;
    int32_t got;

    memset(codes, 0, id->count * sizeof(*codes));
    if (cache_path(path, sizeof(path), dir, id) != 0 ||
        (buf = map_all(path, &len)) == NULL)
        return -1;
    size = get64(buf + 32);
    if (memcmp(buf, "dtl-pcre", 8) != 0 || get32(buf + 8) != CACHE_VERSION ||
        get32(buf + 12) != CACHE_BOM || get64(buf + 16) != id->key ||
        get64(buf + 24) != id->count || get64(buf + 48) != id->name ||
        len - CACHE_HEADER < nbits || size != len - CACHE_HEADER - nbits ||
        get64(buf + 40) != checksum(buf + CACHE_HEADER, len - CACHE_HEADER))
        goto fail;
    bits = buf + CACHE_HEADER;
    for (i = 0; i < id->count; i++)
        have += (bits[i / 8] >> (i % 8)) & 1;
    if (have == 0 || have > INT32_MAX ||
        pcre2_serialize_get_number_of_codes(bits + nbits) != (int32_t)have)
        goto fail;
    dec = calloc(have, sizeof(*dec));
    if (dec == NULL)
        goto fail;
    got = pcre2_serialize_decode(dec, (int32_t)have, bits + nbits, NULL);
    if (got != (int32_t)have) {
        for (k = 0; got > 0 && k < (size_t)got; k++)
            pcre2_code_free(dec[k]);
        goto fail;
    }
    for (i = 0, k = 0; i < id->count; i++)
        if ((bits[i / 8] >> (i % 8)) & 1)
            codes[i] = (struct pcre2_real_code_8 *)dec[k++];
    free(dec);
    munmap(buf, len);
    /* Marked as used (its time set by the system, not read here), for
     * prune(); a read-only directory only loses the mark. */
    (void)utimensat(AT_FDCWD, path, NULL, 0);
    return 0;
fail:
    free(dec);
    munmap(buf, len);
    return -1;
}

/* Makes directory dir and those above it that are missing. */
static int make_dirs(const char *dir)
{
    char tmp[PATH_MAX];
    size_t len = strlen(dir), i;

    if (len == 0 || len >= sizeof(tmp))
        return -1;
    memcpy(tmp, dir, len + 1);
    for (i = 1; i <= len; i++) {
        if (tmp[i] != '/' && tmp[i] != '\0')
            continue;
        tmp[i] = '\0';
        if (mkdir(tmp, 0777) != 0 && errno != EEXIST)
            return -1;
        tmp[i] = i < len ? '/' : '\0';
    }
    return 0;
}

/* Writes len bytes of p to fd. */
static int write_all(int fd, const unsigned char *p, size_t len)
{
    ssize_t w;

    while (len > 0) {
        w = write(fd, p, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        len -= (size_t)w;
    }
    return 0;
}

/* A cache file of prune(): its name and when it was used last. */
typedef struct cache_entry {
    char name[32];
    struct timespec used;
} cache_entry;

/* Whether name is that of a cache file (cache_path), not a temporary
 * one another run may be writing. */
static int is_cache_name(const char *name)
{
    size_t n = strlen(name), i;

    if (n != 28 || strncmp(name, "rules-", 6) != 0 ||
        strcmp(name + 22, ".pcre2") != 0)
        return 0;
    for (i = 6; i < 22; i++)
        if (!util_isdigit((unsigned char)name[i]) &&
            (name[i] < 'a' || name[i] > 'f'))
            return 0;
    return 1;
}

/* Most recently used first. */
static int by_use(const void *a, const void *b)
{
    const struct timespec *x = &((const cache_entry *)a)->used;
    const struct timespec *y = &((const cache_entry *)b)->used;

    if (x->tv_sec != y->tv_sec)
        return x->tv_sec < y->tv_sec ? 1 : -1;
    if (x->tv_nsec != y->tv_nsec)
        return x->tv_nsec < y->tv_nsec ? 1 : -1;
    return 0;
}

/* Removes the cache files of dir beyond the CACHE_KEEP used last: a
 * file per set of rule files ever used would otherwise pile up. */
static void prune(const char *dir)
{
    char path[PATH_MAX];
    cache_entry *v = NULL, *nv;
    size_t n = 0, cap = 0, i;
    struct dirent *de;
    struct stat st;
    DIR *d = opendir(dir);

    if (d == NULL)
        return;
    while ((de = readdir(d)) != NULL) {
        if (!is_cache_name(de->d_name) ||
            snprintf(path, sizeof(path), "%s/%s", dir, de->d_name) >=
                (int)sizeof(path) ||
            stat(path, &st) != 0 || !S_ISREG(st.st_mode))
            continue;
        if (n == cap) {
            cap = cap ? 2 * cap : 16;
            if ((nv = realloc(v, cap * sizeof(*v))) == NULL)
                break;
            v = nv;
        }
        memcpy(v[n].name, de->d_name, 29);
        v[n].used = st.st_mtim;
        n++;
    }
    closedir(d);
    if (n > CACHE_KEEP) {
        qsort(v, n, sizeof(*v), by_use);
        for (i = CACHE_KEEP; i < n; i++)
            if (snprintf(path, sizeof(path), "%s/%s", dir, v[i].name) <
                (int)sizeof(path))
                (void)unlink(path);
    }
    free(v);
}

int cache_save(const char *dir, const cache_id *id,
               struct pcre2_real_code_8 *const *codes)
{
    char path[PATH_MAX], tmp[PATH_MAX];
    size_t nbits = (id->count + 7) / 8, i, have = 0, size = 0;
    const pcre2_code **v;
    unsigned char *ser = NULL, *out = NULL;
    PCRE2_SIZE ser_len = 0;
    int fd = -1, rc = -1;

    v = malloc((id->count ? id->count : 1) * sizeof(*v));
    if (v == NULL)
        return -1;
    for (i = 0; i < id->count; i++)
        if (codes[i])
            v[have++] = (const pcre2_code *)codes[i];
    if (have == 0 || have > INT32_MAX ||
        pcre2_serialize_encode(v, (int32_t)have, &ser, &ser_len, NULL) !=
            (int32_t)have)
        goto done;
    size = CACHE_HEADER + nbits + ser_len;
    out = calloc(1, size);
    if (out == NULL)
        goto done;
    for (i = 0; i < id->count; i++)
        if (codes[i])
            out[CACHE_HEADER + i / 8] |= (unsigned char)(1u << (i % 8));
    memcpy(out + CACHE_HEADER + nbits, ser, ser_len);
    memcpy(out, "dtl-pcre", 8);
    put32(out + 8, CACHE_VERSION);
    put32(out + 12, CACHE_BOM);
    put64(out + 16, id->key);
    put64(out + 24, id->count);
    put64(out + 32, ser_len);
    put64(out + 40, checksum(out + CACHE_HEADER, size - CACHE_HEADER));
    put64(out + 48, id->name);
    if (cache_path(path, sizeof(path), dir, id) != 0 ||
        snprintf(tmp, sizeof(tmp), "%s.XXXXXX", path) >= (int)sizeof(tmp) ||
        make_dirs(dir) != 0 || (fd = mkstemp(tmp)) < 0)
        goto done;
    if (write_all(fd, out, size) != 0)
        goto done; /* closed and removed below */
    if (close(fd) != 0) {
        fd = -1;
        unlink(tmp);
        goto done;
    }
    fd = -1;
    if (rename(tmp, path) != 0) {
        unlink(tmp);
        goto done;
    }
    prune(dir);
    rc = 0;
done:
    if (fd >= 0) {
        close(fd);
        unlink(tmp);
    }
    if (ser)
        pcre2_serialize_free(ser);
    free(out);
    free(v);
    return rc;
}

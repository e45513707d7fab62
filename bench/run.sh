#!/bin/sh
# bench/run.sh - speed and memory of dtl on the Reuters-21578 corpus
# (../shared, skipped when absent).  Medians of 5 runs; the machine is
# noted.  Never part of "make test": timings are not tests.
#
# Reports, for "dtl times" and "dtl build --format jsonl" on 1 and 2
# threads: MB/s and articles/s of the whole run (rule loading included),
# peak RSS; one article with the compiled-pattern cache cold and warm
# (medians of 4 x RUNS runs); the same text through a bare PCRE2-JIT loop over the same
# patterns; and the cost of 10x more rules that never fire.
#
# Environment: RUNS (default 5), BARE=no to leave out the bare loop,
# DTL, SHARED.
set -eu
: "${DTL:=build/dtl}"
: "${SHARED:=../shared}"
: "${RUNS:=5}"
CORPUS=$SHARED/eval/corpora/reuters21578/reuters21578.jsonl
if [ ! -f "$CORPUS" ]; then
    echo "bench: $CORPUS not found: skipped (needs ../shared)"
    exit 0
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dtl-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
# The corpus runs compile the rules, as the figures of earlier versions
# did; the one-article runs below measure the compiled-pattern cache.
DTL_CACHE_DIR=
export DTL_CACHE_DIR

bytes=$(wc -c < "$CORPUS")
articles=$(wc -l < "$CORPUS")

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# time_cmd OUT CMD...: the median wall time of RUNS runs, in seconds,
# and the median peak RSS (kB) into OUT.rss.
time_cmd() {
    out=$1
    shift
    : > "$tmp/t"
    : > "$tmp/r"
    i=0
    while [ $i -lt "$RUNS" ]; do
        /usr/bin/time -f '%e %M' -o "$tmp/one" "$@" > /dev/null 2>&1 || true
        awk '{print $1}' "$tmp/one" >> "$tmp/t"
        awk '{print $2}' "$tmp/one" >> "$tmp/r"
        i=$((i + 1))
    done
    median < "$tmp/r" > "$out.rss"
    median < "$tmp/t"
}

row() {
    name=$1
    secs=$2
    rss=$3
    awk -v n="$name" -v s="$secs" -v b="$bytes" -v a="$articles" -v r="$rss" \
        'BEGIN { printf "%-34s %7.2f s %8.1f MB/s %9.0f art/s %7.1f MB\n",
                 n, s, b / s / 1e6, a / s, r / 1024 }'
}

echo "dtl bench: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "corpus: $CORPUS ($bytes bytes, $articles articles); median of $RUNS runs"
echo "rules: $(./$DTL rules check 2>/dev/null | head -1)"
echo
printf '%-34s %9s %13s %15s %10s\n' "run" "time" "speed" "articles" "peak RSS"

s=$(time_cmd "$tmp/times" "$DTL" times --format jsonl "$CORPUS")
row "times --format jsonl (1 thread)" "$s" "$(cat "$tmp/times.rss")"

for j in 1 2; do
    s=$(time_cmd "$tmp/b$j" "$DTL" build -j $j --format jsonl "$CORPUS")
    row "build --format jsonl -j $j" "$s" "$(cat "$tmp/b$j.rss")"
    eval "b$j=$s"
done
"$DTL" build -j 1 "$CORPUS" > "$tmp/o1" 2>/dev/null || true
"$DTL" build -j 2 "$CORPUS" > "$tmp/o2" 2>/dev/null || true
if cmp -s "$tmp/o1" "$tmp/o2"; then same=identical; else same=DIFFERENT; fi
awk -v a="$b1" -v b="$b2" -v s="$same" \
    'BEGIN { printf "speed-up on 2 threads: %.2fx; output of -j 1 and -j 2: %s\n", a / b, s }'

# What two cores give this workload at best: two independent
# single-threaded builds at once, which share nothing but the machine
# (caches, memory bandwidth, and on a VM whatever the host shares).
# Their combined throughput over one build's is the ceiling of -j 2.
: > "$tmp/pair"
i=0
while [ $i -lt "$RUNS" ]; do
    t0=$(date +%s.%N)
    "$DTL" build -j 1 --format jsonl "$CORPUS" > /dev/null 2>&1 &
    "$DTL" build -j 1 --format jsonl "$CORPUS" > /dev/null 2>&1 || true
    wait || true
    t1=$(date +%s.%N)
    awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }' >> "$tmp/pair"
    i=$((i + 1))
done
sp=$(median < "$tmp/pair")
awk -v a="$b1" -v p="$sp" -v b="$bytes" \
    'BEGIN { printf "two builds -j 1 at once: %.2f s for both, %.1f MB/s together: ceiling of -j 2 on this machine %.2fx\n", p, 2 * b / p / 1e6, 2 * a / p }'

# One article, as a user runs dtl: the patterns compiled (no cache)
# and read from a warm cache, on the default threads and on one.
one=samples/gulf-tanker-2024-06.txt
RUNS0=$RUNS
RUNS=$((RUNS * 4))
for j in 2 1; do
    c=$(time_cmd "$tmp/c$j" "$DTL" build -j $j "$one")
    DTL_CACHE_DIR=$tmp/cache
    "$DTL" build "$one" > /dev/null 2>&1 || true
    w=$(time_cmd "$tmp/w$j" "$DTL" build -j $j "$one")
    DTL_CACHE_DIR=
    awk -v c="$c" -v w="$w" -v j="$j" -v cr="$(cat "$tmp/c$j.rss")" \
        -v wr="$(cat "$tmp/w$j.rss")" \
        'BEGIN { printf "one article -j %d: %.3f s compiling, %.3f s from the cache (%.1f / %.1f MB)\n", j, c, w, cr / 1024, wr / 1024 }'
done
RUNS=$RUNS0

# The rule set with 10x as many rules that never fire.
rules=$(./$DTL rules list 2>/dev/null | wc -l)
mkdir -p "$tmp/rules10"
cp rules/*.rules "$tmp/rules10/"
awk -v n="$rules" 'BEGIN {
    for (i = 0; i < 9 * n; i++) {
        printf "rule bench.filler-%d\n    type     filler\n    cameo    010\n", i
        printf "    trigger  zqxfiller%d\n", i
        printf "    pattern  (?<source>@actor) zqxfiller%d (?<target>@actor)\n\n", i
    }
}' > "$tmp/rules10/zz-filler.rules"
s10=$(time_cmd "$tmp/b10" "$DTL" build -j 1 --format jsonl --rules "$tmp/rules10" "$CORPUS")
row "build -j 1, 10x rules ($((rules * 10)))" "$s10" "$(cat "$tmp/b10.rss")"
awk -v a="$b1" -v b="$s10" 'BEGIN { printf "cost of 10x rules: %.2fx the time\n", b / a }'

# The bare loop takes about two minutes a run; BARE=no leaves it out.
if [ -x build/bench/pcre2_limit ] && [ "${BARE:-yes}" != no ]; then
    : > "$tmp/lim"
    i=0
    while [ $i -lt "$RUNS" ]; do
        build/bench/pcre2_limit rules "$CORPUS" | awk '{print $1}' >> "$tmp/lim"
        i=$((i + 1))
    done
    set -- $(build/bench/pcre2_limit rules "$CORPUS")
    l=$(median < "$tmp/lim")
    awk -v s="$l" -v b="$2" -v p="$4" \
        'BEGIN { printf "bare PCRE2-JIT loop, %d patterns, text only: %.2f s, %.1f MB/s\n", p, s, b / s / 1e6 }'
fi

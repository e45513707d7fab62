#!/bin/sh
# fuzz/smoke.sh RUNS - runs every fuzz target for RUNS executions, seeded
# from the test data, samples and rules; fails on any crash, leak or
# timeout.  The seed is fixed (FUZZ_SEED, default 1) so that CI is
# reproducible; long runs (make fuzz, then the targets by hand) explore.
# New inputs go to build/fuzz/corpus-NAME (not committed).
set -eu
runs=${1:-20000}
seeds=build/fuzz/seeds
rm -rf "$seeds"
mkdir -p "$seeds/text" "$seeds/rules" "$seeds/json" "$seeds/ics"
cp samples/*.txt samples/crisis/*.txt tests/data/*.txt "$seeds/text/" 2>/dev/null || true
cp rules/*.rules tests/rules-bad/*.rules "$seeds/rules/" 2>/dev/null || true
for f in "$seeds"/text/*.txt; do
    b=$(basename "$f" .txt)
    build/dtl build --format json "$f" > "$seeds/json/$b.json" 2>/dev/null || true
    build/dtl build --format ics "$f" > "$seeds/ics/$b.ics" 2>/dev/null || true
done
find "$seeds" -type f -size 0 -delete
status=0
for t in build/fuzz/fuzz_*; do
    name=$(basename "$t")
    case $name in
    fuzz_text | fuzz_timex) seed=$seeds/text; dict=fuzz/text.dict ;;
    fuzz_rules) seed=$seeds/rules; dict=fuzz/rules.dict ;;
    fuzz_import_json) seed=$seeds/json; dict= ;;
    fuzz_import_ics) seed=$seeds/ics; dict= ;;
    *) continue ;;
    esac
    mkdir -p "build/fuzz/corpus-$name"
    echo "fuzz: $name ($runs runs)"
    if ! "$t" -runs="$runs" -seed="${FUZZ_SEED:-1}" -max_len=65536 \
        -timeout=20 -rss_limit_mb=2048 \
        -artifact_prefix=build/fuzz/ \
        ${dict:+-dict="$dict"} -print_final_stats=1 \
        "build/fuzz/corpus-$name" "$seed" > "build/fuzz/$name.log" 2>&1; then
        tail -40 "build/fuzz/$name.log"
        status=1
    else
        grep -E 'stat::number_of_executed_units|Done ' "build/fuzz/$name.log" | tail -2
    fi
done
exit $status

#!/bin/sh
# tests/eval-timeml.sh - scores "dtl times" against the TimeML gold sets
# of the shared data (TimeBank 1.2 and AQUAINT, TempEval-3 Task A).
#
# Usage: tests/eval-timeml.sh [SHARED [DTL [OUTDIR]]]
#   SHARED  the shared data directory (default ../shared)
#   DTL     the dtl binary (default build/dtl)
#   OUTDIR  where texts and outputs go (default build/eval/timeml)
#
# For each gold set, te3score.py exports the plain text of every document
# and its creation time (DCT); dtl tags each text with --date DCT into
# OUTDIR/SET/out/DOC.json, and the scorer prints its table for the set,
# then for both sets together.  ERRORS=1 also writes the scorer's error
# list to OUTDIR/SET/errors.txt.  Without the shared data the script
# says so and exits 0 (the shared directory is absent from user clones).
set -u
LC_ALL=C
TZ=UTC
export LC_ALL TZ
unset DTL_RULES

shared=${1:-../shared}
dtl=${2:-build/dtl}
outdir=${3:-build/eval/timeml}
: "${ERRORS:=}"
gold=$shared/eval/timeml
score=$gold/te3score.py

if [ ! -f "$score" ]; then
    echo "eval: $gold not found: TimeML evaluation skipped"
    exit 0
fi
if ! command -v python3 > /dev/null 2>&1; then
    echo "eval: python3 not found: TimeML evaluation skipped"
    exit 0
fi
if [ ! -x "$dtl" ]; then
    echo "eval: $dtl: no such program (run make first)" >&2
    exit 2
fi

rm -rf "$outdir"
mkdir -p "$outdir/all/gold" "$outdir/all/out" || exit 4
sets="timebank aquaint"
for set in $sets; do
    dir=$outdir/$set
    mkdir -p "$dir/out" || exit 4
    python3 "$score" "$gold/$set" --export-text "$dir" 2> /dev/null || {
        echo "eval: cannot export $gold/$set" >&2
        exit 4
    }
    # dct.tsv: doc, dct value (maybe with a time), type, text.
    tail -n +2 "$dir/dct.tsv" | while IFS='	' read -r doc dct rest; do
        day=$(printf '%s' "$dct" | cut -c1-10)
        if ! "$dtl" times --quiet --date "$day" --format json \
            "$dir/$doc.txt" > "$dir/out/$doc.json" 2> "$dir/out/$doc.err"
        then
            echo "eval: dtl failed on $set/$doc:" >&2
            cat "$dir/out/$doc.err" >&2
            exit 1
        fi
        ln -sf "$(cd "$gold/$set" && pwd)/$doc.tml" "$outdir/all/gold/"
        cp "$dir/out/$doc.json" "$outdir/all/out/"
    done || exit 1
done

status=0
for set in $sets all; do
    if [ "$set" = all ]; then
        g=$outdir/all/gold
        name="TimeBank + AQUAINT"
    else
        g=$gold/$set
        name=$set
    fi
    echo "--- $name"
    python3 "$score" "$g" "$outdir/$set/out" || status=1
    if [ -n "$ERRORS" ]; then
        python3 "$score" "$g" "$outdir/$set/out" --errors \
            > "$outdir/$set/errors.txt"
    fi
done
exit $status

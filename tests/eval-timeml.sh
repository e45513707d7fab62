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
# and its creation time (DCT); dtl tags each text as of its DCT (JSON
# Lines in and out) into OUTDIR/SET/out/DOC.json, and the scorer prints
# its table for the set, then for both sets together.  ERRORS=1 also
# writes the scorer's error list to OUTDIR/SET/errors.txt.  Without the
# shared data the script says so and exits 0 (the shared directory is
# absent from user clones).
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

# tag_set NAME GOLDDIR [ALL]: tags every document of GOLDDIR into
# OUTDIR/NAME/out; with ALL, also into OUTDIR/all (the two gold sets
# scored together).
tag_set() {
    dir=$outdir/$1
    mkdir -p "$dir/out" || exit 4
    python3 "$score" "$2" --export-text "$dir" 2> /dev/null || {
        echo "eval: cannot export $2" >&2
        exit 4
    }
    # dct.tsv: doc, dct value (maybe with a time), type, text.  One dtl
    # tags all the documents of the set, as JSON Lines ({"id", "date",
    # "text"} in, {"id", "times"} out: rules are loaded once); each
    # output line becomes out/DOC.json for the scorer.
    python3 - "$dir" > "$dir/docs.jsonl" <<'EOF' || exit 4
import json, sys
d = sys.argv[1]
for row in [l.rstrip("\n").split("\t") for l in open(d + "/dct.tsv")][1:]:
    text = open("%s/%s.txt" % (d, row[0]), encoding="utf-8").read()
    print(json.dumps({"id": row[0], "date": row[1][:10], "text": text}))
EOF
    if ! "$dtl" times --quiet --format jsonl "$dir/docs.jsonl" \
        > "$dir/docs.out" 2> "$dir/docs.err" || [ -s "$dir/docs.err" ]; then
        echo "eval: dtl failed on $1:" >&2
        cat "$dir/docs.err" >&2
        exit 1
    fi
    python3 - "$dir" "${3:+$outdir/all}" "$(cd "$2" && pwd)" <<'EOF' || exit 4
import json, os, sys
d, alld, gold = sys.argv[1:4]
for line in open(os.path.join(d, "docs.out"), encoding="utf-8"):
    rec = json.loads(line)
    doc = rec["id"]
    outs = [os.path.join(d, "out")]
    if alld:
        outs.append(os.path.join(alld, "out"))
    for o in outs:
        with open(os.path.join(o, doc + ".json"), "w") as f:
            json.dump(rec["times"], f, indent=1)
    if alld:
        link = os.path.join(alld, "gold", doc + ".tml")
        if not os.path.lexists(link):
            os.symlink(os.path.join(gold, doc + ".tml"), link)
EOF
}

sets="timebank aquaint"
for set in $sets; do
    tag_set "$set" "$gold/$set" all
done
# The project's own held-out set (tests/timeml: news stories written
# for dtl in invented words and annotated by the TimeBank conventions),
# scored apart from the gold sets.
own=$(dirname "$0")/timeml
if [ -d "$own" ]; then
    tag_set own "$own"
fi

status=0
for set in $sets all own; do
    if [ "$set" = all ]; then
        g=$outdir/all/gold
        name="TimeBank + AQUAINT"
    elif [ "$set" = own ]; then
        [ -d "$own" ] || continue
        g=$own
        name="dtl's own held-out set (tests/timeml)"
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

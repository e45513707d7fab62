#!/bin/sh
# tests/run.sh - the dtl test suite: unit tests, the shipped rules' own
# examples, time-expression tables, golden cases, broken-rule
# diagnostics and CLI transcripts.  Whole outputs are compared with
# diff -u.
#
# Environment: DTL (the binary), BUILD (the build directory),
# VALGRIND=1 (run everything under valgrind), UPDATE=1 (rewrite the
# expected files from current output: read the diff before committing).
set -u
LC_ALL=C
TZ=UTC
export LC_ALL TZ
unset DTL_RULES NO_COLOR SOURCE_DATE_EPOCH
: "${DTL:=build/dtl}"
: "${BUILD:=build}"
: "${VALGRIND:=}"
: "${UPDATE:=}"
top=$(pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dtl-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
# One compiled-pattern cache for the whole run, not the user's: the
# first run of a rule set writes it, the others read it.
DTL_CACHE_DIR=$tmp/cache
export DTL_CACHE_DIR
pass=0
fail=0
failed=""

run() {
    if [ -n "$VALGRIND" ]; then
        valgrind -q --error-exitcode=99 --leak-check=full \
            --errors-for-leak-kinds=definite,indirect \
            --suppressions="$top/tests/valgrind.supp" "$@"
    else
        "$@"
    fi
}
DTL_ABS=$(cd "$(dirname "$DTL")" && pwd)/$(basename "$DTL")
# valgrind cannot follow PCRE2's JIT code: match without it.
if [ -n "$VALGRIND" ]; then DTL_NO_JIT=1; export DTL_NO_JIT; fi
dtl() { run "$DTL_ABS" "$@"; }
export DTL_ABS VALGRIND top BUILD

ok() { pass=$((pass + 1)); }
ko() {
    fail=$((fail + 1))
    failed="$failed
  $1"
    echo "FAIL: $1"
}

# compare NAME EXPECTED ACTUAL: diff, or rewrite under UPDATE=1.
compare() {
    if [ -n "$UPDATE" ]; then
        cp "$3" "$2"
        return 0
    fi
    if diff -u "$2" "$3" > "$tmp/diff" 2>&1; then
        return 0
    fi
    head -40 "$tmp/diff"
    return 1
}

# 1. Unit tests (each prints its own failures).
for t in "$BUILD"/tests/test_*; do
    [ -x "$t" ] || continue
    if run "$t" > "$tmp/unit.out" 2>&1; then ok; else
        cat "$tmp/unit.out"; ko "unit: $(basename "$t")"; fi
done

# 2. The shipped rules pass their own examples.
if dtl rules check > "$tmp/check.out" 2>&1; then ok; else
    cat "$tmp/check.out"; ko "dtl rules check"; fi

# 3. Golden cases: tests/cases/AREA/NAME/{article.txt,args,out.*,
#    stderr,status}.  A missing expected file is not checked.
for dir in tests/cases/*/*/; do
    [ -f "$dir/args" ] || continue
    name=${dir#tests/cases/}
    name=${name%/}
    args=$(cat "$dir/args")
    in="$dir/article.txt"
    [ -f "$in" ] || in=""
    # shellcheck disable=SC2086
    (cd "$dir" && eval "dtl $args" > "$tmp/out" 2> "$tmp/err")
    status=$?
    good=1
    for f in out.json out.ics out.txt out.jsonl out.timeml; do
        [ -f "$dir/$f" ] || continue
        compare "$name/$f" "$dir/$f" "$tmp/out" || good=0
    done
    if [ -f "$dir/stderr" ]; then
        compare "$name/stderr" "$dir/stderr" "$tmp/err" || good=0
    fi
    if [ -f "$dir/status" ]; then
        if [ -n "$UPDATE" ]; then echo "$status" > "$dir/status"
        elif [ "$(cat "$dir/status")" != "$status" ]; then
            echo "$name: status $status, expected $(cat "$dir/status")"
            good=0
        fi
    fi
    if [ -n "$VALGRIND" ] && [ "$status" = 99 ]; then good=0; fi
    if [ $good = 1 ]; then ok; else ko "case $name"; fi
done

# 4. Broken rule files: tests/rules-bad/NAME.rules (or a directory
#    NAME/ of rule files) must fail "dtl rules check" with status 3 and
#    the diagnostics of NAME.stderr (paths relative to the copy: ./...).
for r in tests/rules-bad/*.stderr; do
    [ -f "$r" ] || continue
    base=${r%.stderr}
    name=$(basename "$base")
    rm -rf "$tmp/rb"
    mkdir -p "$tmp/rb"
    if [ -d "$base" ]; then
        cp "$base"/* "$tmp/rb/"
    else
        cp "$base.rules" "$tmp/rb/"
    fi
    (cd "$tmp/rb" && dtl rules check . > /dev/null 2> "$tmp/err")
    status=$?
    good=1
    compare "rules-bad/$name.stderr" "$r" "$tmp/err" || good=0
    if [ "$status" != 3 ] && [ -z "$UPDATE" ]; then
        echo "rules-bad/$name: status $status, expected 3"
        good=0
    fi
    if [ $good = 1 ]; then ok; else ko "rules-bad $name"; fi
done

# 5. CLI transcripts: each script exits 0 when all its checks pass.
for s in tests/cli/*.sh; do
    [ -f "$s" ] || continue
    if TMPDIR="$tmp" sh "$s" > "$tmp/cli.out" 2>&1; then ok; else
        cat "$tmp/cli.out"; ko "cli $(basename "$s")"; fi
done

echo "tests: $pass passed, $fail failed"
[ $fail = 0 ] || { echo "failed:$failed"; exit 1; }

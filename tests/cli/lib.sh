# tests/cli/lib.sh - helpers for the CLI transcripts (sourced).
# Each check prints "not ok: ..." on failure; the script's exit status
# is the number of failed checks (capped), so run.sh can count it.
set -u
bad=0
T=$(mktemp -d "${TMPDIR:-/tmp}/dtl-cli.XXXXXX")
trap 'rm -rf "$T"' EXIT INT TERM

dtl() {
    if [ -n "${VALGRIND:-}" ]; then
        valgrind -q --error-exitcode=99 --leak-check=full \
            --errors-for-leak-kinds=definite,indirect \
            --suppressions="$top/tests/valgrind.supp" "$DTL_ABS" "$@"
    else
        "$DTL_ABS" "$@"
    fi
}

# status WANT CMD...: runs CMD (stdout to $T/out, stderr to $T/err) and
# checks its exit status.
status() {
    want=$1
    shift
    "$@" > "$T/out" 2> "$T/err"
    got=$?
    if [ "$got" != "$want" ]; then
        echo "not ok: '$*' exited $got, expected $want"
        sed 's/^/    /' "$T/err" | head -5
        bad=$((bad + 1))
    fi
}

# has FILE TEXT: FILE contains TEXT (fixed string).
has() {
    if ! grep -qF -- "$2" "$1"; then
        echo "not ok: $1 lacks '$2'"
        sed 's/^/    /' "$1" | head -5
        bad=$((bad + 1))
    fi
}

# lacks FILE TEXT
lacks() {
    if grep -qF -- "$2" "$1"; then
        echo "not ok: $1 has '$2'"
        bad=$((bad + 1))
    fi
}

# same A B: files are equal.
same() {
    if ! cmp -s "$1" "$2"; then
        echo "not ok: $1 and $2 differ"
        diff -u "$1" "$2" | head -20
        bad=$((bad + 1))
    fi
}

# khal_dir DIR: a khal configuration with one calendar under DIR; then
# "khal -c DIR/config ...".
khal_dir() {
    mkdir -p "$1/cal" "$1/db"
    cat > "$1/config" <<CONF
[calendars]
[[timeline]]
path = $1/cal
type = calendar
[locale]
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
timeformat = %H:%M
local_timezone = UTC
default_timezone = UTC
[sqlite]
path = $1/db/khal.db
CONF
}

finish() {
    [ $bad = 0 ] && exit 0
    echo "$bad check(s) failed"
    exit 1
}

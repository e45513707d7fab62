# Flags, help, usage errors and exit statuses of the dtl command.
. "$top/tests/cli/lib.sh"
A=$top/tests/data/short.txt

status 0 dtl --help
has "$T/out" "usage: dtl COMMAND"
status 0 dtl --version
has "$T/out" "dtl 0."
status 0 dtl help build
has "$T/out" "usage: dtl build"
status 0 dtl build --help
has "$T/out" "--format"
status 2 dtl
has "$T/err" "usage: dtl COMMAND"
status 2 dtl frobnicate
has "$T/err" "unknown command 'frobnicate'"
status 2 dtl build --frob "$A"
has "$T/err" "unknown option '--frob'"
status 2 dtl build --format yaml "$A"
has "$T/err" "unknown format 'yaml'"
status 2 dtl build --date 2021-02-30 "$A"
has "$T/err" "--date wants a real date"
status 2 dtl build --date
has "$T/err" "needs a value"
status 2 dtl help frobnicate
status 2 dtl rules frobnicate

# Input problems: missing file and directory are I/O errors (4), bad
# content is bad input (2).
status 4 dtl build --format json "$T/missing.txt"
has "$T/err" "missing.txt"
status 4 dtl times "$T"
has "$T/err" "is a directory"
: > "$T/empty.txt"
status 2 dtl build --format json "$T/empty.txt"
has "$T/err" "empty article"
printf 'Date: 2021-03-30\n\nNorth Korea \377 launched\n' > "$T/bad.txt"
status 2 dtl build --format json "$T/bad.txt"
has "$T/err" "invalid UTF-8"
has "$T/err" "bad.txt:3:13"
printf 'abc\000def' > "$T/nul.txt"
status 2 dtl build --format json "$T/nul.txt"
has "$T/err" "NUL byte"
printf 'Date: 2021-02-30\n\nText.\n' > "$T/baddate.txt"
status 2 dtl build --format json "$T/baddate.txt"
has "$T/err" "bad Date: header"

# An article with no events exits 1 with an empty timeline.
printf 'Date: 2021-03-30\n\nThe weather was fine.\n' > "$T/none.txt"
status 1 dtl build --format json "$T/none.txt"
has "$T/out" '"events":	[]'

# Standard input, and --date overriding the header.
status 0 dtl build --format json --date 2021-04-01 - < "$A"
has "$T/out" '"dct":	"2021-04-01"'
# --format jsonl with no input named reads JSON Lines on standard input.
status 0 dtl build --format jsonl < "$top/tests/data/batch.jsonl"
has "$T/out" '"path":"<stdin>:1"'
[ "$(wc -l < "$T/out")" = "$(wc -l < "$top/tests/data/batch.jsonl")" ] ||
    { echo "not ok: jsonl on stdin: one timeline per line"; bad=$((bad + 1)); }

# -o writes atomically: a failed run leaves the old file alone.
echo "old content" > "$T/keep.json"
status 2 dtl build --format json -o "$T/keep.json" "$T/bad.txt"
has "$T/keep.json" "old content"
status 0 dtl build --format json -o "$T/keep.json" "$A"
has "$T/keep.json" '"events"'
[ -z "$(ls "$T" | grep 'keep.json.')" ] || {
    echo "not ok: temporary file left behind"; bad=$((bad + 1)); }
status 4 dtl build --format json -o /nonexistent-dir/x.json "$A"
if [ -w /dev/full ]; then
    status 4 sh -c "\"$DTL_ABS\" build --format json \"$A\" > /dev/full"
fi

# Text is the default on a terminal only.
status 0 dtl build "$A"
has "$T/out" '"dtl":	1'
status 0 dtl build --format text "$A"
has "$T/out" "event"
# With no publication date, relative times are left unresolved with a
# warning, and their values name the unit, unknown: never empty.
printf 'They met on Monday and will meet again next week.\n' > "$T/nodate.txt"
status 0 dtl times "$T/nodate.txt"
has "$T/err" "no publication date"
has "$T/out" '"XXXX-WXX-1"'
has "$T/out" '"XXXX-WXX"'
lacks "$T/out" '"value":	""'

finish

# Inputs found by fuzzing (tests/fuzz-regress/): each is read the way it
# failed, now gives a clear error or a result, and no sanitizer report.
. "$top/tests/cli/lib.sh"
for f in "$top"/tests/fuzz-regress/*; do
    [ -f "$f" ] || continue
    case $f in
    *.json | *.ics) "$DTL_ABS" diff "$f" "$f" > "$T/out" 2> "$T/err" ;;
    *.rules) mkdir -p "$T/r"; cp "$f" "$T/r/"
             "$DTL_ABS" rules check "$T/r" > "$T/out" 2> "$T/err"; rm -rf "$T/r" ;;
    *.times.txt) "$DTL_ABS" times --date 1989-02-28 "$f" > "$T/out" 2> "$T/err" ;;
    *) "$DTL_ABS" build --format json "$f" > "$T/out" 2> "$T/err" ;;
    esac
    rc=$?
    # dtl speaks for the libraries under it: no message of theirs
    if [ $rc -gt 4 ] || grep -q "runtime error\|Sanitizer\|libical\|icalparser" "$T/err"; then
        echo "not ok: $(basename "$f"): exit $rc"
        head -5 "$T/err"
        bad=$((bad + 1))
    fi
done
# The first one: a negative evidence offset in a JSON timeline.
status 2 dtl diff "$top/tests/fuzz-regress/import-json-negative-offset.json" "$top/tests/fuzz-regress/import-json-negative-offset.json"
status 2 dtl diff "$top/tests/fuzz-regress/negative-start.json" "$top/tests/fuzz-regress/negative-start.json"
has "$T/err" "whole number"
# A time rule's search started DTL_TIMEX_LEAD bytes before its trigger
# word, inside a character of four bytes, and JIT code (the text is long
# enough for it) read past the subject.
status 0 dtl times --date 1989-02-28 "$top/tests/fuzz-regress/times-start-inside-character.times.txt"
# An END: with no component name made libical print its own warning.
status 2 dtl diff "$top/tests/fuzz-regress/import-ics-end-without-name.ics" "$top/tests/fuzz-regress/import-ics-end-without-name.ics"
has "$T/err" "import-ics-end-without-name.ics:10: error: END: without a component name"
finish

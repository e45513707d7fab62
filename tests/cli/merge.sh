# diff and merge properties on the crisis samples: merging does not
# depend on the order of the inputs and is idempotent; a timeline equals
# itself; swapping OLD and NEW swaps added and removed; a calendar that
# imports an updated merge updates its events instead of adding them.
. "$top/tests/cli/lib.sh"
S=$top/samples/crisis
A=$S/shoal-a.txt B=$S/shoal-b.txt C=$S/shoal-c.txt

for f in a b c; do
    status 0 dtl build --format json "$S/shoal-$f.txt"
    cp "$T/out" "$T/$f.json"
done

# Order independence.
dtl merge "$A" "$B" "$C" > "$T/abc.json"
dtl merge "$C" "$A" "$B" > "$T/cab.json"
dtl merge "$B" "$C" "$A" > "$T/bca.json"
dtl merge "$T/c.json" "$T/b.json" "$T/a.json" > "$T/cba.json"
same "$T/abc.json" "$T/cab.json"
same "$T/abc.json" "$T/bca.json"
same "$T/abc.json" "$T/cba.json"

# Idempotence: merging the result with one of its inputs changes
# nothing, and so does merging it with itself.
dtl merge "$T/abc.json" "$A" > "$T/abc-a.json"
same "$T/abc.json" "$T/abc-a.json"
dtl merge "$T/abc.json" "$T/abc.json" > "$T/abc-abc.json"
same "$T/abc.json" "$T/abc-abc.json"
dtl merge "$T/b.json" "$T/abc.json" > "$T/b-abc.json"
same "$T/abc.json" "$T/b-abc.json"

# The merged timeline keeps every source and flags the contradiction.
has "$T/abc.json" '"conflict":	true'
grep -c '"document":	"shoal-' "$T/abc.json" > /dev/null ||
    { echo "not ok: no sources"; bad=$((bad + 1)); }

# A timeline equals itself: exit 0, no output.
status 0 dtl diff "$T/a.json" "$T/a.json"
[ -s "$T/out" ] && { echo "not ok: diff x x printed something"; bad=$((bad + 1)); }
status 0 dtl diff "$A" "$T/a.json"
status 0 dtl diff --format json "$T/a.json" "$T/a.json"
has "$T/out" '"differences":	0'

# Swapping OLD and NEW swaps added and removed.
status 1 dtl diff --color=never "$A" "$B"
grep '^[-+] ' "$T/out" | sed 's/^-/X/; s/^+/-/; s/^X/+/' | sort > "$T/ab"
status 1 dtl diff --color=never "$B" "$A"
grep '^[-+] ' "$T/out" | sort > "$T/ba"
same "$T/ab" "$T/ba"
# planned -> occurred, and the date conflict between A and C.
status 1 dtl diff --color=never "$A" "$B"
has "$T/out" "status: planned -> occurred"
status 1 dtl diff --color=never "$A" "$C"
has "$T/out" "(conflict)"

# .ics inputs read back: the same as the JSON they came from.
status 0 dtl build --format ics "$A"
cp "$T/out" "$T/a.ics"
status 0 dtl diff "$T/a.ics" "$T/a.json"

# Calendar round trip: an updated merge updates events in place.
dtl merge --format ics "$A" "$C" > "$T/m1.ics"
dtl merge --format ics "$A" "$B" "$C" > "$T/m2.ics"
grep '^UID:' "$T/m1.ics" | sort > "$T/u1"
grep '^UID:' "$T/m2.ics" | sort > "$T/u2"
if [ -n "$(comm -23 "$T/u1" "$T/u2")" ]; then
    echo "not ok: UIDs of the first merge missing from the second"
    comm -23 "$T/u1" "$T/u2"
    bad=$((bad + 1))
fi
# An entry that gained a source has a higher SEQUENCE.
seq1=$(awk '/^SEQUENCE:/ {s += substr($0, 10) + 0} END {print s + 0}' "$T/m1.ics")
seq2=$(awk '/^SEQUENCE:/ {s += substr($0, 10) + 0} END {print s + 0}' "$T/m2.ics")
[ "$seq2" -gt "$seq1" ] ||
    { echo "not ok: SEQUENCE did not grow ($seq1 -> $seq2)"; bad=$((bad + 1)); }
if command -v khal > /dev/null 2>&1; then
    khal_dir "$T/kh"
    khal -c "$T/kh/config" import --batch -a timeline "$T/m1.ics" > /dev/null 2>&1 ||
        { echo "not ok: khal import m1"; bad=$((bad + 1)); }
    khal -c "$T/kh/config" import --batch -a timeline "$T/m2.ics" > /dev/null 2>&1 ||
        { echo "not ok: khal import m2"; bad=$((bad + 1)); }
    got=$(find "$T/kh/cal" -name '*.ics' | wc -l)
    want=$(grep -c '^BEGIN:VEVENT' "$T/m2.ics")
    [ "$got" = "$want" ] ||
        { echo "not ok: khal holds $got events after the update, want $want"; bad=$((bad + 1)); }
else
    echo "SKIP: khal not installed"
fi
if command -v calcurse > /dev/null 2>&1; then
    mkdir -p "$T/cc"
    calcurse -D "$T/cc" -C "$T/cc" -i "$T/m2.ics" > /dev/null 2>&1 ||
        { echo "not ok: calcurse -i"; bad=$((bad + 1)); }
    got=$(grep -c . "$T/cc/apts" 2>/dev/null)
    want=$(grep -c '^BEGIN:VEVENT' "$T/m2.ics")
    [ "${got:-0}" = "$want" ] ||
        { echo "not ok: calcurse stored ${got:-0}, want $want"; bad=$((bad + 1)); }
fi
finish

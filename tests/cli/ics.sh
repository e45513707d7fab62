# The .ics output imports into real calendar programs (calcurse, khal)
# and parsers (python icalendar, vobject) with every event, and a second
# import of an updated timeline updates events instead of adding them.
# Programs that are not installed are skipped with a message.
. "$top/tests/cli/lib.sh"
A=$top/tests/data/short.txt

status 0 dtl build --format ics "$A"
cp "$T/out" "$T/a.ics"
status 0 dtl build --format json "$A"
n=$(grep -c '^			"uid":' "$T/out")
[ "$n" -gt 0 ] || { echo "not ok: no events to export"; bad=$((bad + 1)); }
got=$(grep -c '^BEGIN:VEVENT' "$T/a.ics")
[ "$got" = "$n" ] || { echo "not ok: $got VEVENTs, want $n"; bad=$((bad + 1)); }
has "$T/a.ics" "DTSTART;VALUE=DATE:"
has "$T/a.ics" "PRODID:-//dtl//"
# Lines end in CRLF (RFC 5545 3.1).
if [ "$(head -1 "$T/a.ics" | od -An -c | tr -d ' \n')" != 'BEGIN:VCALENDAR\r\n' ]; then
    echo "not ok: first line is not CRLF-terminated"
    bad=$((bad + 1))
fi
# Output is byte-stable.
status 0 dtl build --format ics "$A"
same "$T/a.ics" "$T/out"

# The same article, later, with other dates: the same UIDs.
sed 's/^Date: 2021-03-30/Date: 2021-04-02/' "$A" > "$T/b.txt"
status 0 dtl build --format ics "$T/b.txt"
cp "$T/out" "$T/b.ics"
grep '^UID:' "$T/a.ics" > "$T/a.uids"
grep '^UID:' "$T/b.ics" > "$T/b.uids"
same "$T/a.uids" "$T/b.uids"

PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
if "$PY" -c "import icalendar, vobject" 2>/dev/null; then
    "$PY" - "$T/a.ics" "$n" <<'PY' || bad=$((bad + 1))
import sys, icalendar, vobject
data = open(sys.argv[1], 'rb').read()
cal = icalendar.Calendar.from_ical(data)
evs = [c for c in cal.walk('VEVENT')]
want = int(sys.argv[2])
assert len(evs) == want, 'icalendar: %d events, want %d' % (len(evs), want)
for e in evs:
    assert e.decoded('DTSTART') < e.decoded('DTEND'), 'empty event'
v = list(vobject.readComponents(data.decode('utf-8'), validate=True))
assert len(v) == 1 and len(v[0].vevent_list) == want, 'vobject count'
PY
else
    echo "SKIP: python3-icalendar or python3-vobject not installed"
fi

if command -v calcurse > /dev/null 2>&1; then
    mkdir -p "$T/cc"
    calcurse -D "$T/cc" -C "$T/cc" -i "$T/a.ics" > "$T/cc.out" 2>&1 ||
        { echo "not ok: calcurse -i failed"; cat "$T/cc.out"; bad=$((bad + 1)); }
    got=$(grep -c . "$T/cc/apts" 2>/dev/null)
    [ "${got:-0}" = "$n" ] ||
        { echo "not ok: calcurse stored ${got:-0}, want $n"; bad=$((bad + 1)); }
else
    echo "SKIP: calcurse not installed"
fi

if command -v khal > /dev/null 2>&1; then
    khal_dir "$T/kh"
    kh() { khal -c "$T/kh/config" "$@"; }
    kh import --batch -a timeline "$T/a.ics" > "$T/kh.out" 2>&1 ||
        { echo "not ok: khal import failed"; cat "$T/kh.out"; bad=$((bad + 1)); }
    got=$(find "$T/kh/cal" -name '*.ics' | wc -l)
    [ "$got" = "$n" ] ||
        { echo "not ok: khal stored $got, want $n"; bad=$((bad + 1)); }
    # Importing the updated timeline updates; it adds nothing.
    kh import --batch -a timeline "$T/b.ics" > "$T/kh.out" 2>&1 ||
        { echo "not ok: khal re-import failed"; cat "$T/kh.out"; bad=$((bad + 1)); }
    got=$(find "$T/kh/cal" -name '*.ics' | wc -l)
    [ "$got" = "$n" ] ||
        { echo "not ok: khal has $got after re-import, want $n"; bad=$((bad + 1)); }
    COLUMNS=1000 kh search --format '{uid}|{start-date}' '' > "$T/kh.list" 2>&1
    has "$T/kh.list" "2021-"
else
    echo "SKIP: khal not installed"
fi
finish

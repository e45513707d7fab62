# Hostile input: each case gives a clear message and the documented exit
# status, with no crash, no hang (every run is under a timeout) and no
# partial output file.
. "$top/tests/cli/lib.sh"
A=$top/tests/data/short.txt
TO="timeout 120"

# hostile NAME STATUS MESSAGE-PART FILE: "dtl build --format json -o"
# into a fresh file must fail (or not) as told and leave no output behind
# when it fails.
hostile() {
    name=$1 want=$2 msg=$3 file=$4
    rm -f "$T/out.json"
    $TO "$DTL_ABS" build --format json -o "$T/out.json" "$file" \
        > "$T/out" 2> "$T/err"
    got=$?
    if [ "$got" != "$want" ]; then
        echo "not ok: $name: exit $got, expected $want"
        sed 's/^/    /' "$T/err" | head -3
        bad=$((bad + 1))
    fi
    if [ -n "$msg" ] && ! grep -qF -- "$msg" "$T/err"; then
        echo "not ok: $name: message lacks '$msg'"
        sed 's/^/    /' "$T/err" | head -3
        bad=$((bad + 1))
    fi
    if [ "$want" -ge 2 ] && [ -e "$T/out.json" ]; then
        echo "not ok: $name: output file written on failure"
        bad=$((bad + 1))
    fi
    if ls "$T" | grep -q 'out.json\.'; then
        echo "not ok: $name: temporary file left behind"
        bad=$((bad + 1))
    fi
}

hdr='Date: 2021-03-30\n\n'
# 1-8: encodings
printf "${hdr}North Korea \300\257 launched\n" > "$T/1"
hostile "overlong UTF-8" 2 "invalid UTF-8" "$T/1"
printf "${hdr}a \355\240\200 b\n" > "$T/2"
hostile "UTF-16 surrogate" 2 "invalid UTF-8" "$T/2"
printf "${hdr}truncated \342\200" > "$T/3"
hostile "truncated sequence" 2 "invalid UTF-8" "$T/3"
printf "${hdr}caf\351 au lait\n" > "$T/4"
hostile "Latin-1 byte" 2 "invalid UTF-8" "$T/4"
printf "${hdr}\364\220\200\200\n" > "$T/5"
hostile "beyond U+10FFFF" 2 "invalid UTF-8" "$T/5"
printf "${hdr}abc\000def\n" > "$T/6"
hostile "NUL byte" 2 "NUL byte" "$T/6"
head -c 4096 "$DTL_ABS" > "$T/7"
hostile "binary file" 2 "" "$T/7"
printf '\357\273\277' > "$T/8"
cat "$A" >> "$T/8"
hostile "UTF-8 BOM" 0 "" "$T/8"

# 9-14: empty, huge, odd files
: > "$T/9"
hostile "empty file" 2 "empty article" "$T/9"
printf '\n\n   \n\t\n' > "$T/10"
hostile "white space only" 2 "empty article" "$T/10"
printf 'Title: x\nDate: 2021-03-30\n\n\n' > "$T/11"
hostile "header, no body" 2 "empty article" "$T/11"
head -c 100000000 /dev/zero | tr '\0' 'a' > "$T/12"
hostile "100 MB single line" 2 "DTL_MAX_ARTICLE" "$T/12"
rm -f "$T/12"
status 4 $TO "$DTL_ABS" times "$T"
has "$T/err" "is a directory"
status 2 $TO "$DTL_ABS" build --format json "$T"
has "$T/err" "use --format jsonl"
mkfifo "$T/fifo"
hostile "FIFO" 4 "not a regular file" "$T/fifo"
hostile "missing file" 4 "No such file" "$T/nope.txt"

# 15-20: headers and dates
printf 'Title: x\nDate: 2021-03-30\nNorth Korea launched two missiles.\n' > "$T/15"
hostile "header with no blank line" 0 "no publication date" "$T/15"
printf 'Date: 2021-02-30\n\nText.\n' > "$T/16"
hostile "Date 2021-02-30" 2 "bad Date: header" "$T/16"
printf 'Date: 0000-01-01\n\nText.\n' > "$T/17"
hostile "year 0" 2 "bad Date: header" "$T/17"
printf 'Date: 99999-01-01\n\nText.\n' > "$T/18"
hostile "year 99999" 2 "bad Date: header" "$T/18"
status 2 $TO "$DTL_ABS" build --date 99999-01-01 "$A"
has "$T/err" "--date wants a real date"
printf 'Date: 2021-03-30\r\n\r\nNorth Korea launched two cruise missiles two weeks ago.\r\n' > "$T/20"
hostile "CRLF line ends" 0 "" "$T/20"

# 21-24: pathological text
{ printf "$hdr"; i=0; while [ $i -lt 10000 ]; do printf '"'; i=$((i + 1)); done
  printf ' North Korea launched a missile.\n'; } > "$T/21"
hostile "10,000 nested quotes" 0 "" "$T/21"
{ printf "$hdr"; head -c 1000000 /dev/zero | tr '\0' 'x'; echo; } > "$T/22"
hostile "one 1 MB word" 1 "" "$T/22"
{ printf "$hdr"; i=0; while [ $i -lt 3000 ]; do
  printf 'On Monday two weeks ago North Korea launched a missile. '
  i=$((i + 1)); done; echo; } > "$T/23"
hostile "3,000 sentences in one line" 0 "" "$T/23"
printf "${hdr}((((((((((((((((((((((((((((((((((((((((((((((((((\n" > "$T/24"
hostile "parentheses" 1 "" "$T/24"

# 25-27: rules
mkdir -p "$T/evil"
cat > "$T/evil/evil.rules" <<'RULES'
rule evil.backtrack
    type     statement
    cameo    010
    trigger  aaaa*
    pattern  (?:(?:a|aa)+)+$
    example  "aab"
    counter  "ccc"
RULES
printf "${hdr}North Korea said %s!\n" "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" > "$T/25"
status 1 $TO "$DTL_ABS" build --format json --rules "${DTL_RULES:-$top/rules}" --rules "$T/evil" "$T/25"
has "$T/err" "rule 'evil.backtrack'"
mkdir -p "$T/loop"
printf 'include loop.rules\n' > "$T/loop/loop.rules"
status 3 $TO "$DTL_ABS" rules check "$T/loop"
has "$T/err" "includes itself"
status 4 $TO "$DTL_ABS" build --rules "$T/no-such-rules" "$A"
has "$T/err" "cannot read rules directory"

# 28-33: timelines for diff and merge
"$DTL_ABS" build --format json "$A" > "$T/good.json"
head -c 200 "$T/good.json" > "$T/trunc.json"
status 2 $TO "$DTL_ABS" diff "$T/trunc.json" "$T/good.json"
has "$T/err" "invalid JSON"
has "$T/err" "trunc.json"
echo '{"name": "not a timeline", "items": [1, 2]}' > "$T/shape.json"
status 2 $TO "$DTL_ABS" merge "$T/shape.json" "$T/good.json"
has "$T/err" "not a dtl timeline"
echo '{"dtl": 1, "events": [{"type": "x", "date": {"earliest": "2021-13-01"}}]}' > "$T/field.json"
status 2 $TO "$DTL_ABS" diff "$T/field.json" "$T/good.json"
has "$T/err" "event 1"
printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:garbage\r\n' > "$T/broken.ics"
status 2 $TO "$DTL_ABS" diff "$T/broken.ics" "$T/good.json"
has "$T/err" "broken.ics"
printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\n' > "$T/big.ics"
awk 'BEGIN { for (i = 0; i < 1000000; i++)
    printf "BEGIN:VEVENT\r\nUID:%d\r\nDTSTART;VALUE=DATE:20210101\r\nEND:VEVENT\r\n", i }' >> "$T/big.ics"
printf 'END:VCALENDAR\r\n' >> "$T/big.ics"
status 2 $TO "$DTL_ABS" merge "$T/big.ics"
has "$T/err" "DTL_MAX_IMPORT"
rm -f "$T/big.ics"
printf '' > "$T/empty.json"
status 2 $TO "$DTL_ABS" diff "$T/empty.json" "$T/good.json"
# an .ics that lost its head is a damaged calendar, not an article
printf 'END:VEVENT\r\nEND:VCALENDAR\r\n' > "$T/headless.ics"
status 2 $TO "$DTL_ABS" merge "$T/headless.ics"
has "$T/err" "headless.ics: error: not an iCalendar file"
# a stray END: and a truncated calendar: the line, and nothing from libical
printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' > "$T/stray.ics"
status 2 $TO "$DTL_ABS" merge "$T/stray.ics"
has "$T/err" "stray.ics:3: error: END:VEVENT without a matching BEGIN:VEVENT"
lacks "$T/err" "icalparser"
printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART;VALUE=DATE:20210101\r\n' > "$T/cut.ics"
status 2 $TO "$DTL_ABS" merge "$T/cut.ics"
has "$T/err" "cut.ics:3: error: BEGIN:VEVENT is never ended"
# an END: with no name (libical would warn on stderr by itself); a
# BEGIN with a parameter and an END folded over two lines are read as
# libical reads them; a NUL byte would hide the rest of the file
printf 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nEND:VEVENT\r\nEND:\r\nEND:VCALENDAR\r\n' > "$T/noname.ics"
status 2 $TO "$DTL_ABS" merge "$T/noname.ics"
has "$T/err" "noname.ics:5: error: END: without a component name"
if grep -q -v "noname.ics" "$T/err"; then
    echo "not ok: another message than dtl's for noname.ics:"; sed "s/^/    /" "$T/err"; bad=$((bad + 1))
fi
printf 'BEGIN:VCALENDAR\r\nBEGIN;X-A=1:VEVENT\r\nUID:1\r\nEND:VCALENDAR\r\n' > "$T/param.ics"
status 2 $TO "$DTL_ABS" merge "$T/param.ics"
has "$T/err" "param.ics:4: error: END:VCALENDAR without a matching BEGIN:VCALENDAR"
printf 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nEN\r\n D:VEVENT\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' > "$T/folded.ics"
status 2 $TO "$DTL_ABS" merge "$T/folded.ics"
has "$T/err" "folded.ics:6: error: END:VEVENT without a matching BEGIN:VEVENT"
printf 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n\000END:VEVENT\r\nEND:VCALENDAR\r\n' > "$T/nul.ics"
status 2 $TO "$DTL_ABS" merge "$T/nul.ics"
has "$T/err" "nul.ics: error: NUL byte at offset 31"
(printf 'BEGIN:VCALENDAR\r\n'; i=0; while [ $i -lt 9 ]; do printf 'BEGIN:X\r\n'; i=$((i + 1)); done) > "$T/deep.ics"
status 2 $TO "$DTL_ABS" merge "$T/deep.ics"
has "$T/err" "deep.ics:9: error: components nested deeper than 8 (DTL_MAX_ICS_DEPTH)"
# X-DTL properties of another value type have no text: read as empty
printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\nUID:u1\r\nDTSTAMP:20210101T000000Z\r\nDTSTART;VALUE=DATE:20210101\r\nSUMMARY:s\r\nX-DTL-ACTOR;VALUE=INTEGER;X-CODE=USA:5\r\nX-DTL-CAMEO;VALUE=BOOLEAN:TRUE\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' > "$T/novalue.ics"
status 0 $TO "$DTL_ABS" merge --format json "$T/novalue.ics"
has "$T/out" '"code":	"USA"'

# 34-36: output that cannot be written
mkdir -p "$T/ro"
chmod 555 "$T/ro"
if [ ! -w "$T/ro" ]; then
    status 4 $TO "$DTL_ABS" build --format json -o "$T/ro/x.json" "$A"
    has "$T/err" "temporary file"
fi
chmod 755 "$T/ro"
status 4 $TO "$DTL_ABS" build --format json -o "$T/none/x.json" "$A"
if [ -w /dev/full ]; then
    status 4 sh -c "$TO \"$DTL_ABS\" build --format json \"$A\" > /dev/full"
    has "$T/err" "write error"
fi

# 37-38: batch with bad records: the others are still processed
printf '%s\n' '{"id":"a","date":"2021-03-30","text":"North Korea launched two cruise missiles two weeks ago."}' \
    '{"id":"b","date":"2021-03-30"}' '[not json' \
    '{"id":"d","date":"2021-03-30","text":"On Monday, North Korea fired a ballistic missile."}' > "$T/batch.jsonl"
status 2 $TO "$DTL_ABS" build -j 2 "$T/batch.jsonl"
has "$T/err" "batch.jsonl:2"
has "$T/err" "batch.jsonl:3"
n=$(grep -c '"events"' "$T/out")
[ "$n" = 2 ] || { echo "not ok: batch gave $n timelines, want 2"; bad=$((bad + 1)); }

# 39: calendar injection (CR/LF ; , \ BEGIN:VEVENT in the text)
printf "${hdr}North Korea launched two cruise missiles two weeks ago; officials said \"BEGIN:VEVENT\r\nUID:evil\" was written, \\\\ and more.\n" > "$T/inj.txt"
status 0 $TO "$DTL_ABS" build --format ics "$T/inj.txt"
cp "$T/out" "$T/inj.ics"
if grep -q '^UID:evil' "$T/inj.ics"; then
    echo "not ok: article text became a UID property"
    bad=$((bad + 1))
fi
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
if "$PY" -c "import icalendar, vobject" 2>/dev/null; then
    "$PY" - "$T/inj.ics" <<'PY' || bad=$((bad + 1))
import sys, icalendar, vobject
data = open(sys.argv[1], 'rb').read()
cal = icalendar.Calendar.from_ical(data)
evs = list(cal.walk('VEVENT'))
assert len(evs) == 1, 'icalendar sees %d events' % len(evs)
ev = evs[0]
assert str(ev['UID']) != 'evil'
assert 'BEGIN:VEVENT' in str(ev['DESCRIPTION']), 'text lost'
props = sorted(set(k for k in ev.keys()))
allowed = {'UID', 'DTSTAMP', 'DTSTART', 'DTEND', 'SUMMARY', 'DESCRIPTION',
           'CATEGORIES', 'LOCATION', 'STATUS', 'SEQUENCE', 'TRANSP',
           'LAST-MODIFIED', 'X-DTL-CAMEO', 'X-DTL-STATUS', 'X-DTL-DATE',
           'X-DTL-ACTOR', 'X-DTL-WEAPON'}
assert set(props) <= allowed, 'unexpected properties: %s' % (set(props) - allowed)
v = list(vobject.readComponents(data.decode('utf-8'), validate=True))
assert len(v) == 1 and len(v[0].vevent_list) == 1
assert v[0].vevent.uid.value != 'evil'
PY
else
    echo "SKIP: python3-icalendar or python3-vobject not installed"
fi
finish

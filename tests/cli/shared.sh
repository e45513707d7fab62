# With ../shared present (a development checkout): dtl times and dtl
# build on 1,000 Reuters-21578 articles run clean (under "make check"
# that is ASan and UBSan), and the reference article gives its key
# events.  Skipped without ../shared.
. "$top/tests/cli/lib.sh"
SH=${SHARED:-$top/../shared}
R=$SH/eval/corpora/reuters21578/reuters21578.jsonl
NK=$SH/articles/nk-blinken-2021-03.txt
if [ ! -f "$R" ] || [ ! -f "$NK" ]; then
    echo "SKIP: $SH not found"
    finish
fi
head -1000 "$R" > "$T/r1000.jsonl"
status 0 dtl times --format jsonl "$T/r1000.jsonl"
n=$(grep -c '"times"' "$T/out")
[ "$n" = 1000 ] || { echo "not ok: $n lines of times, want 1000"; bad=$((bad + 1)); }
# Every word that can start a match is a trigger word of its rule: the
# same times when each rule searches whole sentences.
cp "$T/out" "$T/times.out"
DTL_NO_REACH=1 dtl times --format jsonl "$T/r1000.jsonl" > "$T/nr.out" 2> /dev/null
same "$T/times.out" "$T/nr.out"
status 0 dtl build -j 2 "$T/r1000.jsonl"
n=$(grep -c '"events"' "$T/out")
[ "$n" = 1000 ] || { echo "not ok: $n timelines, want 1000"; bad=$((bad + 1)); }

# The reference article: the launches, the briefing once, the planned
# meeting after it.
status 0 dtl build --format json "$NK"
cp "$T/out" "$T/nk.json"
for want in '"type":	"missile_launch"' '"type":	"briefing"' \
    '"type":	"condemn"' '"status":	"planned"' '"name":	"Anchorage"' \
    '"name":	"New York"' '"code":	"PRK"'; do
    has "$T/nk.json" "$want"
done
n=$(grep -c '"type":	"briefing"' "$T/nk.json")
[ "$n" = 1 ] || { echo "not ok: $n briefings, want 1"; bad=$((bad + 1)); }
n=$(grep -c '"type":	"missile_launch"' "$T/nk.json")
[ "$n" = 2 ] || { echo "not ok: $n launches, want 2"; bad=$((bad + 1)); }
finish

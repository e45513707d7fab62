# Batch builds over JSON Lines: the output and the messages are the
# same for any -j and whether the lines come from a file or a pipe; bad
# records are reported in input order and skipped; CRLF line ends and a
# last line without one are read; a timeline of a feed goes out as soon
# as it is built, not when more input comes.
. "$top/tests/cli/lib.sh"
src=$T/src.jsonl
# The three records of tests/data and one with parts of days (the
# resolvers of every kind of expression run on both threads).
cp "$top/tests/data/batch.jsonl" "$src"
printf '%s\n' '{"id": "batch-4", "date": "2021-03-30", "title": "Night", "text": "North Korea fired a missile on Friday night, and Japan protested to North Korea on Saturday morning. Talks are set for Tuesday afternoon."}' >> "$src"
# 300 records: those four in turn under new ids, with a bad record (no
# text, not JSON, invalid UTF-8) every 37th line.
awk -v q='"' 'BEGIN { srand(7) }
    { rec[NR] = $0 }
    END {
        for (i = 1; i <= 300; i++) {
            if (i % 37 == 0) {
                k = (i / 37) % 3
                if (k == 0) print "{" q "id" q ": " q "bad-" i q "}"
                else if (k == 1) print "[not json " i
                else printf "{%sid%s: %sbad-%d%s, %stext%s: %s\377%s}\n", q, q, q, i, q, q, q, q, q
                continue
            }
            r = rec[(i % 4) + 1]
            sub(/"id": "[^"]*"/, q "id" q ": " q "r-" i q, r)
            print r
        }
    }' "$src" > "$T/many.jsonl"
status 2 dtl build -j 1 --format jsonl "$T/many.jsonl"
cp "$T/out" "$T/j1.out"
cp "$T/err" "$T/j1.err"
n=$(wc -l < "$T/j1.out")
[ "$n" = 292 ] || { echo "not ok: $n timelines of 300 records, 8 bad"; bad=$((bad + 1)); }
n=$(grep -c 'skipped' "$T/j1.err")
[ "$n" = 8 ] || { echo "not ok: $n records reported bad, want 8"; bad=$((bad + 1)); }
has "$T/j1.err" "many.jsonl:37:"
has "$T/j1.err" "many.jsonl:296:"
grep -o 'many.jsonl:[0-9]*' "$T/j1.err" | cut -d: -f2 > "$T/lines"
sort -n "$T/lines" | cmp -s - "$T/lines" ||
    { echo "not ok: bad records not reported in input order"; bad=$((bad + 1)); }
# The same four records over and over: four timelines, whatever their
# ids.
n=$(sed 's/"r-[0-9]*"/"R"/g; s/"uid":"[^"]*"//g; s/"path":"[^"]*"//g' \
    "$T/j1.out" | sort -u | wc -l)
[ "$n" = 4 ] || { echo "not ok: $n timelines of 4 records repeated"; bad=$((bad + 1)); }
# A batch JIT-compiles each pattern on its first use; PCRE2's
# interpreter alone must give the same timelines.
DTL_NO_JIT=1 dtl build -j 1 --format jsonl "$T/many.jsonl" > "$T/nj.out" 2> "$T/nj.err"
same "$T/j1.out" "$T/nj.out"
same "$T/j1.err" "$T/nj.err"
# A rule's search stops at its last trigger word; searching the whole
# sentence must give the same timelines (docs/rules.md).
DTL_NO_REACH=1 dtl build -j 1 --format jsonl "$T/many.jsonl" > "$T/nr.out" 2> "$T/nr.err"
same "$T/j1.out" "$T/nr.out"
same "$T/j1.err" "$T/nr.err"
# A rule whose trigger word only a lookbehind sees is one such
# difference: found with DTL_NO_REACH only.
mkdir "$T/zork"
printf 'timex zz.zork\n    type     DATE\n    trigger  zork\n    pattern  (?<=\\bzork\\x20)day\\b\n    value    relative unit=day dir=-1\n' \
    > "$T/zork/zz.rules"
echo '{"id":"z","date":"2021-03-30","text":"It came on a zork day."}' > "$T/zork.jsonl"
status 0 dtl times --rules "$T/zork" --format jsonl "$T/zork.jsonl"
lacks "$T/out" '"rule":"zz.zork"'
DTL_NO_REACH=1
export DTL_NO_REACH
status 0 dtl times --rules "$T/zork" --format jsonl "$T/zork.jsonl"
unset DTL_NO_REACH
has "$T/out" '"rule":"zz.zork"'
for j in 2 3; do
    status 2 dtl build -j $j --format jsonl "$T/many.jsonl"
    same "$T/j1.out" "$T/out"
    same "$T/j1.err" "$T/err"
done
# From a pipe: the same timelines (under the name <stdin>).
cat "$T/many.jsonl" | dtl build -j 1 --format jsonl - > "$T/p1.out" 2> "$T/p1.err"
cat "$T/many.jsonl" | dtl build -j 2 --format jsonl - > "$T/p2.out" 2> "$T/p2.err"
same "$T/p1.out" "$T/p2.out"
same "$T/p1.err" "$T/p2.err"
has "$T/p2.err" "<stdin>:37:"
sed 's/"path":"[^"]*"//g' "$T/p1.out" > "$T/p1.cmp"
sed 's/"path":"[^"]*"//g' "$T/j1.out" > "$T/j1.cmp"
same "$T/j1.cmp" "$T/p1.cmp"
# CRLF line ends and no end of line after the last record.
head -3 "$src" | sed 's/$/\r/' > "$T/crlf.jsonl"
printf '%s' "$(head -1 "$src")" >> "$T/crlf.jsonl"
status 0 dtl build -j 2 --format jsonl "$T/crlf.jsonl"
n=$(wc -l < "$T/out")
[ "$n" = 4 ] || { echo "not ok: $n timelines of 4 CRLF records"; bad=$((bad + 1)); }
lacks "$T/err" "skipped"
# A feed: the first record's timeline is out while the feed stays open.
for j in 1 2; do
    rm -f "$T/fifo" "$T/feed.out"
    mkfifo "$T/fifo"
    dtl build -j $j --format jsonl - < "$T/fifo" > "$T/feed.out" 2>/dev/null &
    pid=$!
    exec 3> "$T/fifo"
    head -1 "$src" >&3
    k=0
    while [ $k -lt 200 ] && ! [ -s "$T/feed.out" ]; do
        sleep 0.05
        k=$((k + 1))
    done
    [ -s "$T/feed.out" ] ||
        { echo "not ok: -j $j held a feed's first timeline back"; bad=$((bad + 1)); }
    sed -n 2p "$src" >&3
    exec 3>&-
    wait $pid
    n=$(wc -l < "$T/feed.out")
    [ "$n" = 2 ] || { echo "not ok: -j $j feed gave $n timelines"; bad=$((bad + 1)); }
done
finish

# The compiled-pattern cache (DTL_CACHE_DIR): a run writes it, the next
# reads it and gives the same output; a damaged, truncated, foreign or
# stale cache is passed over (and replaced) without a word; a cache
# that cannot be written costs nothing but the time.
. "$top/tests/cli/lib.sh"
R=$top/rules
C=$T/cache
A=$T/article.txt
cat > "$A" <<'TEXT'
Title: Cache check
Date: 2023-05-12

North Korea launched two ballistic missiles on Thursday. Japan
condemned the launch on Friday.
TEXT

# inode FILE: its inode number (a rewrite renames a new file over it).
inode() { ls -i "$1" | awk '{print $1}'; }
cache_file() { ls "$C"/rules-*.pcre2 2> /dev/null; }

DTL_CACHE_DIR= status 0 dtl build --rules "$R" "$A"
cp "$T/out" "$T/want"
[ -z "$(ls "$C" 2> /dev/null)" ] || { echo "not ok: DTL_CACHE_DIR= wrote $C"; bad=$((bad + 1)); }

DTL_CACHE_DIR=$C status 0 dtl build --rules "$R" "$A"
same "$T/want" "$T/out"
n=$(cache_file | wc -l)
[ "$n" = 1 ] || { echo "not ok: $n cache files, expected 1"; bad=$((bad + 1)); }
f=$(cache_file)
ino=$(inode "$f")
DTL_CACHE_DIR=$C status 0 dtl build --rules "$R" "$A"
same "$T/want" "$T/out"
[ ! -s "$T/err" ] || { echo "not ok: a warm run wrote to stderr"; bad=$((bad + 1)); }
[ "$(inode "$f")" = "$ino" ] || { echo "not ok: a warm run rewrote the cache"; bad=$((bad + 1)); }
# A temporary file never stays behind.
n=$(ls -a "$C" | grep -c 'XXXXXX\|\.pcre2\.')
[ "$n" = 0 ] || { echo "not ok: temporary files left in $C"; bad=$((bad + 1)); }

# A byte changed in the middle of the codes: the checksum catches it.
size=$(wc -c < "$f")
printf 'Z' | dd of="$f" bs=1 seek=$((size / 2)) conv=notrunc 2> /dev/null
DTL_CACHE_DIR=$C status 0 dtl build --rules "$R" "$A"
same "$T/want" "$T/out"
[ "$(inode "$f")" != "$ino" ] || { echo "not ok: a damaged cache was kept"; bad=$((bad + 1)); }
# Truncated, then empty, then the header alone.
for len in 100 0 64; do
    head -c "$len" "$f" > "$T/cut" && cat "$T/cut" > "$f"
    DTL_CACHE_DIR=$C status 0 dtl build --rules "$R" "$A"
    same "$T/want" "$T/out"
    [ "$(wc -c < "$f")" -gt 1000 ] || { echo "not ok: a cache cut to $len bytes was not rewritten"; bad=$((bad + 1)); }
done

# A user rule, then the same rule edited: the cache of the old patterns
# is not used for the new ones, even when they are as long.
mkdir -p "$T/mine"
cat > "$T/mine/gift.rules" <<'RULES'
rule gift.telescope
    type     gift
    cameo    070
    trigger  telescope telescopes
    pattern  (?<source>@actor) (?<trigger>gave|donated) (?:a |an )?telescopes? to (?<target>@actor)
    example  "Chile donated a telescope to Peru." => source=CHL target=PER
RULES
printf 'Date: 2023-05-12\n\nChile donated a telescope to Peru on Monday.\n' > "$T/gift.txt"
DTL_CACHE_DIR=$C status 0 dtl build --format text --rules "$R" --rules "$T/mine" "$T/gift.txt"
has "$T/out" "Gift: Chile -> Peru"
n=$(cache_file | wc -l)
[ "$n" = 2 ] || { echo "not ok: $n cache files for two rule sets, expected 2"; bad=$((bad + 1)); }
sed 's/gave|donated/gave|donates/' "$T/mine/gift.rules" > "$T/gift" && mv "$T/gift" "$T/mine/gift.rules"
sed 's/example .*/example  "Chile donates a telescope to Peru." => source=CHL target=PER/' \
    "$T/mine/gift.rules" > "$T/gift" && mv "$T/gift" "$T/mine/gift.rules"
DTL_CACHE_DIR=$C status 1 dtl build --format text --rules "$R" --rules "$T/mine" "$T/gift.txt"
lacks "$T/out" "Gift"
n=$(cache_file | wc -l)
[ "$n" = 2 ] || { echo "not ok: editing a rule left $n cache files, expected 2"; bad=$((bad + 1)); }

# Another rule set's cache under this one's name: not used.
for g in $(cache_file); do
    [ "$g" = "$f" ] || cp "$g" "$f"
done
DTL_CACHE_DIR=$C status 0 dtl build --rules "$R" "$A"
same "$T/want" "$T/out"

# A cache directory that cannot be made, or a directory where the file
# would go: no cache, no message, the same output.
DTL_CACHE_DIR=/dev/null/dtl status 0 dtl build --rules "$R" "$A"
same "$T/want" "$T/out"
[ ! -s "$T/err" ] || { echo "not ok: an unusable cache directory wrote to stderr"; bad=$((bad + 1)); }
rm -f "$f" && mkdir "$f"
DTL_CACHE_DIR=$C status 0 dtl build --rules "$R" "$A"
same "$T/want" "$T/out"

# A batch on several threads from a warm cache: the threads JIT-compile
# copies of the decoded codes side by side, which once raced on the
# reference count of the tables those codes share (an abort at exit,
# about one run in twenty).  Thirty runs; not under valgrind, where it
# would take long and the threads are serialised anyway.
if [ -z "${VALGRIND:-}" ]; then
    rm -rf "$f"
    DTL_CACHE_DIR=$C status 0 dtl build --format jsonl "$top/tests/data/batch.jsonl"
    cp "$T/out" "$T/batch1"
    i=0
    while [ $i -lt 30 ]; do
        DTL_CACHE_DIR=$C "$DTL_ABS" build -j 3 --format jsonl \
            "$top/tests/data/batch.jsonl" > "$T/out" 2> "$T/err"
        rc=$?
        if [ $rc -ne 0 ] || ! cmp -s "$T/out" "$T/batch1"; then
            echo "not ok: batch -j 3 from a warm cache, run $i: exit $rc or other output"
            bad=$((bad + 1))
            break
        fi
        i=$((i + 1))
    done
fi

# Twelve rule sets: the directory keeps the eight used last, and a
# warm run counts as a use.  The files' times are set apart by hand, so
# the order does not hang on the file system's clock granularity.
C3=$T/c3
i=1
while [ $i -le 12 ]; do
    mkdir -p "$T/set$i"
    printf 'lexicon country actor\n    Peru = PER\n\nrule gift.x%d\n    type     gift\n    cameo    070\n    trigger  gave\n    pattern  (?<trigger>gave) a gift to (?<target>Peru)\n' $i > "$T/set$i/t.rules"
    before=$(ls "$C3" 2> /dev/null)
    DTL_CACHE_DIR=$C3 "$DTL_ABS" build --rules "$T/set$i" "$T/gift.txt" > /dev/null 2>&1
    for g in $(ls "$C3"); do
        echo "$before" | grep -qx "$g" || { echo "$g" > "$T/name$i"; touch -d "2020-01-$((10 + i)) 12:00" "$C3/$g"; }
    done
    [ -s "$T/name$i" ] || { echo "not ok: rule set $i wrote no cache file"; bad=$((bad + 1)); }
    i=$((i + 1))
done
n=$(ls "$C3" | wc -l)
[ "$n" = 8 ] || { echo "not ok: $n cache files kept, expected 8"; bad=$((bad + 1)); }
for i in 1 2 3 4; do
    [ ! -e "$C3/$(cat "$T/name$i")" ] || { echo "not ok: the cache of rule set $i, used first, was kept"; bad=$((bad + 1)); }
done
# Set 5, now the oldest kept, is used again; set 13 then pushes out set 6.
DTL_CACHE_DIR=$C3 "$DTL_ABS" build --rules "$T/set5" "$T/gift.txt" > /dev/null 2>&1
mkdir -p "$T/set13" && sed 's/x12/x13/' "$T/set12/t.rules" > "$T/set13/t.rules"
DTL_CACHE_DIR=$C3 "$DTL_ABS" build --rules "$T/set13" "$T/gift.txt" > /dev/null 2>&1
[ -e "$C3/$(cat "$T/name5")" ] || { echo "not ok: a cache used again was removed"; bad=$((bad + 1)); }
[ ! -e "$C3/$(cat "$T/name6")" ] || { echo "not ok: the cache used least lately was kept"; bad=$((bad + 1)); }
[ "$(ls "$C3" | wc -l)" = 8 ] || { echo "not ok: $(ls "$C3" | wc -l) cache files after set 13, expected 8"; bad=$((bad + 1)); }
# Other files in the directory are never touched.
: > "$C3/notes.txt"
: > "$C3/rules-0123456789abcdef.pcre2.Ab12Cd"
mkdir -p "$T/set14" && sed 's/x12/x14/' "$T/set12/t.rules" > "$T/set14/t.rules"
DTL_CACHE_DIR=$C3 "$DTL_ABS" build --rules "$T/set14" "$T/gift.txt" > /dev/null 2>&1
[ -e "$C3/notes.txt" ] && [ -e "$C3/rules-0123456789abcdef.pcre2.Ab12Cd" ] ||
    { echo "not ok: pruning removed a file not its own"; bad=$((bad + 1)); }

# A rule error: exit 3, and no cache of the broken set.
mkdir -p "$T/broken" "$T/c2"
printf 'rule bad.one\n    type meeting\n    trigger met\n    pattern (?<source>@actor met\n' > "$T/broken/bad.rules"
DTL_CACHE_DIR=$T/c2 status 3 dtl build --rules "$R" --rules "$T/broken" "$A"
[ -z "$(ls "$T/c2")" ] || { echo "not ok: a rule set with an error was cached"; bad=$((bad + 1)); }

exit $((bad > 99 ? 99 : bad))

# Lexicon references in patterns: whatever shape the alternation takes
# inside (a trie of the phrases), a lexicon matches its longest phrase
# first, whole words only, white space as any run of blanks, case as the
# lexicon says, and phrases that differ only after a shared byte of a
# UTF-8 character; a lexicon too deep for a trie still compiles.
. "$top/tests/cli/lib.sh"
mkdir -p "$T/r"
{
    cat <<'RULES'
lexicon feast
    Harvest
    Harvest  Moon
    Harvest Moon Night
    Día
    Día de Todos
    Dìa
    Dí

lexicon clan case
    McKay

timex feast-day
    type     DATE
    trigger  @feast
    pattern  \bthe @feast
    value    date month=11 day=1
    example  "at the Harvest Moon" @2021-12-30 => 2021-11-01

timex clan-day
    type     DATE
    trigger  @clan
    pattern  \b@clan day\b
    value    date month=10 day=2
    example  "on McKay day" @2021-12-30 => 2021-10-02
    counter  "on MCKAY day"

lexicon deep
RULES
    # x, x x, x x x, ...: each phrase a prefix of the next.
    p=x
    i=0
    while [ $i -lt 80 ]; do
        echo "    $p"
        p="$p x"
        i=$((i + 1))
    done
    cat <<'RULES'

timex deep-day
    type     DATE
    trigger  x
    pattern  \bday of @deep\b
    value    date month=12 day=3
    example  "the day of x x x" @2021-12-30 => 2021-12-03
RULES
} > "$T/r/feast.rules"
status 0 dtl rules check "$T/r"
has "$T/out" "0 failed"
printf 'Date: 2021-12-30\n\nThey ate at the Harvest Moon, at the Harvest  Moon Night, at the Harvest fair, at the Día de Todos, at the Dìa, at the Día and at the Dí.\n' > "$T/a.txt"
status 0 dtl times --format json --rules "$T/r" "$T/a.txt"
has "$T/out" '"text":	"the Harvest Moon"'
has "$T/out" '"text":	"the Harvest  Moon Night"'
has "$T/out" '"text":	"the Harvest"'
has "$T/out" '"text":	"the Día de Todos"'
has "$T/out" '"text":	"the Dìa"'
has "$T/out" '"text":	"the Día"'
has "$T/out" '"text":	"the Dí"'
n=$(grep -c '"text":' "$T/out")
[ "$n" = 7 ] || { echo "not ok: $n expressions, expected 7"; bad=$((bad + 1)); }
# Case-sensitive lexicon: McKay, not MCKAY.
printf 'Date: 2021-12-30\n\nOn McKay day and on MCKAY day.\n' > "$T/b.txt"
status 0 dtl times --format json --rules "$T/r" "$T/b.txt"
has "$T/out" '"text":	"McKay day"'
lacks "$T/out" 'MCKAY'
# The deep lexicon: the longest phrase wins, whole words only.
printf 'Date: 2021-12-30\n\nOn the day of x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x we left.\n' > "$T/c.txt"
status 0 dtl times --format json --rules "$T/r" "$T/c.txt"
has "$T/out" '"text":	"day of x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x"'
finish

# User rule directories: --rules DIR (several) loads them in order; a
# rule of a later directory replaces an earlier one of the same name;
# lexicons add up; "rules list" shows where each rule comes from.
. "$top/tests/cli/lib.sh"
R=$top/rules
mkdir -p "$T/mine"
cat > "$T/mine/mine.rules" <<'RULES'
# Replaces the shipped missile.launch (other type, one more example).
rule missile.launch
    type     weapons_show
    cameo    150
    trigger  launched
    pattern  (?<source>@actors) (?<trigger>launched) (?:(?<count>@count) )?(?<weapon>@missile)
    example  "North Korea launched two cruise missiles." => source=PRK type=weapons_show count=2
    counter  "The company launched two phones."

# A new event type.
rule zoo.panda
    type     panda_loan
    cameo    050
    trigger  panda pandas
    pattern  (?<source>@actor) (?<trigger>lent|loaned) (?:two |a )?(?:giant )?pandas? to (?<target>@actor)
    example  "China lent two giant pandas to Finland." => source=CHN target=FIN
    counter  "China lent money to Finland."

lexicon person actor
    Ada Lovelace = GBR | Ada Lovelace
RULES
status 0 dtl rules check --rules "$R" --rules "$T/mine"
has "$T/out" "0 failed"
status 0 dtl rules list --rules "$R" --rules "$T/mine"
has "$T/out" "zoo.panda"
grep -F 'missile.launch ' "$T/out" > "$T/ml"
has "$T/ml" "mine.rules"
has "$T/ml" "weapons_show"
n=$(grep -cF 'missile.launch ' "$T/out")
[ "$n" = 1 ] || { echo "not ok: missile.launch listed $n times"; bad=$((bad + 1)); }
status 0 dtl rules list --format json --rules "$R" --rules "$T/mine"
has "$T/out" '"name": "zoo.panda"'
has "$T/out" '"kind": "event"'
printf 'Date: 2021-03-30\n\nChina lent two giant pandas to Finland on Monday. Ada Lovelace said North Korea launched two cruise missiles.\n' > "$T/a.txt"
status 0 dtl build --format json --rules "$R" --rules "$T/mine" "$T/a.txt"
has "$T/out" '"type":	"panda_loan"'
has "$T/out" '"type":	"weapons_show"'
lacks "$T/out" '"type":	"missile_launch"'
# Without the user directory, the shipped rules are as they were.
status 0 dtl build --format json --rules "$R" "$T/a.txt"
has "$T/out" '"type":	"missile_launch"'
lacks "$T/out" "panda_loan"
# require lines: a rule is tried only when a word of its trigger lines
# and a word of each require line are in the sentence ("/" is one
# punctuation character).
mkdir -p "$T/req"
cat > "$T/req/req.rules" <<'RULES'
timex fiscal-year
    type     DATE
    trigger  fiscal
    require  year
    require  /
    pattern  \bfiscal year (?<year>\d{4})/\d\d\b
    value    date
    example  "in fiscal year 1987/88 sales" @1987-06-01 => 1987

# Prefix triggers of one byte and of more than 15 (the prefilter keeps
# the lengths of prefixes by their first two bytes).
timex quux-day
    type     DATE
    trigger  q*
    require  supercalifragili*
    pattern  \bquuxday (?<year>\d{4})(?= supercalifragilistic\b)
    value    date
    example  "on quuxday 1986 supercalifragilistic sales" @1987-06-01 => 1986
RULES
status 0 dtl rules check --rules "$R" --rules "$T/req"
has "$T/out" "0 failed"
printf 'Sales rose in fiscal year 1987/88.\n' > "$T/fy.txt"
status 0 dtl times --date 1987-06-01 --rules "$R" --rules "$T/req" "$T/fy.txt"
has "$T/out" '"fiscal year 1987/88"'
# An example that lacks a required word never reaches the pattern, so
# "rules check" fails on it: a wrong require line cannot go unseen.
sed 's|require  /|require  /\n    require  budget|' "$T/req/req.rules" > "$T/req/x" &&
  mv "$T/req/x" "$T/req/req.rules"
status 3 dtl rules check --rules "$R" --rules "$T/req"
has "$T/err" "fiscal-year"
status 0 dtl times --date 1987-06-01 --rules "$R" --rules "$T/req" "$T/fy.txt"
lacks "$T/out" '"fiscal year 1987/88"'
# Two rules of one name in one directory are an error, with both places.
cp "$T/mine/mine.rules" "$T/mine/again.rules"
status 3 dtl rules check "$T/mine"
has "$T/err" "duplicate name 'missile.launch'"
finish

# The manual page docs/dtl.1: mandoc -T lint (else groff -ww) finds
# nothing to say, and it names every command, option and output format
# that the help texts ('dtl help COMMAND') name.
. "$top/tests/cli/lib.sh"
M=$top/docs/dtl.1

if command -v mandoc > /dev/null 2>&1; then
    mandoc -T lint "$M" > "$T/lint" 2>&1
    rc=$?
    # mandoc also reports an outdated system database; that is not ours.
    grep -v 'mandoc.db' "$T/lint" > "$T/lint.ours"
    if [ -s "$T/lint.ours" ] || [ $rc -gt 1 ]; then
        echo "not ok: mandoc -T lint docs/dtl.1 (status $rc):"
        sed 's/^/    /' "$T/lint.ours" | head -20
        bad=$((bad + 1))
    fi
elif command -v groff > /dev/null 2>&1; then
    if ! groff -ww -mandoc -z "$M" > "$T/lint" 2>&1 || [ -s "$T/lint" ]
    then
        echo "not ok: groff -ww -mandoc -z docs/dtl.1:"
        sed 's/^/    /' "$T/lint" | head -20
        bad=$((bad + 1))
    fi
else
    echo "SKIP: neither mandoc nor groff installed (apt-get install mandoc)"
fi

# man_has WHAT REGEX: a line of the page source matches REGEX.
man_has() {
    if ! grep -qE -- "$2" "$M"; then
        echo "not ok: docs/dtl.1 lacks $1 ('$2')"
        bad=$((bad + 1))
    fi
}

for c in build times diff merge "rules list" "rules check" help; do
    man_has "command $c" "^\.Cm $c\$"
done
for c in build times diff merge rules; do
    status 0 dtl help "$c"
    # Long options, then the --format choices of the usage lines.
    for o in $(grep -o -- '--[a-z][a-z-]*' "$T/out" | sort -u); do
        man_has "option $o of $c" "Fl ${o#-}( |\$)"
    done
    for o in $(grep -o -- ' -[a-z] ' "$T/out" | tr -d ' ' | sort -u); do
        man_has "option $o of $c" "Fl ${o#-}( |\$)"
    done
    for f in $(grep -o -- '--format [a-z|]*' "$T/out" | cut -d' ' -f2 |
               tr '|' ' '); do
        man_has "format $f of $c" "Cm (.* )?$f( |\$)"
    done
done
for e in DTL_RULES SOURCE_DATE_EPOCH NO_COLOR; do
    man_has "environment variable $e" "^\.It Ev $e\$"
done
for s in 0 1 2 3 4; do
    man_has "exit status $s" "^\.It $s\$"
done
finish

# Every "$ dtl ..." command of the README runs and exits 0 or 1 (events
# or none, differences or none).
. "$top/tests/cli/lib.sh"
ln -s "$top/samples" "$T/samples"
ln -s "$top/tests" "$T/tests"
ln -s "$top/rules" "$T/rules"
n=0
grep '^    \$ dtl ' "$top/README.md" | sed 's/^    \$ dtl //' > "$T/cmds"
while IFS= read -r cmd; do
    n=$((n + 1))
    # shellcheck disable=SC2086
    (cd "$T" && eval "\"$DTL_ABS\" $cmd" > "$T/out" 2> "$T/err")
    rc=$?
    if [ $rc -gt 1 ]; then
        echo "not ok: README command 'dtl $cmd' exited $rc"
        sed 's/^/    /' "$T/err" | head -5
        bad=$((bad + 1))
    fi
done < "$T/cmds"
[ $n -ge 5 ] || { echo "not ok: only $n README commands found"; bad=$((bad + 1)); }
finish

# make install DESTDIR=... puts the binary, rules, man page and bash
# completion in place, and the installed dtl finds its rules from
# anywhere; make uninstall takes them away.
. "$top/tests/cli/lib.sh"
B=${BUILD:-build}
(cd "$top" && make -s install DESTDIR="$T/root" PREFIX=/usr BUILD="$B") \
    > "$T/make.out" 2>&1 || { echo "not ok: make install"; cat "$T/make.out"; bad=$((bad + 1)); }
for f in usr/bin/dtl usr/share/dtl/rules/base.rules usr/share/man/man1/dtl.1 \
    usr/share/bash-completion/completions/dtl; do
    [ -f "$T/root/$f" ] || { echo "not ok: $f not installed"; bad=$((bad + 1)); }
done
(cd / && "$T/root/usr/bin/dtl" rules check > "$T/out" 2> "$T/err")
rc=$?
[ $rc = 0 ] || { echo "not ok: installed dtl rules check: $rc"; cat "$T/err"; bad=$((bad + 1)); }
(cd / && "$T/root/usr/bin/dtl" build --format json "$top/tests/data/short.txt" > "$T/out" 2> "$T/err")
has "$T/out" '"missile_launch"'
(cd "$top" && make -s uninstall DESTDIR="$T/root" PREFIX=/usr BUILD="$B") > /dev/null 2>&1
[ ! -e "$T/root/usr/bin/dtl" ] || { echo "not ok: uninstall left dtl"; bad=$((bad + 1)); }
finish

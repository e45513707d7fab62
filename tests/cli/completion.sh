# The bash completion docs/dtl.bash: it parses, and for each command it
# offers the long options and --format values that 'dtl help COMMAND'
# names, nothing more.  Skipped without bash.
. "$top/tests/cli/lib.sh"
C=$top/docs/dtl.bash
if ! command -v bash > /dev/null 2>&1; then
    echo "SKIP: bash not installed"
    finish
fi
if ! bash -n "$C"; then
    echo "not ok: docs/dtl.bash does not parse"
    bad=$((bad + 1))
fi

# offers WORD...: what completing the last WORD offers, sorted, on
# one line.
offers() {
    bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
        _dtl; printf "%s\n" "${COMPREPLY[@]}"' sh "$C" "$@" |
        sort | tr '\n' ' ' | sed 's/ $//'
}

# want WHAT GOT EXPECTED
want() {
    if [ "$2" != "$3" ]; then
        echo "not ok: $1: got '$2', want '$3'"
        bad=$((bad + 1))
    fi
}

want commands "$(offers dtl '')" \
    "--help --version build diff help merge rules times"
want "rules subcommands" "$(offers dtl rules '')" "--help check list"
want "help topics" "$(offers dtl help '')" "build diff merge rules times"
want "--lanes" "$(offers dtl build --lanes '')" "actor type"
want "--format=" "$(offers dtl merge --format = h)" "html"
want "--color=" "$(offers dtl diff --color = '')" "always auto never"
mkdir -p "$T/d/sub dir"
: > "$T/d/a file.txt"
want "--rules DIR" "$(cd "$T/d" && offers dtl build --rules '')" "sub dir"
want "files" "$(cd "$T/d" && offers dtl build a)" "a file.txt"

# Per command: the --format values and long options of the help text.
for c in build times diff merge "rules list" "rules check"; do
    # shellcheck disable=SC2086
    set -- $c
    status 0 dtl help "$1"
    if [ "$c" = "rules check" ]; then
        grep -- '^ *dtl rules check' "$T/out" > "$T/usage"
    elif [ "$c" = "rules list" ]; then
        grep -- '^usage: dtl rules list' "$T/out" > "$T/usage"
    else
        sed -n '/^usage/,/^$/p' "$T/out" > "$T/usage"
    fi
    f=$(grep -o -- '--format [a-z|]*' "$T/usage" | cut -d' ' -f2 |
        tr '|' '\n' | sort | tr '\n' ' ' | sed 's/ $//')
    if [ -n "$f" ]; then
        # shellcheck disable=SC2086
        want "--format of $c" "$(offers dtl $c --format '')" "$f"
    fi
    # -o FILE and -j N are also --output and --jobs.
    o=$( (grep -o -- '--[a-z][a-z-]*' "$T/usage"
        grep -q -- '-o FILE' "$T/usage" && echo --output
        grep -q -- '-j N' "$T/usage" && echo --jobs) | sort -u | tr '\n' ' ')
    # shellcheck disable=SC2086
    got=$(offers dtl $c --)
    for x in $o --help; do
        case " $got " in
        *" $x "*) ;;
        *)
            echo "not ok: 'dtl $c --' does not offer $x"
            bad=$((bad + 1))
            ;;
        esac
    done
    for x in $got; do
        case " $o --help " in
        *" $x "*) ;;
        *)
            echo "not ok: 'dtl $c --' offers $x, not in its help"
            bad=$((bad + 1))
            ;;
        esac
    done
done
finish

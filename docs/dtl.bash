# SPDX-License-Identifier: MIT
#
# dtl.bash - bash completion for dtl(1): its commands, each command's
# options, and the values of --format (per command), --lanes, --color,
# --rules (directories) and -o (files).  Plain bash: it needs nothing
# from the bash-completion package.  "make install" puts it in
# $(COMPDIR)/dtl; to try it from a source tree: . docs/dtl.bash
# Keep it in step with the help texts in src/cli_main.c and docs/dtl.1
# (tests/cli/completion.sh compares them).

# Sets COMPREPLY to what compgen ARGS... prints, one item a line (file
# names may hold spaces).
_dtl_reply()
{
    mapfile -t COMPREPLY < <(compgen "$@")
}

_dtl_formats()
{
    case $1 in
    build) echo "json jsonl ics text html" ;;
    times) echo "json jsonl timeml" ;;
    diff) echo "text json html" ;;
    merge) echo "json ics text html" ;;
    list) echo "text json" ;;
    esac
}

_dtl_options()
{
    case $1 in
    build)
        echo "--date --rules --format --lanes --output -o --jobs -j" \
            "--quiet -q --color --help"
        ;;
    times) echo "--date --rules --format --output -o --quiet -q --help" ;;
    diff | merge)
        echo "--date --rules --format --lanes --output -o --quiet -q" \
            "--color --help"
        ;;
    list) echo "--rules --format --output -o --quiet -q --help" ;;
    check) echo "--rules --quiet -q --help" ;;
    esac
}

_dtl()
{
    local cur=${COMP_WORDS[COMP_CWORD]} prev="" cmd="" eq=""
    local commands="build times diff merge rules help"

    COMPREPLY=()
    if [ "$COMP_CWORD" -gt 0 ]; then
        prev=${COMP_WORDS[COMP_CWORD - 1]}
    fi
    # COMP_WORDBREAKS splits --format=json into "--format" "=" "json".
    if [ "$cur" = "=" ]; then
        cur=""
        eq=1
    elif [ "$prev" = "=" ] && [ "$COMP_CWORD" -gt 1 ]; then
        prev=${COMP_WORDS[COMP_CWORD - 2]}
        eq=1
    fi
    if [ "$COMP_CWORD" -le 1 ]; then
        _dtl_reply -W "$commands --help --version" -- "$cur"
        return 0
    fi
    cmd=${COMP_WORDS[1]}
    if [ "$cmd" = rules ]; then
        if [ "$COMP_CWORD" -eq 2 ]; then
            _dtl_reply -W "list check --help" -- "$cur"
            return 0
        fi
        cmd=${COMP_WORDS[2]}
    fi
    if [ "$cmd" = help ]; then
        [ "$COMP_CWORD" -eq 2 ] &&
            _dtl_reply -W "build times diff merge rules" -- "$cur"
        return 0
    fi
    case $prev in
    --format)
        _dtl_reply -W "$(_dtl_formats "$cmd")" -- "$cur"
        return 0
        ;;
    --lanes)
        _dtl_reply -W "actor type" -- "$cur"
        return 0
        ;;
    --color | --colour)
        # Only --color=WHEN: a bare --color means always.
        if [ -n "$eq" ]; then
            _dtl_reply -W "auto always never" -- "$cur"
            return 0
        fi
        ;;
    --rules)
        compopt -o filenames 2> /dev/null
        _dtl_reply -d -- "$cur"
        return 0
        ;;
    --output | -o)
        compopt -o filenames 2> /dev/null
        _dtl_reply -f -- "$cur"
        return 0
        ;;
    --date | --jobs | -j)
        return 0
        ;;
    esac
    case $cur in
    -*)
        _dtl_reply -W "$(_dtl_options "$cmd")" -- "$cur"
        ;;
    *)
        compopt -o filenames 2> /dev/null
        if [ "$cmd" = check ]; then
            _dtl_reply -d -- "$cur"
        elif [ "$cmd" != list ]; then
            _dtl_reply -f -- "$cur"
        fi
        ;;
    esac
    return 0
}

complete -F _dtl dtl

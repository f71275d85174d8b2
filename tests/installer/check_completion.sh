#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 hfcache contributors
# Drives the completion function the way bash does (COMP_WORDS/COMP_CWORD) against the real binary.
set -o pipefail  # not -e or -u: completion functions run in interactive shells without them
script=$1 bin_dir=$2
export PATH=$bin_dir:$PATH
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/my models" "$work/other"
: >"$work/a-file"
cd "$work"
source "$script"

failures=0
expect() {  # expect "WANTED REPLY" WORD...  (the last word is the one being completed)
    local wanted=$1; shift
    COMP_WORDS=("$@")
    COMP_CWORD=$(($# - 1))
    COMPREPLY=()
    _hfcache
    local got
    got=$(printf '%s|' "${COMPREPLY[@]}")
    if [ "$got" = "$wanted" ]; then
        echo "ok: '$*' -> $got"
    else
        echo "FAIL: '$*' -> '$got', wanted '$wanted'" >&2
        failures=$((failures + 1))
    fi
}

commands=$(hfcache --help | sed -n '/^Commands:/,/^$/s/^  \([a-z][-a-z0-9]*\)  .*/\1|/p' | tr -d '\n')
expect "$commands" hfcache ""
expect "scan|" hfcache sc
expect "--version|" hfcache --v
expect "--cache-dir|" hfcache scan --cache
expect "--files|--filter|" hfcache scan --json --fi
expect "my models|" hfcache scan --cache-dir my      # a DIR value: folders only, spaces kept
expect "|" hfcache scan --sort ""                       # free-form value: nothing offered
expect "other|" hfcache demo-cache o                    # positional DIR
expect "xet-chunk-cache|xet-logs|xet-staging|xet-shards|" hfcache clean --dry-run xet-   # clean's targets
expect "0|1|2|3|" hfcache export org/m --archive m.tar.gz --level ""   # ISA-L's gzip levels
expect "1|10|11|12|13|14|15|16|17|18|19|" hfcache export org/m --archive m.tar.zst --level 1
expect "|" hfcache export org/m --to out --level ""     # no archive: no level
expect "|" hfcache no-such-command --                   # unknown command: nothing, no error
complete -p hfcache | grep -q -- '-F _hfcache hfcache' || { echo "FAIL: not registered" >&2; failures=$((failures + 1)); }
[ "$failures" -eq 0 ]

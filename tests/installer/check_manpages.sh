#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 hfcache contributors
# The generated man pages render without groff warnings and document every command `hfcache --help` lists.
set -euo pipefail
cli=$1 man_dir=$2
fail() { echo "FAIL: $*" >&2; exit 1; }

for page in "$man_dir"/*.1.gz; do
    warnings=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l "$page" 2>&1 >/dev/null)
    [ -z "$warnings" ] || fail "$page: $warnings"
    echo "ok: $page renders without warnings"
done

page=$man_dir/hfcache.1.gz
[ -f "$page" ] || fail "$page was not generated"
commands=$("$cli" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z][-a-z0-9]*\)  .*/\1/p')
[ -n "$commands" ] || fail "no commands in '$cli --help'"
for command in $commands; do
    zcat "$page" | grep -qF -- ".SS \\fBhfcache\\fR \\fB${command//-/\\-}\\fR" || fail "$page: no section for '$command'"
    # The heading names the command once ("hfcache scan [options]", not "hfcache scan scan").
    ! zcat "$page" | grep -qF -- ".SS \\fBhfcache\\fR \\fB${command//-/\\-}\\fR \\fI${command//-/\\-}\\fR" ||
        fail "$page: the heading of '$command' repeats the command"
    # Every option of the command appears in its section.
    for option in $("$cli" "$command" --help | sed -n 's/^  \(-., \)\?\(--[a-z][-a-z]*\).*/\2/p' | grep -vx -- --help-all); do
        zcat "$page" | grep -qF -- "\\fB${option//-/\\-}\\fR" || fail "$page: option $option of $command missing"
    done
    echo "ok: hfcache $command documented"
done

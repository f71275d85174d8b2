#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 hfcache contributors
"""Write a gzipped man page from a program's own --help and --version output.

Reads QCommandLineParser help text. When the top-level help lists "Commands:", every command's
`PROGRAM COMMAND --help` becomes a subsection, so the page can never drift from the binary.
Extra hand-written sections (ENVIRONMENT, FILES, SEE ALSO) come from --include.

usage: gen-manpage.py --binary PATH --name PROGRAM --summary TEXT --output FILE.gz [--include FILE]
"""

import argparse
import gzip
import os
import re
import subprocess
import sys


def run_help(binary, args):
    # Leak reports of a sanitizer build are the tests' business, not a reason to fail the build.
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LC_ALL="C.UTF-8", ASAN_OPTIONS="detect_leaks=0")
    result = subprocess.run([binary, *args], capture_output=True, text=True, env=env, timeout=60)
    if result.returncode != 0:
        sys.exit(f"gen-manpage: '{binary} {' '.join(args)}' exited with {result.returncode}: {result.stderr.strip()}")
    return result.stdout


def escape(text):
    """Roff-escape running text: backslashes, leading control characters, and minus signs in options."""
    text = text.replace("\\", "\\e")
    text = re.sub(r"(^|(?<=[\s,\[(]))-", r"\\-", text)
    text = re.sub(r"(?<=\\-)-", r"\\-", text)
    if text.startswith((".", "'")):
        text = "\\&" + text
    return text


def sections(help_text):
    """Split help text into (heading, lines); the part before the first heading is keyed ''."""
    result = {"": []}
    current = ""
    for line in help_text.splitlines():
        heading = re.fullmatch(r"([A-Z][A-Za-z ]*):", line)
        if heading:
            current = heading.group(1)
            result[current] = []
        else:
            result[current].append(line)
    return result


def entries(lines):
    """Two-column help entries ('  spec   description' plus indented continuation lines)."""
    items = []
    for line in lines:
        match = re.match(r"  (\S.*?)(?:\s{2,}(\S.*))?$", line)
        if match and not line.startswith("   "):
            items.append([match.group(1), match.group(2) or ""])
        elif line.startswith("   ") and line.strip() and items:
            items[-1][1] = (items[-1][1] + " " + line.strip()).strip()
    # --help-all only adds Qt's generic options; entries without a description are placeholders.
    return [(spec, text) for spec, text in items if text and spec != "--help-all"]


def option_list(items):
    out = []
    for spec, text in items:
        spec = re.sub(r"(-[-\w]+)", lambda m: "\\fB" + m.group(1).replace("-", "\\-") + "\\fR", spec)
        spec = re.sub(r"<(\w+)>", r"\\fI\1\\fR", spec)
        out += [".TP", spec, escape(text)]
    return out


def usage_tail(help_text, command=None):
    """What follows the program path on the Usage line (Qt prints argv[0] there), and the command's
    own name when the line already names it ("Usage: hfcache scan [options]"): the heading adds it."""
    first = help_text.splitlines()[0]
    match = re.match(r"Usage: \S+(.*)$", first)
    tail = match.group(1).strip() if match else ""
    if command and tail.split(" ", 1)[0] == command:
        tail = tail[len(command):].strip()
    return tail


def synopsis_line(words, tail):
    parts = ["\\fB" + w.replace("-", "\\-") + "\\fR" for w in words]
    for word in tail.split():
        parts.append(escape(word) if word.startswith("[") else f"\\fI{escape(word)}\\fR")
    return " ".join(parts)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--name", required=True)
    parser.add_argument("--summary", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--include")
    args = parser.parse_args()

    version = run_help(args.binary, ["--version"]).strip().splitlines()[0]
    top = run_help(args.binary, ["--help"])
    top_sections = sections(top)
    description = [line for line in top_sections[""][1:] if line.strip()]
    commands = entries(top_sections.get("Commands", []))

    page = [f'.TH {args.name.upper()} 1 "" "{escape(version)}" "User Commands"',
            ".SH NAME", f"{escape(args.name)} \\- {escape(args.summary)}",
            ".SH SYNOPSIS"]
    if commands:
        page += [synopsis_line([args.name], "COMMAND [options]")]
    else:
        page += [synopsis_line([args.name], usage_tail(top))]
    page += [".SH DESCRIPTION"]
    page += [escape(line.strip()) for line in description]

    if commands:
        page += [".SH COMMANDS"]
        for command, summary in commands:
            sub = run_help(args.binary, [command, "--help"])
            page += [".SS " + synopsis_line([args.name, command], usage_tail(sub, command)), escape(summary) + "."]
            sub_sections = sections(sub)
            page += option_list(entries(sub_sections.get("Options", [])))
            page += option_list(entries(sub_sections.get("Arguments", [])))
    else:
        page += [".SH OPTIONS"] + option_list(entries(top_sections.get("Options", [])))

    exit_line = next((line for line in top.splitlines() if line.startswith("Exit status:")), None)
    if exit_line:
        page += [".SH EXIT STATUS", escape(exit_line[len("Exit status:"):].strip())]
    if args.include:
        with open(args.include, encoding="utf-8") as include:
            page += [include.read().rstrip("\n")]

    data = ("\n".join(page) + "\n").encode("utf-8")
    with open(args.output, "wb") as out:
        # mtime 0 and no file name: reproducible, like gzip -9n (Debian policy 12.3).
        with gzip.GzipFile(filename="", mode="wb", compresslevel=9, fileobj=out, mtime=0) as zipped:
            zipped.write(data)


if __name__ == "__main__":
    main()

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "CliOutput.h"

#include <QCommandLineParser>
#include <QString>

namespace hfcache {

// What every command gets to talk to the outside world: tests run commands in-process with
// memory streams in place of stdout/stderr.
struct CliContext
{
    CliOutput output;
};

// Exit statuses shared by every command (README documents them).
enum CliExit { ExitOk = 0, ExitFindings = 1, ExitUsage = 2, ExitInterrupted = 130 /* 128 + SIGINT, as shells report */ };

// One `hfcache <name>` sub-command. New commands implement this and add one line to
// CommandTable.cpp.
class CliCommand
{
public:
    virtual ~CliCommand() = default;
    virtual QString name() const = 0;
    virtual QString summary() const = 0;       // one line for `hfcache --help`
    virtual QString argumentsSyntax() const { return {}; }  // e.g. "REPO[@REV]"
    virtual void addOptions(QCommandLineParser &parser) const = 0;
    virtual int run(const QCommandLineParser &parser, CliContext &context) const = 0;
};

} // namespace hfcache

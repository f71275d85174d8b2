// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "CliCommand.h"
#include "maintain/DeletePlan.h"

namespace hfcache {

// What `hfcache rm`, `prune` and `clean` share once they have a plan: show it (text or JSON),
// check who uses the files, ask for confirmation, execute, report what is left on failure.
class DeleteFlow
{
public:
    // --dry-run, --yes, --json, and --force when `withForce`.
    static void addOptions(QCommandLineParser &parser, bool withForce);
    // Prune and clean keep what a held lock covers and have no --force; rm refuses it and has --force.
    enum class Mode { Rm, Prune, Clean };
    static int run(const DeletePlan &plan, const QCommandLineParser &parser, CliContext &context, Mode mode);
    // Several plans (clean: one per cache root), checked all before one confirmation; JSON as
    // {"dry_run", "caches": [one object per plan, with run()'s fields]}.
    static int runAll(const QList<DeletePlan> &plans, const QCommandLineParser &parser, CliContext &context, Mode mode);

private:
    static int runPlans(const QList<DeletePlan> &plans, const QCommandLineParser &parser, CliContext &context, Mode mode,
                        bool several);
};

} // namespace hfcache

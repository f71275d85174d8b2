// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "CliCommand.h"
#include "maintain/DeletePlan.h"

namespace hfcache {

// What `hfcache rm` and `hfcache prune` share once they have a plan: show it (text or JSON),
// check who uses the files, ask for confirmation, execute, report what is left on failure.
class DeleteFlow
{
public:
    // --dry-run, --yes, --json, and --force when `withForce`.
    static void addOptions(QCommandLineParser &parser, bool withForce);
    // Prune keeps blobs a download locks and has no --force; rm refuses them and has --force.
    enum class Mode { Rm, Prune };
    static int run(const DeletePlan &plan, const QCommandLineParser &parser, CliContext &context, Mode mode);
};

} // namespace hfcache

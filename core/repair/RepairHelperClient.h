// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "RepairAuthorization.h"
#include "RepairExecutor.h"
#include "RepairPlan.h"

#include <QString>
#include <QStringList>

#include <functional>

namespace hfcache {

// Runs the root part of a plan through hfcache-helper: directly when already root, else
// through pkexec (polkit action io.github.hfcache.repair, or io.github.hfcache.repair.take-ownership
// for `hfcache-helper --take-ownership`), else `sudo -n` (never prompts).
// Synchronous; call it from a worker thread in a GUI.
class RepairHelperClient
{
public:
    enum class Method { Direct, Pkexec, Sudo };

    struct Outcome
    {
        bool ran = false;         // the helper itself started and answered
        Method method = Method::Direct;
        int exitCode = -1;        // the helper's (see app/main_helper.cpp), when ran
        QString error;            // why it did not run, or why it refused the plan
        bool authorizationRefused = false;  // pkexec: not authorized, or the dialog was dismissed
        RepairExecutor::Summary summary;
    };
    // One call per operation, in order, as the helper's batched progress lines arrive (statuses
    // only: before/after are the plan's; error set for failures).
    using ResultCallback = RepairExecutor::ResultCallback;

    // $HFCACHE_HELPER, else hfcache-helper next to the running program (the build tree), else
    // the installed one in libexec.
    static QString helperPath();
    static QString methodName(Method method);

    // `mode`: RepairAuthorization::requiredMode() of the plan, for the invoker.
    static Outcome run(const RepairPlan &plan, RepairAuthorization::Mode mode, const ResultCallback &onResult = {});

private:
    static Outcome runWith(Method method, const QString &program, const QStringList &arguments,
                           const QByteArray &planJson, const ResultCallback &onResult);
};

} // namespace hfcache

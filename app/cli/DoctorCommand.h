// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "HubCacheCommand.h"

namespace hfcache {

// `hfcache doctor`: why a user cannot load, update or delete a model, and what fixes it --
// ownership, permissions, shared-group policy, ACLs, locks and downloads in progress.
class DoctorCommand : public HubCacheCommand
{
public:
    QString name() const override { return QStringLiteral("doctor"); }
    QString summary() const override { return QStringLiteral("Diagnose ownership, permissions and locks (exit 1 on errors)"); }

protected:
    void addCommandOptions(QCommandLineParser &parser) const override;
    std::unique_ptr<Job> parse(const QCommandLineParser &parser, CliContext &context) const override;
};

} // namespace hfcache

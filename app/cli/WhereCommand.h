// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "CliCommand.h"

namespace hfcache {

// `hfcache where`: the locations huggingface_hub would use, and which variable decided.
class WhereCommand : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("where"); }
    QString summary() const override { return QStringLiteral("Show the hub cache, HF_HOME, xet, assets and token locations"); }
    void addOptions(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, CliContext &context) const override;
};

} // namespace hfcache

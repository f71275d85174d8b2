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
    QString summary() const override { return QStringLiteral("Show where every Hugging Face cache is and which variable decided"); }
    void addOptions(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, CliContext &context) const override;
};

} // namespace hfcache

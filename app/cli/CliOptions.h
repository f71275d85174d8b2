// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QCommandLineOption>

namespace hfcache {

// The options several commands share: one definition (name, value name, help text) each, so
// every command's --help, the man page made from it and the shell completion say the same.
// Commands add them with parser.addOption(CliOptions::json()) and ask parser.isSet(CliOptions::json()).
namespace CliOptions {

const QCommandLineOption &json();
const QCommandLineOption &cacheDir();
const QCommandLineOption &threads();
const QCommandLineOption &yes();
const QCommandLineOption &dryRun();

} // namespace CliOptions

} // namespace hfcache

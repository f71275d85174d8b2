// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "CliCommand.h"
#include "home/KindLocation.h"

#include <QCommandLineOption>
#include <QList>

namespace hfcache {

class HomeEnvironment;

// The cache roots `where` and `home` show: every kind's as its library resolves it, the hub
// cache replaced by --cache-dir when given, plus --root KIND=DIR extras.
namespace HomeRoots {

const QCommandLineOption &rootOption();
// False after printing a usage error for a bad --root.
[[nodiscard]] bool resolve(const QCommandLineParser &parser, const HomeEnvironment &env, CliContext &context,
                           QList<KindLocation> *locations);

} // namespace HomeRoots

} // namespace hfcache

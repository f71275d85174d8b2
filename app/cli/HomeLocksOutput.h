// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "CliOutput.h"
#include "home/HomeLocks.h"
#include "home/PythonPackages.h"
#include "util/JsonWriter.h"

#include <QString>

namespace hfcache {

// How `hfcache locks` shows the lock files of the caches beside the hub cache (HomeLocks): a
// table per cache (an evaluate experiment's locks as process i of N, missing ones included) with
// the kinds' findings under it, and the "home" key of --json.
namespace HomeLocksOutput {

void print(const CliOutput &output, const HomeLocks::Result &result, int listenMs);
// { hf_home, listened_ms, listen_error, caches: [ { kind, name, path, source, exists, shared_group,
// lock_files, held, locks: [..], findings: [..] } ] }
void writeJson(JsonWriter &json, const QString &hfHome, const HomeLocks::Result &result, int listenMs);
// GROUP WRITABLE: "all" when every member of the shared group can open the lock read-write,
// else "NO: " and who cannot; "-" outside a shared cache. The hub cache's table uses it too.
QString membersText(const QList<MemberAccess> &members);
// "members_writable": [ { user, writable } ], empty outside a shared cache.
void writeMembers(JsonWriter &json, const QList<MemberAccess> &members);
// --python ENV: the versions found and the known-bad combinations among them.
QString pythonText(const QString &env, const PythonPackages &packages);
// { env, site_packages: [..], packages: { name: version | null }, known_bad: [ { packages, problem, remedy } ] }
void writePythonJson(JsonWriter &json, const QString &env, const PythonPackages &packages);

} // namespace HomeLocksOutput

} // namespace hfcache

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <optional>

namespace hfcache {
struct ActivityReport;
struct LockFileState;
}

// Helpers shared by the tests: real fixtures from ../shared, real users, real processes.
namespace TestSupport {

QString sharedDir();
QString sourceDir();

// Extracts ../shared/fixtures/hf-fixture-cache.tar.gz into `into` (symlinks kept) and returns
// the folder holding fixture-cache/, fixture-cache-v1.28/, ... ; empty on failure.
QString extractFixtures(const QTemporaryDir &into);

// Runs ../shared/tools/gen_synth_cache.py generate DIR ARGS...; returns its stdout (the manifest
// summary) or an empty string on failure (the reason goes to qWarning).
QByteArray generateSyntheticCache(const QString &dir, const QStringList &args);

// Runs a program to completion; returns the exit code (-1 when it could not start).
int runProgram(const QString &program, const QStringList &args, QByteArray *out = nullptr,
               QByteArray *err = nullptr, int timeoutMs = 120000);

// A throwaway system user made with useradd (CI runs as root); nullopt when we are not root.
struct TestUser
{
    QString name;
    uint uid = 0;
    uint gid = 0;
};
std::optional<TestUser> ensureUser(const QString &name);
// The program run as `user`, via setpriv (no supplementary groups unless the user has them).
int runAsUser(const TestUser &user, const QString &program, const QStringList &args,
              QByteArray *out = nullptr, QByteArray *err = nullptr);

// The built `hfcache` binary (for tests that must run it as another user or kill it).
QString cliPath();
// rm -rf: QTemporaryDir cannot remove names that are not valid UTF-8.
void removeTree(const QString &path);

// Runs `hfcache ARGS...` in-process and captures what it writes.
struct CliResult
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};
CliResult runCli(const QStringList &args);

// The first object of `array` whose `key` is `value` (a row of a command's --json), else an empty one.
QJsonObject objectWhere(const QJsonArray &array, QLatin1String key, const QString &value);

// The state of the lock file `path` in `report`, when the report lists it, else null.
const hfcache::LockFileState *lockIn(const hfcache::ActivityReport &report, const QByteArray &path);

} // namespace TestSupport

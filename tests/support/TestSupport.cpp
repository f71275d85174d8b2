// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "TestSupport.h"

#include "activity/ActivityReport.h"
#include "cli/CliApplication.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QtDebug>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <pwd.h>
#include <unistd.h>

namespace TestSupport {

QString sharedDir()
{
    const QByteArray fromEnv = qgetenv("HFCACHE_SHARED_DIR");
    return QDir::cleanPath(fromEnv.isEmpty() ? QStringLiteral(HFCACHE_SHARED_DIR) : QString::fromLocal8Bit(fromEnv));
}

QString sourceDir()
{
    return QStringLiteral(HFCACHE_SOURCE_DIR);
}

int runProgram(const QString &program, const QStringList &args, QByteArray *out, QByteArray *err, int timeoutMs)
{
    QProcess process;
    process.start(program, args);
    if (!process.waitForStarted()) {
        qWarning() << "cannot start" << program << process.errorString();
        return -1;
    }
    process.closeWriteChannel();
    if (!process.waitForFinished(timeoutMs)) {
        qWarning() << program << "did not finish in" << timeoutMs << "ms";
        process.kill();
        process.waitForFinished();
        return -1;
    }
    if (out)
        *out = process.readAllStandardOutput();
    const QByteArray errText = process.readAllStandardError();
    if (err)
        *err = errText;
    if (process.exitStatus() != QProcess::NormalExit)
        return -1;
    if (process.exitCode() != 0 && !err)
        qWarning().noquote() << program << args.join(QLatin1Char(' ')) << "failed:" << errText;
    return process.exitCode();
}

QString extractFixtures(const QTemporaryDir &into)
{
    const QString tarball = sharedDir() + QStringLiteral("/fixtures/hf-fixture-cache.tar.gz");
    if (!QFileInfo::exists(tarball)) {
        qWarning() << "missing fixture" << tarball;
        return {};
    }
    if (runProgram(QStringLiteral("tar"), {QStringLiteral("-xzf"), tarball, QStringLiteral("-C"), into.path()}) != 0)
        return {};
    return into.path();
}

QByteArray generateSyntheticCache(const QString &dir, const QStringList &args)
{
    QByteArray out;
    const QString script = sharedDir() + QStringLiteral("/tools/gen_synth_cache.py");
    if (runProgram(QStringLiteral("/usr/bin/python3"), QStringList{script, QStringLiteral("generate"), dir} + args,
                   &out, nullptr, 600000) != 0)
        return {};
    return out.isEmpty() ? QByteArray("ok") : out;
}

std::optional<TestUser> ensureUser(const QString &name)
{
    if (geteuid() != 0)
        return std::nullopt;
    if (!getpwnam(name.toLocal8Bit().constData())) {
        if (runProgram(QStringLiteral("useradd"), {QStringLiteral("--create-home"), QStringLiteral("--user-group"), name}) != 0)
            return std::nullopt;
    }
    const struct passwd *pw = getpwnam(name.toLocal8Bit().constData());
    if (!pw)
        return std::nullopt;
    return TestUser{name, uint(pw->pw_uid), uint(pw->pw_gid)};
}

int runAsUser(const TestUser &user, const QString &program, const QStringList &args, QByteArray *out, QByteArray *err)
{
    const QStringList wrapped = QStringList{QStringLiteral("--reuid=%1").arg(user.uid),
                                            QStringLiteral("--regid=%1").arg(user.gid),
                                            QStringLiteral("--init-groups"), QStringLiteral("--reset-env"), QStringLiteral("--"),
                                            program}
                                + args;
    return runProgram(QStringLiteral("setpriv"), wrapped, out, err);
}

QString cliPath()
{
    const QByteArray fromEnv = qgetenv("HFCACHE_CLI");
    return fromEnv.isEmpty() ? QStringLiteral(HFCACHE_BINARY_DIR "/app/hfcache") : QString::fromLocal8Bit(fromEnv);
}

void removeTree(const QString &path)
{
    runProgram(QStringLiteral("rm"), {QStringLiteral("-rf"), QStringLiteral("--"), path});
}

QJsonObject objectWhere(const QJsonArray &array, QLatin1String key, const QString &value)
{
    for (const QJsonValue &v : array) {
        if (v.toObject().value(key).toString() == value)
            return v.toObject();
    }
    return {};
}

const hfcache::LockFileState *lockIn(const hfcache::ActivityReport &report, const QByteArray &path)
{
    const auto it = std::find_if(report.locks.cbegin(), report.locks.cend(),
                                 [&path](const hfcache::LockFileState &state) { return state.file.path == path; });
    return it == report.locks.cend() ? nullptr : &*it;
}

CliResult runCli(const QStringList &args)
{
    CliResult result;
    char *outBuf = nullptr, *errBuf = nullptr;
    size_t outLen = 0, errLen = 0;
    FILE *out = open_memstream(&outBuf, &outLen);
    FILE *err = open_memstream(&errBuf, &errLen);
    hfcache::CliContext context{hfcache::CliOutput(out, err)};
    result.exitCode = hfcache::CliApplication::run(QStringList{QStringLiteral("hfcache")} + args, context);
    std::fclose(out);
    std::fclose(err);
    result.out = QByteArray(outBuf, qsizetype(outLen));
    result.err = QByteArray(errBuf, qsizetype(errLen));
    std::free(outBuf);
    std::free(errBuf);
    return result;
}

} // namespace TestSupport

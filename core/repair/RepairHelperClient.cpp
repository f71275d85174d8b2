// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "RepairHelperClient.h"

#include "RepairLog.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QHash>
#include <QJsonObject>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>

#include <unistd.h>

namespace hfcache {

namespace {

// pkexec's own failures (its documented exit statuses); the helper never uses these.
constexpr int kPkexecDismissed = 126;
constexpr int kPkexecNotAuthorized = 127;

} // namespace

QString RepairHelperClient::helperPath()
{
    const QString fromEnvironment = qEnvironmentVariable("HFCACHE_HELPER");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    const QString nextToUs = QCoreApplication::applicationDirPath() + QStringLiteral("/hfcache-helper");
    if (QCoreApplication::instance() && QFileInfo(nextToUs).isExecutable())
        return nextToUs;
    return QStringLiteral(HFCACHE_HELPER_INSTALL_PATH);
}

QString RepairHelperClient::methodName(Method method)
{
    switch (method) {
    case Method::Direct:
        return QStringLiteral("direct");
    case Method::Pkexec:
        return QStringLiteral("pkexec");
    case Method::Sudo:
        break;
    }
    return QStringLiteral("sudo");
}

RepairHelperClient::Outcome RepairHelperClient::runWith(Method method, const QString &program,
                                                        const QStringList &arguments, const QByteArray &planJson,
                                                        const ResultCallback &onResult)
{
    Outcome outcome;
    outcome.method = method;
    QProcess process;
    qCDebug(lcRepair) << "starting" << program << arguments << "with a plan of" << planJson.size() << "bytes";
    process.start(program, arguments);
    if (!process.waitForStarted()) {
        outcome.error = QStringLiteral("cannot start %1: %2").arg(program, process.errorString());
        return outcome;
    }
    process.write(planJson);
    process.closeWriteChannel();
    QByteArray pending;
    qsizetype reported = 0;          // operations whose status has been passed on
    QHash<qsizetype, QString> errors;  // failures announced before the progress line covering them
    const auto onProgress = [&](const QString &runs) {
        for (qsizetype at = 0; at < runs.size();) {
            const QChar letter = runs.at(at++);
            qsizetype digits = at;
            while (digits < runs.size() && runs.at(digits).isDigit())
                ++digits;
            const qsizetype count = QStringView(runs).sliced(at, digits - at).toLongLong();
            at = digits;
            for (qsizetype i = 0; i < count; ++i) {
                RepairExecutor::Result result;
                result.index = reported++;
                result.status = letter == QLatin1Char('c')   ? RepairExecutor::Status::Changed
                                : letter == QLatin1Char('u') ? RepairExecutor::Status::Unchanged
                                                             : RepairExecutor::Status::Failed;
                result.error = errors.take(result.index);
                if (onResult)
                    onResult(result);
            }
        }
    };
    const auto drain = [&]() {
        pending += process.readAllStandardOutput();
        qsizetype newline;
        while ((newline = pending.indexOf('\n')) >= 0) {
            const QJsonObject line = QJsonDocument::fromJson(pending.left(newline)).object();
            pending.remove(0, newline + 1);
            const QString event = line.value(QLatin1String("event")).toString();
            outcome.ran = outcome.ran || !event.isEmpty();
            if (event == QLatin1String("refused"))
                outcome.error = line.value(QLatin1String("error")).toString();
            if (event == QLatin1String("result"))
                errors.insert(line.value(QLatin1String("index")).toInteger(), line.value(QLatin1String("error")).toString());
            if (event == QLatin1String("progress"))
                onProgress(line.value(QLatin1String("statuses")).toString());
            if (event == QLatin1String("done")) {
                outcome.summary.changed = line.value(QLatin1String("changed")).toInteger();
                outcome.summary.unchanged = line.value(QLatin1String("unchanged")).toInteger();
                outcome.summary.failed = line.value(QLatin1String("failed")).toInteger();
            }
        }
    };
    // The helper writes while we wait: read as it goes, or a large plan's results fill the pipe.
    while (process.state() != QProcess::NotRunning) {
        process.waitForReadyRead(200);
        drain();
    }
    drain();
    const QByteArray err = process.readAllStandardError().trimmed();
    outcome.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    qCDebug(lcRepair) << program << "exited with" << outcome.exitCode << (outcome.ran ? "after running" : "without running")
                      << "stderr:" << err;
    if (!outcome.ran) {
        outcome.authorizationRefused = method == Method::Pkexec
                                       && (outcome.exitCode == kPkexecDismissed || outcome.exitCode == kPkexecNotAuthorized);
        outcome.error = QStringLiteral("%1 %2 exited with status %3%4")
                            .arg(methodName(method), program)
                            .arg(outcome.exitCode)
                            .arg(err.isEmpty() ? QString() : QStringLiteral(": ") + QString::fromLocal8Bit(err));
    }
    return outcome;
}

RepairHelperClient::Outcome RepairHelperClient::run(const RepairPlan &plan, RepairAuthorization::Mode mode,
                                                    const ResultCallback &onResult)
{
    const QString helper = helperPath();
    const QByteArray json = plan.toJson();
    // pkexec maps this argument to the take-ownership action (exec.argv1 in the policy).
    const QStringList helperArguments = mode == RepairAuthorization::Mode::TakeOwnership
                                            ? QStringList{QLatin1String(RepairAuthorization::kTakeOwnershipArgument)}
                                            : QStringList{};
    if (::geteuid() == 0)
        return runWith(Method::Direct, helper, helperArguments, json, onResult);
    QStringList errors;
    const QString pkexec = QStandardPaths::findExecutable(QStringLiteral("pkexec"));
    if (!pkexec.isEmpty()) {
        Outcome outcome = runWith(Method::Pkexec, pkexec, QStringList{helper} + helperArguments, json, onResult);
        // Dismissed by the user: respect that and do not ask again some other way.
        if (outcome.ran || outcome.exitCode == kPkexecDismissed)
            return outcome;
        errors << outcome.error;
    } else {
        errors << QStringLiteral("pkexec is not installed");
    }
    const QString sudo = QStandardPaths::findExecutable(QStringLiteral("sudo"));
    if (!sudo.isEmpty()) {
        Outcome outcome = runWith(Method::Sudo, sudo, QStringList{QStringLiteral("-n"), helper} + helperArguments, json,
                                  onResult);
        if (outcome.ran)
            return outcome;
        errors << outcome.error;
    } else {
        errors << QStringLiteral("sudo is not installed");
    }
    Outcome failed;
    failed.method = pkexec.isEmpty() ? Method::Sudo : Method::Pkexec;
    failed.authorizationRefused = true;
    failed.error = errors.join(QStringLiteral("; "));
    return failed;
}

} // namespace hfcache

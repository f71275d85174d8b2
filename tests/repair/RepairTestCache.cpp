// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "RepairTestCache.h"

#include "util/PathText.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>

#include <ftw.h>
#include <sys/stat.h>
#include <unistd.h>

namespace RepairTestCache {

namespace {

TreeState *g_state = nullptr;
qsizetype g_prefix = 0;

int record(const char *path, const struct stat *st, int, FTW *)
{
    EntryState state{st->st_mode, st->st_uid, st->st_gid, {}};
    if (S_ISLNK(st->st_mode)) {
        char target[4096];
        const ssize_t n = readlink(path, target, sizeof target);
        state.content = QByteArray(target, n > 0 ? n : 0);
    } else if (S_ISREG(st->st_mode)) {
        QFile file(QFile::decodeName(path));
        if (file.open(QIODevice::ReadOnly))
            state.content = file.readAll();
    }
    g_state->insert(QByteArray(path).mid(g_prefix), state);
    return 0;
}

void writeFile(const QByteArray &path, const QByteArray &content)
{
    QFile file(QFile::decodeName(path));
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", path.constData());
    file.write(content);
}

} // namespace

TreeState treeState(const QByteArray &dir)
{
    TreeState state;
    g_state = &state;
    g_prefix = dir.size();
    nftw(dir.constData(), record, 32, FTW_PHYS);
    g_state = nullptr;
    return state;
}

QByteArray makeCache(const QByteArray &dir, int files)
{
    const QByteArray hub = dir + "/hub";
    const QByteArray repo = hub + "/models--t--repo";
    for (const QByteArray &sub : {hub, repo, repo + "/blobs", repo + "/refs", repo + "/snapshots", repo + "/snapshots/c1",
                                   hub + "/.locks", hub + "/.locks/models--t--repo"})
        QDir().mkpath(QFile::decodeName(sub));
    writeFile(repo + "/refs/main", "c1");
    for (int i = 0; i < files; ++i) {
        const QByteArray n = QByteArray::number(i);
        writeFile(repo + "/blobs/b" + n, "blob " + n);
        if (::symlink(("../../blobs/b" + n).constData(), (repo + "/snapshots/c1/f" + n).constData()) != 0)
            qFatal("cannot create the test link f%s", n.constData());
    }
    ::chmod(dir.constData(), 0755);
    return hub;
}

QString helperPath()
{
    return qEnvironmentVariable("HFCACHE_HELPER", QStringLiteral(HFCACHE_BINARY_DIR "/app/hfcache-helper"));
}

QJsonObject HelperRun::last(const QString &event) const
{
    for (qsizetype i = lines.size() - 1; i >= 0; --i) {
        if (lines[i].value(QLatin1String("event")).toString() == event)
            return lines[i];
    }
    return {};
}

int HelperRun::count(const QString &event, const QString &status) const
{
    int n = 0;
    for (const QJsonObject &line : lines)
        n += line.value(QLatin1String("event")).toString() == event
             && (status.isEmpty() || line.value(QLatin1String("status")).toString() == status);
    return n;
}

int HelperRun::statusCount(const QString &status) const
{
    int n = 0;
    for (const QJsonObject &line : lines) {
        if (line.value(QLatin1String("event")).toString() != QLatin1String("progress"))
            continue;
        const QString runs = line.value(QLatin1String("statuses")).toString();
        static const QRegularExpression run(QStringLiteral("([cuf])(\\d+)"));
        for (auto it = run.globalMatch(runs); it.hasNext();) {
            const QRegularExpressionMatch match = it.next();
            if (match.captured(1).at(0) == status.at(0))
                n += match.captured(2).toInt();
        }
    }
    return n;
}

HelperRun runHelper(const QByteArray &planJson, uint sudoUid, bool takeOwnership)
{
    HelperRun run;
    QProcess process;
    QProcessEnvironment env;
    env.insert(QStringLiteral("SUDO_UID"), QString::number(sudoUid));
    process.setProcessEnvironment(env);
    process.start(helperPath(), takeOwnership ? QStringList{QStringLiteral("--take-ownership")} : QStringList{});
    if (!process.waitForStarted())
        return run;
    process.write(planJson);
    process.closeWriteChannel();
    process.waitForFinished(300000);
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.err = process.readAllStandardError();
    for (const QByteArray &line : process.readAllStandardOutput().split('\n')) {
        if (!line.isEmpty())
            run.lines.append(QJsonDocument::fromJson(line).object());
    }
    return run;
}

QByteArray op(const char *kind, const QByteArray &path, const QByteArray &extra)
{
    QByteArray json = QByteArray("{\"op\":\"") + kind + "\",\"path\":";
    hfcache::PathText::appendJsonString(json, path);
    return json + (extra.isEmpty() ? "" : "," + extra) + '}';
}

QByteArray uidArg(uint uid) { return "\"uid\":" + QByteArray::number(uid); }
QByteArray gidArg(uint gid) { return "\"gid\":" + QByteArray::number(gid); }

void chownTree(const QByteArray &dir, uint uid, uint gid)
{
    if (TestSupport::runProgram(QStringLiteral("chown"), {QStringLiteral("-hR"), QStringLiteral("%1:%2").arg(uid).arg(gid),
                                                          QFile::decodeName(dir)})
        != 0)
        qFatal("cannot chown %s", dir.constData());
}

QByteArray plan(const QByteArray &root, const QList<QByteArray> &operations, qint64 sharedGroup)
{
    QByteArray json = "{\"version\":1,\"root\":";
    hfcache::PathText::appendJsonString(json, root);
    if (sharedGroup >= 0)
        json += ",\"sharedGroup\":" + QByteArray::number(sharedGroup);
    return json + ",\"operations\":[" + operations.join(',') + "]}";
}

} // namespace RepairTestCache

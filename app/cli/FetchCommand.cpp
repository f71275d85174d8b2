// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "FetchCommand.h"

#include "CliOptions.h"
#include "CliApplication.h"
#include "CliOutput.h"
#include "cache/RepoFolderName.h"
#include "cache/RepoTarget.h"
#include "hub/HubFetch.h"
#include "util/HumanFormat.h"
#include "util/JsonWriter.h"
#include "util/PathText.h"
#include "util/SystemError.h"

#include <QElapsedTimer>
#include <QEventLoop>

#include <cerrno>
#include <sys/stat.h>

namespace hfcache {

namespace {

// An untyped id is a model, unless only a dataset or space of that id is cached.
RepoType guessType(const QByteArray &cacheDir, const QString &repoId)
{
    RepoType found = RepoType::Model;
    int others = 0;
    for (RepoType type : {RepoType::Model, RepoType::Dataset, RepoType::Space, RepoType::Kernel}) {
        struct stat st;
        const QByteArray folder = cacheDir + '/' + RepoFolderName{type, repoId}.folderName();
        if (::stat(folder.constData(), &st) == 0 && S_ISDIR(st.st_mode)) {
            if (type == RepoType::Model)
                return type;
            found = type;
            ++others;
        }
    }
    return others == 1 ? found : RepoType::Model;
}

void printJson(const HubFetch &fetch, const QString &repo, CliContext &context)
{
    JsonWriter json(context.output.outStream());
    json.beginObject();
    json.field("repo", repo);
    json.field("revision", fetch.revision());
    json.key("commit");
    fetch.commit().isEmpty() ? json.null() : json.value(QString::fromLatin1(fetch.commit()));
    json.key("renamed_to");
    fetch.renamedTo().isEmpty() ? json.null() : json.value(fetch.renamedTo());
    json.field("ok", fetch.ok());
    json.key("error");
    fetch.fatalError().isEmpty() ? json.null() : json.value(fetch.fatalError());
    json.field("bytes_downloaded", fetch.bytesReceived());
    json.key("files");
    json.beginArray();
    for (const HubFetch::FileResult &file : fetch.files()) {
        json.beginObject();
        json.field("path", file.check.remote.path);
        json.field("size", file.check.remote.size);
        json.field("etag", QString::fromLatin1(file.check.remote.etag()));
        json.field("state", localFileStateName(file.check.state));
        json.field("action", HubFetch::actionName(file.action));
        json.key("error");
        file.error.isEmpty() ? json.null() : json.value(file.error);
        json.endObject();
    }
    json.endArray();
    json.endObject();
}

void printHuman(const HubFetch &fetch, const QString &repo, CliContext &context)
{
    int counts[5] = {};
    for (const HubFetch::FileResult &file : fetch.files()) {
        ++counts[int(file.action)];
        if (file.action == HubFetch::Action::None && file.check.state == LocalFileState::Ok)
            continue;
        const QString what = file.action == HubFetch::Action::None ? localFileStateName(file.check.state)
                                                                   : HubFetch::actionName(file.action);
        QString line = QStringLiteral("%1  %2  %3").arg(what, -10).arg(PathText::display(file.check.remote.path),
                                                                       HumanFormat::size(quint64(file.check.remote.size)));
        if (!file.error.isEmpty())
            line += QStringLiteral("\n    ") + file.error;
        context.output.printLine(line);
    }
    context.output.printLine(QStringLiteral("%1@%2 -> %3: %4 files, %5 downloaded (%6), %7 linked, %8 skipped, %9 failed")
                               .arg(repo, fetch.revision(), QString::fromLatin1(fetch.commit()),
                                    QString::number(fetch.files().size()),
                                    QString::number(counts[int(HubFetch::Action::Downloaded)]),
                                    HumanFormat::size(quint64(fetch.bytesReceived())),
                                    QString::number(counts[int(HubFetch::Action::Linked)]),
                                    QString::number(counts[int(HubFetch::Action::Skipped)]),
                                    QString::number(counts[int(HubFetch::Action::Failed)])));
}

// The run step: the fetch, with its stages and progress on stderr (a rewritten line on a
// terminal, a line per second otherwise).
void runWithProgress(HubFetch &fetch, const QString &repo, CliContext &context)
{
    QElapsedTimer clock;
    clock.start();
    qint64 lastPrintMs = -1000;
    QObject::connect(&fetch, &HubFetch::stageChanged, [&](const QString &stage) {
        context.output.errorLine(QStringLiteral("hfcache: %1: %2").arg(repo, stage));
    });
    QObject::connect(&fetch, &HubFetch::waitingForLock, [&](const QByteArray &lock) {
        context.output.errorLine(QStringLiteral("hfcache: waiting for %1 (another download holds it)").arg(PathText::display(lock)));
    });
    QObject::connect(&fetch, &HubFetch::progress, [&](qint64 received, qint64 planned, int done, int total) {
        const qint64 now = clock.elapsed();
        if (now - lastPrintMs < (context.output.errIsTerminal() ? 200 : 1000) && done < total)
            return;
        lastPrintMs = now;
        const QString line = QStringLiteral("%1/%2 blobs, %3 of %4, %5/s")
                                 .arg(done)
                                 .arg(total)
                                 .arg(HumanFormat::size(quint64(received)), HumanFormat::size(quint64(planned)),
                                      HumanFormat::size(quint64(received * 1000 / qMax<qint64>(now, 1))));
        if (context.output.errIsTerminal()) {
            context.output.progress(line);
        } else {
            context.output.errorLine(line);
            context.output.flush();
        }
    });
    QEventLoop loop;
    QObject::connect(&fetch, &HubFetch::finished, &loop, &QEventLoop::quit);
    fetch.start();
    if (!fetch.isFinished())
        loop.exec();
    if (context.output.errIsTerminal() && lastPrintMs >= 0)
        context.output.error(QStringLiteral("\n"));
}

// The print step: the files (JSON or a summary), then the errors on stderr.
void printResult(const HubFetch &fetch, const QString &repo, const QString &repoId, CliContext &context)
{
    if (context.output.json())
        printJson(fetch, repo, context);
    else
        printHuman(fetch, repo, context);
    if (!fetch.fatalError().isEmpty())
        CliApplication::printError(context, fetch.fatalError());
    if (!fetch.renamedTo().isEmpty())
        CliApplication::printError(context, QStringLiteral("note: the Hub renamed %1 to %2; the cache keeps the name you asked for")
                                                .arg(repoId, fetch.renamedTo()));
    for (const HubFetch::FileResult &file : fetch.files()) {
        if (file.action == HubFetch::Action::Failed)
            CliApplication::printError(context, file.error);
    }
}

} // namespace

void FetchCommand::addOptions(QCommandLineParser &parser) const
{
    parser.addOption(CliOptions::cacheDir());
    parser.addOption({QStringLiteral("missing-only"),
                      QStringLiteral("Download only missing files; leave corrupt ones alone and hash nothing.")});
    parser.addOption(CliOptions::dryRun());
    parser.addOption(CliOptions::json());
}

int FetchCommand::run(const QCommandLineParser &parser, CliContext &context) const
{
    const QStringList args = parser.positionalArguments();
    if (args.size() != 1) {
        CliApplication::printError(context, QStringLiteral("fetch takes one REPO[@REV]"));
        return ExitUsage;
    }
    QString error;
    const auto target = RepoTarget::parse(args.first(), &error);
    if (!target) {
        CliApplication::printError(context, error);
        return ExitUsage;
    }
    const QByteArray cacheDir = CliApplication::cacheDir(parser);
    if (CliApplication::refuseLocalDir(cacheDir, context))  // it would put a repo folder among its files
        return ExitUsage;
    // A cache that is not a folder is a usage error found before the Hub is asked anything; a
    // missing one is created.
    struct stat st;
    const int unusable = ::stat(cacheDir.constData(), &st) == 0 ? (S_ISDIR(st.st_mode) ? 0 : ENOTDIR)
                                                                : (errno == ENOENT ? 0 : errno);
    if (unusable) {
        CliApplication::printError(context, pathError(QStringLiteral("cannot use the cache folder"), cacheDir, unusable));
        return ExitUsage;
    }
    const RepoType type = target->type.value_or(guessType(cacheDir, target->repoId));
    const QString repo = repoTypeName(type) + QLatin1Char('/') + target->repoId;

    HubClient client(HubSettings::fromEnvironment());
    HubFetch::Options options;
    options.missingOnly = parser.isSet(QStringLiteral("missing-only"));
    options.dryRun = parser.isSet(CliOptions::dryRun());
    HubFetch fetch(&client, cacheDir, type, target->repoId, target->revision, options);

    runWithProgress(fetch, repo, context);
    printResult(fetch, repo, target->repoId, context);
    return fetch.ok() ? ExitOk : ExitFindings;
}

} // namespace hfcache

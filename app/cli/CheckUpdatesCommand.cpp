// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "CheckUpdatesCommand.h"

#include "CliOptions.h"
#include "CliApplication.h"
#include "TextTable.h"
#include "cache/CacheScan.h"
#include "cache/RepoTarget.h"
#include "hub/HubClient.h"
#include "hub/UpdateChecker.h"
#include "util/HumanFormat.h"
#include "util/JsonWriter.h"

#include <QEventLoop>

namespace hfcache {

namespace {

QString shortCommit(const QByteArray &commit)
{
    return QString::fromLatin1(commit.left(12));
}

void printJson(const HubSettings &settings, const QList<UpdateResult> &results, CliContext &context)
{
    JsonWriter json(context.output.outStream());
    json.beginObject();
    json.field("endpoint", settings.endpoint);
    json.field("offline", settings.offline);
    json.key("results");
    json.beginArray();
    for (const UpdateResult &r : results) {
        json.beginObject();
        json.field("repo", repoTypeName(r.target.type) + QLatin1Char('/') + r.target.repoId);
        json.field("type", repoTypeName(r.target.type));
        json.field("repo_id", r.target.repoId);
        json.field("ref", r.target.ref);
        json.field("local_commit", QString::fromLatin1(r.target.localCommit));
        json.key("remote_commit");
        r.remoteCommit.isEmpty() ? json.null() : json.value(QString::fromLatin1(r.remoteCommit));
        json.field("state", updateStateName(r.state));
        json.key("renamed_to");
        r.renamedTo.isEmpty() ? json.null() : json.value(r.renamedTo);
        json.field("detail", r.detail);
        json.field("checked_at", HumanFormat::isoUtc(r.checkedAtMs / 1000));
        json.key("last_known_state");
        r.lastKnownState ? json.value(updateStateName(*r.lastKnownState)) : json.null();
        json.key("last_known_remote_commit");
        r.lastKnownRemoteCommit.isEmpty() ? json.null() : json.value(QString::fromLatin1(r.lastKnownRemoteCommit));
        json.field("last_known_at", HumanFormat::isoUtc(r.lastKnownAtMs / 1000));
        json.endObject();
    }
    json.endArray();
    json.endObject();
}

void printTable(const QList<UpdateResult> &results, CliContext &context)
{
    TextTable table({QStringLiteral("REPO"), QStringLiteral("REF"), QStringLiteral("LOCAL"), QStringLiteral("REMOTE"),
                     QStringLiteral("STATE"), QStringLiteral("DETAIL")});
    for (const UpdateResult &r : results) {
        QString state = updateStateName(r.state);
        QString detail = r.detail;
        if (r.lastKnownState)
            detail += QStringLiteral(" (last known: %1 at %2)")
                          .arg(updateStateName(*r.lastKnownState), HumanFormat::isoUtc(r.lastKnownAtMs / 1000));
        if (!r.renamedTo.isEmpty())
            detail = QStringLiteral("renamed to %1 %2").arg(r.renamedTo, detail);
        table.addRow({repoTypeName(r.target.type) + QLatin1Char('/') + r.target.repoId, r.target.ref,
                      shortCommit(r.target.localCommit), shortCommit(r.remoteCommit), state, detail.trimmed()});
    }
    context.output.print(table.text());
}

// The check of one command line: the refs named (or every cached one), asked of the Hub.
class CheckUpdatesJob : public HubCacheCommand::Job
{
public:
    explicit CheckUpdatesJob(const QStringList &arguments) : m_arguments(arguments) {}

    int run(const CacheSnapshotPtr &snapshot, CliContext &context) override
    {
        QList<UpdateTarget> targets;
        if (!resolveTargets(*snapshot, &targets, context))
            return ExitUsage;
        HubClient client(HubSettings::fromEnvironment());
        UpdateChecker checker(&client);
        QEventLoop loop;
        QObject::connect(&checker, &UpdateChecker::finished, &loop, &QEventLoop::quit);
        checker.start(targets);
        loop.exec();
        return print(client, checker, context);
    }

private:
    bool resolveTargets(const CacheSnapshot &snapshot, QList<UpdateTarget> *targets, CliContext &context) const
    {
        if (m_arguments.isEmpty()) {
            *targets = UpdateChecker::targetsFor(snapshot);
            return true;
        }
        for (const QString &argument : m_arguments) {
            QString error;
            const auto target = RepoTarget::parse(argument, &error);
            const auto resolved = target ? target->resolve(snapshot, false, &error) : std::nullopt;
            if (!resolved) {
                CliApplication::printError(context, error);
                return false;
            }
            QList<UpdateTarget> repoTargets = UpdateChecker::targetsFor(snapshot, {resolved->repo->cacheId()});
            if (!target->revision.isEmpty()) {
                repoTargets.removeIf([&](const UpdateTarget &t) { return t.ref != target->revision; });
                if (repoTargets.isEmpty()) {
                    CliApplication::printError(context, QStringLiteral("%1 has no ref '%2' (refs: %3)")
                                                            .arg(resolved->repo->cacheId(), target->revision,
                                                                 resolved->repo->refNames().join(QStringLiteral(", "))));
                    return false;
                }
            }
            *targets += repoTargets;
        }
        return true;
    }

    int print(const HubClient &client, const UpdateChecker &checker, CliContext &context) const
    {
        if (context.output.json())
            printJson(client.settings(), checker.results(), context);
        else
            printTable(checker.results(), context);
        if (!checker.storeError().isEmpty())
            CliApplication::printError(context, QStringLiteral("warning: ") + checker.storeError());
        if (client.settings().offline)
            CliApplication::printError(context, QStringLiteral("offline (HF_HUB_OFFLINE=1): showing the last known states"));
        for (const UpdateResult &r : checker.results()) {
            if (r.state != UpdateState::UpToDate)
                return ExitFindings;
        }
        return ExitOk;
    }

    QStringList m_arguments;
};

} // namespace

void CheckUpdatesCommand::addCommandOptions(QCommandLineParser &parser) const
{
    parser.addOption(CliOptions::json());
}

std::unique_ptr<HubCacheCommand::Job> CheckUpdatesCommand::parse(const QCommandLineParser &parser, CliContext &) const
{
    return std::make_unique<CheckUpdatesJob>(parser.positionalArguments());
}

} // namespace hfcache

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "UpdatesFeature.h"

#include "common/AppSettings.h"
#include "common/BackgroundTask.h"
#include "browser/CacheTreeModel.h"
#include "common/ItemIcons.h"
#include "browser/CacheStatusBar.h"
#include "common/WindowHost.h"

#include "hub/HubClient.h"
#include "hub/HubSettings.h"
#include "hub/UpdateChecker.h"
#include "hub/UpdateStore.h"

#include <QAction>
#include <QDateTime>
#include <QLabel>
#include <QLocale>
#include <QRegularExpression>

namespace hfcache {

namespace {

// Worst first: the one the icon shows when a repo has several refs.
int severity(UpdateState state)
{
    switch (state) {
    case UpdateState::UpdateAvailable: return 4;
    case UpdateState::Gone: return 3;
    case UpdateState::Gated: return 2;
    case UpdateState::Unknown: return 1;
    case UpdateState::UpToDate: return 0;
    }
    return 0;
}

QString describe(UpdateState state)
{
    switch (state) {
    case UpdateState::UpToDate: return UpdatesFeature::tr("up to date");
    case UpdateState::UpdateAvailable: return UpdatesFeature::tr("update available");
    case UpdateState::Gone: return UpdatesFeature::tr("gone from the Hub");
    case UpdateState::Gated: return UpdatesFeature::tr("gated or private");
    case UpdateState::Unknown: return UpdatesFeature::tr("not checked");
    }
    return {};
}

QString iconName(UpdateState state)
{
    switch (state) {
    case UpdateState::UpToDate: return QStringLiteral("status-ok");
    case UpdateState::UpdateAvailable: return QStringLiteral("status-warning");
    case UpdateState::Gone: return QStringLiteral("status-error");
    case UpdateState::Gated:
    case UpdateState::Unknown: return QStringLiteral("status-info");
    }
    return {};
}

QString when(qint64 ms)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms), QLocale::ShortFormat);
}

// A network error names the API URL it asked: the host is enough in a tooltip line.
QString withoutUrls(QString text)
{
    static const QRegularExpression url(QStringLiteral("https?://([^/\\s]+)\\S*"));
    return text.replace(url, QStringLiteral("\\1"));
}

} // namespace

QString UpdatesFeature::Summary::text() const
{
    if (!worst)
        return {};
    return worstIsLastKnown ? tr("%1 (last known)").arg(describe(*worst)) : describe(*worst);
}

QString UpdatesFeature::Summary::toolTip() const
{
    // Rich text: Qt wraps it at a readable width instead of one line across the screen.
    QStringList html;
    for (const QString &line : lines)
        html << line.toHtmlEscaped();
    return QStringLiteral("<p>%1</p>").arg(html.join(QStringLiteral("<br>")));
}

bool UpdatesFeature::isLastKnown(const QString &key, const UpdateResult &result) const
{
    return (result.state == UpdateState::Unknown && result.lastKnownState) || m_fromStore.contains(key);
}

UpdatesFeature::UpdatesFeature(WindowHost &host)
    : QObject(&host)
    , m_host(host)
    , m_check(new QAction(ItemIcons::named(QStringLiteral("refresh")), tr("Check for &Updates"), this))
    , m_icon(new QLabel)
    , m_indicator(new QLabel)
{
    m_check->setObjectName(QStringLiteral("checkUpdatesAction"));
    m_check->setStatusTip(tr("Ask the Hub whether the cached refs moved on"));
    connect(m_check, &QAction::triggered, this, &UpdatesFeature::checkNow);
    host.actions()->add(m_check, ActionRegistry::NoItem | ActionRegistry::Repo | ActionRegistry::Revision,
                          ActionRegistry::Group::Manage);

    m_indicator->setObjectName(QStringLiteral("updatesIndicator"));
    m_indicator->setAccessibleName(tr("Updates"));
    host.addStatusWidget(m_icon);
    host.addStatusWidget(m_indicator);
    connect(host.actions(), &ActionRegistry::selectionChanged, this, &UpdatesFeature::showSelection);
    connect(&host, &WindowHost::scanFinished, this, &UpdatesFeature::onScanFinished);

    m_model = host.model();
    m_model->setUpdatesLookup([this](const CachedRepo &repo, const CachedRevision *revision) { return cell(repo, revision); });
    loadStore();
    showSelection();
}

UpdatesFeature::~UpdatesFeature()
{
    // The model may outlive this object while the window is torn down.
    if (m_model)
        m_model->setUpdatesLookup({});
}

QString UpdatesFeature::key(RepoType type, const QString &repoId, const QString &ref)
{
    return repoTypeName(type) + QLatin1Char('/') + repoId + QLatin1Char('@') + ref;
}

void UpdatesFeature::loadStore()
{
    const HubSettings settings = HubSettings::fromEnvironment();
    // A file read: off the GUI thread like every other one.
    runInBackground(
        this,
        [settings] {
            UpdateStore store(UpdateChecker::storePath(settings), settings.endpoint);
            store.load();
            return store.results();
        },
        [this](const QList<UpdateResult> &results) {
            for (const UpdateResult &result : results) {
                const QString k = key(result.target.type, result.target.repoId, result.target.ref);
                if (!m_results.contains(k)) {  // a check that answered meanwhile is newer
                    m_results.insert(k, result);
                    m_fromStore.insert(k);
                }
            }
            m_model->updatesChanged();
            showSelection();
        });
}

std::optional<UpdateResult> UpdatesFeature::result(RepoType type, const QString &repoId, const QString &ref) const
{
    const auto it = m_results.constFind(key(type, repoId, ref));
    if (it == m_results.cend())
        return std::nullopt;
    return *it;
}

UpdateState UpdatesFeature::shownState(const UpdateResult &result)
{
    if (result.state == UpdateState::Unknown && result.lastKnownState)
        return *result.lastKnownState;
    return result.state;
}

void UpdatesFeature::checkNow()
{
    QStringList ids;
    for (const ActionRegistry::Item &item : m_host.actions()->selection())
        if (item.repo)
            ids.append(item.repo->cacheId());
    check(ids);
}

void UpdatesFeature::check(const QStringList &cacheIds)
{
    const CacheSnapshotPtr snapshot = m_host.snapshot();
    if (m_checker || !snapshot)
        return;
    const QList<UpdateTarget> targets = UpdateChecker::targetsFor(*snapshot, cacheIds);

    // Read per check: HF_ENDPOINT, the token and the offline switch may change between checks.
    auto *client = new HubClient(HubSettings::fromEnvironment(), this);
    m_checker = new UpdateChecker(client, client);
    connect(m_checker, &UpdateChecker::resultReady, this, &UpdatesFeature::onResult);
    connect(m_checker, &UpdateChecker::finished, this, [this, client] {
        if (!m_checker->storeError().isEmpty())
            m_host.showStatusMessage(m_checker->storeError(), 10000);
        client->deleteLater();
        m_checker = nullptr;
        m_check->setEnabled(true);
        m_model->updatesChanged();
        showSelection();
        Q_EMIT checkFinished();
    });
    m_check->setEnabled(false);
    m_indicator->setText(tr("Updates: checking %1 refs…").arg(targets.size()));
    m_checker->start(targets);
}

void UpdatesFeature::onResult(const UpdateResult &result)
{
    const QString k = key(result.target.type, result.target.repoId, result.target.ref);
    m_results.insert(k, result);
    m_fromStore.remove(k);
}

void UpdatesFeature::onScanFinished()
{
    // Automatic checks once per cache root, not on every refresh: the Hub is asked sparingly.
    if (m_autoCheckedRoot == m_host.root() || !AppSettings::load().automaticUpdateChecks)
        return;
    m_autoCheckedRoot = m_host.root();
    check({});
}

UpdatesFeature::Summary UpdatesFeature::summarize(const CachedRepo &repo, const QByteArray &commit) const
{
    Summary summary;
    for (const CachedRef &ref : repo.refs) {
        // A revision shows the refs that point at it.
        if (!commit.isEmpty() && ref.commit != commit)
            continue;
        const auto found = result(repo.type, repo.repoId, ref.name);
        if (!found)
            continue;
        const UpdateState state = shownState(*found);
        const bool lastKnown = isLastKnown(key(repo.type, repo.repoId, ref.name), *found);
        if (!summary.worst || severity(state) > severity(*summary.worst)) {
            summary.worst = state;
            summary.worstIsLastKnown = lastKnown;
        }
        QString line = tr("%1@%2: %3").arg(repo.repoId, ref.name, describe(state));
        const QByteArray remote = found->remoteCommit.isEmpty() ? found->lastKnownRemoteCommit : found->remoteCommit;
        if (state == UpdateState::UpdateAvailable && !remote.isEmpty())
            line += tr(" (Hub: %1)").arg(QString::fromLatin1(remote.left(10)));
        if (!found->renamedTo.isEmpty())
            line += tr(", renamed to %1").arg(found->renamedTo);
        if (found->state == UpdateState::Unknown && found->lastKnownState)
            line += tr(" — last known, %1; now: %2").arg(when(found->lastKnownAtMs), withoutUrls(found->detail));
        else if (found->checkedAtMs > 0)
            line += (lastKnown ? tr(" — last known, checked %1") : tr(" — checked %1")).arg(when(found->checkedAtMs));
        else if (!found->detail.isEmpty())
            line += QStringLiteral(": ") + withoutUrls(found->detail);
        summary.lines.append(line);
    }
    return summary;
}

CacheTreeModel::UpdatesCell UpdatesFeature::cell(const CachedRepo &repo, const CachedRevision *revision) const
{
    const Summary summary = summarize(repo, revision ? revision->commit : QByteArray());
    if (!summary.worst)
        return {};
    return {ItemIcons::named(iconName(*summary.worst)), summary.text(), summary.toolTip(), severity(*summary.worst)};
}

void UpdatesFeature::showSelection()
{
    if (m_checker)
        return;
    const QList<ActionRegistry::Item> &selection = m_host.actions()->selection();
    Summary all;
    for (const ActionRegistry::Item &item : selection) {
        if (!item.repo)
            continue;
        const Summary one = summarize(*item.repo, item.ref.commit);
        if (one.worst && (!all.worst || severity(*one.worst) > severity(*all.worst))) {
            all.worst = one.worst;
            all.worstIsLastKnown = one.worstIsLastKnown;
        }
        all.lines += one.lines;
    }
    if (!all.worst) {
        m_icon->clear();
        m_indicator->setText(selection.isEmpty() ? QString() : tr("Updates: not checked"));
        m_indicator->setToolTip(selection.isEmpty() ? QString() : tr("Repo ▸ Check for Updates asks the Hub"));
        return;
    }
    m_icon->setPixmap(ItemIcons::named(iconName(*all.worst)).pixmap(16, 16));
    m_indicator->setText(tr("Updates: %1").arg(all.text()));
    m_indicator->setToolTip(all.toolTip());
    m_icon->setToolTip(m_indicator->toolTip());
}

} // namespace hfcache

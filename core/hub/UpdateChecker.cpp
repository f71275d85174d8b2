// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "UpdateChecker.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QTimer>

namespace hfcache {

UpdateChecker::UpdateChecker(HubClient *client, QObject *parent)
    : QObject(parent), m_client(client), m_store(storePath(client->settings()), client->settings().endpoint)
{
}

QString UpdateChecker::storePath(const HubSettings &settings)
{
    return settings.stateDir + QStringLiteral("/update-checks.json");
}

QList<UpdateTarget> UpdateChecker::targetsFor(const CacheSnapshot &snapshot, const QStringList &cacheIds)
{
    QList<UpdateTarget> targets;
    for (const CachedRepoPtr &repo : snapshot.repos) {
        if (!cacheIds.isEmpty() && !cacheIds.contains(repo->cacheId()))
            continue;
        for (const CachedRef &ref : repo->refs) {
            if (ref.valid)
                targets.append(UpdateTarget{repo->type, repo->repoId, ref.name, ref.commit});
        }
    }
    return targets;
}

void UpdateChecker::start(const QList<UpdateTarget> &targets)
{
    m_store.load();
    m_started = true;
    m_pending = int(targets.size());
    m_results.clear();
    for (const UpdateTarget &target : targets) {
        UpdateResult result;
        result.target = target;
        m_results.append(result);
    }
    if (targets.isEmpty()) {
        QTimer::singleShot(0, this, &UpdateChecker::finished);
        return;
    }
    QPointer<UpdateChecker> self(this);
    for (int i = 0; i < targets.size(); ++i) {
        const UpdateTarget &target = targets[i];
        if (target.type == RepoType::Kernel) {
            m_results[i].detail = QStringLiteral("the Hub has no revision API for kernel repos");
            QTimer::singleShot(0, this, [this, i] { settle(i); });
            continue;
        }
        HubClient::Request request;
        request.url = m_client->apiUrl(target.type, target.repoId, "/revision/" + HubClient::quote(target.ref.toUtf8()));
        m_client->send(std::move(request), [self, i](const HubClient::Response &response) {
            if (self)
                self->onAnswer(i, response);
        });
    }
}

void UpdateChecker::onAnswer(int index, const HubClient::Response &response)
{
    UpdateResult &result = m_results[index];
    if (response.ok()) {
        const QString sha = QJsonDocument::fromJson(response.body).object().value(QLatin1String("sha")).toString();
        if (sha.size() == 40) {
            result.remoteCommit = sha.toLatin1();
            result.state = result.remoteCommit == result.target.localCommit ? UpdateState::UpToDate
                                                                             : UpdateState::UpdateAvailable;
        } else {
            result.detail = QStringLiteral("the Hub answered without a commit hash");
        }
        if (!response.redirects.isEmpty()) {
            // /api/models/<new id>/revision/<ref>: the repo was renamed.
            const QString path = response.url.path();
            const QString prefix = QStringLiteral("/api/") + repoTypeFolderPrefix(result.target.type) + QLatin1Char('/');
            const qsizetype end = path.indexOf(QLatin1String("/revision/"));
            if (path.startsWith(prefix) && end > prefix.size())
                result.renamedTo = path.mid(prefix.size(), end - prefix.size());
        }
    } else if (response.notFound()) {
        result.state = UpdateState::Gone;
        result.detail = response.hubError().isEmpty() ? response.error : response.hubError();
        if (response.status != 404)  // anonymous 401 + RepoNotFound: deleted, or private
            result.detail += QStringLiteral(" (HTTP %1: deleted, or private to users with a token)").arg(response.status);
    } else if (response.denied()) {
        result.state = UpdateState::Gated;
        result.detail = response.hubError().isEmpty() ? response.error : response.hubError();
    } else {
        result.detail = response.error;
    }
    settle(index);
}

void UpdateChecker::settle(int index)
{
    UpdateResult &result = m_results[index];
    if (result.state == UpdateState::Unknown) {
        if (const UpdateResult *known = m_store.find(result.target); known && known->state != UpdateState::Unknown) {
            result.lastKnownState = known->state;
            result.lastKnownRemoteCommit = known->remoteCommit;
            result.lastKnownAtMs = known->checkedAtMs;
        }
    } else {
        result.checkedAtMs = QDateTime::currentMSecsSinceEpoch();
        m_store.put(result);
    }
    Q_EMIT resultReady(result);
    if (--m_pending == 0) {
        (void)m_store.save(&m_storeError);  // the error stays in m_storeError for storeError()
        Q_EMIT finished();
    }
}

} // namespace hfcache

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "HubFetch.h"

#include "BlobDownload.h"
#include "HubLog.h"
#include "cache/BlobHasher.h"
#include "cache/BlobKind.h"
#include "cache/RepoFolderName.h"
#include "util/BackgroundThreads.h"

#include <QFile>
#include <QFutureWatcher>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>

namespace hfcache {

namespace {

// The repo id in an API URL the Hub redirected to: /api/models/<id>/revision/... -> <id>.
QString repoIdFromApiUrl(const QUrl &url, RepoType type)
{
    const QString path = url.path();
    const QString prefix = QStringLiteral("/api/") + repoTypeFolderPrefix(type) + QLatin1Char('/');
    const qsizetype start = path.indexOf(prefix);
    if (start < 0)
        return {};
    const qsizetype end = path.indexOf(QLatin1String("/revision/"), start + prefix.size());
    return path.mid(start + prefix.size(), end < 0 ? -1 : end - start - prefix.size());
}

// RFC 8288 Link header: the URL of rel="next", as the Hub paginates long tree listings.
QUrl nextPage(const QByteArray &link, const QUrl &base)
{
    for (const QByteArray &part : link.split(',')) {
        if (part.contains("rel=\"next\"")) {
            const qsizetype open = part.indexOf('<');
            const qsizetype close = part.indexOf('>');
            if (open >= 0 && close > open)
                return base.resolved(QUrl::fromEncoded(part.mid(open + 1, close - open - 1).trimmed()));
        }
    }
    return {};
}

} // namespace

HubFetch::HubFetch(HubClient *client, QByteArray cacheRoot, RepoType type, QString repoId, QString revision,
                   Options options, QObject *parent)
    : QObject(parent),
      m_client(client),
      m_writer(std::move(cacheRoot), RepoFolderName{type, repoId}.folderName()),
      m_type(type),
      m_repoId(std::move(repoId)),
      m_revision(revision.isEmpty() ? QStringLiteral("main") : std::move(revision)),
      m_options(options)
{
}

HubFetch::~HubFetch()
{
    *m_cancel = true;
}

QString HubFetch::actionName(Action action)
{
    switch (action) {
    case Action::None: return QStringLiteral("none");
    case Action::Linked: return QStringLiteral("linked");
    case Action::Downloaded: return QStringLiteral("downloaded");
    case Action::Skipped: return QStringLiteral("skipped");
    case Action::Failed: return QStringLiteral("failed");
    }
    return {};
}

bool HubFetch::ok() const
{
    if (!m_finished || !m_fatal.isEmpty())
        return false;
    for (const FileResult &file : m_files) {
        if (file.action == Action::Failed)
            return false;
    }
    return true;
}

void HubFetch::start()
{
    if (isCommitHash(m_revision)) {
        m_commit = m_revision.toLatin1();
        return listTree({});
    }
    resolveRevision();
}

void HubFetch::cancel()
{
    *m_cancel = true;
    if (m_request)
        m_client->cancel(m_request);
    for (BlobDownload *download : std::as_const(m_downloads))
        download->cancel();
}

QString HubFetch::describe(const HubClient::Response &response, const QString &what) const
{
    const QString repo = repoTypeName(m_type) + QLatin1Char('/') + m_repoId;
    if (response.offline)
        return QStringLiteral("cannot %1 of %2: %3").arg(what, repo, response.error);
    if (response.notFound())
        return QStringLiteral("cannot %1 of %2: not on the Hub%3 (%4)")
            .arg(what, repo, response.status == 404 ? QString() : QStringLiteral(" (or private: set HF_TOKEN or log in)"),
                 response.error);
    if (response.denied())
        return QStringLiteral("cannot %1 of %2: access denied -- the repo is gated or private; "
                              "set HF_TOKEN or log in (%3)").arg(what, repo, response.error);
    return QStringLiteral("cannot %1 of %2: %3").arg(what, repo, response.error);
}

void HubFetch::sendApiRequest(HubClient::Request request, const QString &what, HubClient::Callback onSuccess)
{
    QPointer<HubFetch> self(this);
    m_request = m_client->send(std::move(request), [self, what, onSuccess = std::move(onSuccess)](const HubClient::Response &response) {
        if (!self)
            return;
        self->m_request = 0;
        if (*self->m_cancel)
            return self->fail(QStringLiteral("cancelled"));
        if (!response.ok())
            return self->fail(self->describe(response, what));
        onSuccess(response);
    });
}

void HubFetch::resolveRevision()
{
    Q_EMIT stageChanged(QStringLiteral("resolving %1").arg(m_revision));
    HubClient::Request request;
    request.url = m_client->apiUrl(m_type, m_repoId, "/revision/" + HubClient::quote(m_revision.toUtf8()));
    sendApiRequest(std::move(request), QStringLiteral("resolve '%1'").arg(m_revision), [self = QPointer<HubFetch>(this)](const HubClient::Response &response) {
        if (!response.redirects.isEmpty())
            self->m_renamedTo = repoIdFromApiUrl(response.url, self->m_type);
        const QString sha = QJsonDocument::fromJson(response.body).object().value(QLatin1String("sha")).toString();
        if (!isCommitHash(sha))
            return self->fail(QStringLiteral("the Hub answered '%1' for %2 without a commit hash")
                                  .arg(self->m_revision, self->m_repoId));
        self->m_commit = sha.toLatin1();
        self->listTree({});
    });
}

void HubFetch::listTree(const QUrl &pageUrl)
{
    if (*m_cancel)
        return fail(QStringLiteral("cancelled"));
    if (pageUrl.isEmpty()) {
        m_tree = RemoteTree{m_commit, {}};
        QFile local(QString::fromLocal8Bit(m_writer.repoPath() + "/trees/" + m_commit + ".json"));
        if (local.open(QIODevice::ReadOnly)) {
            QString error;
            if (auto tree = RemoteTree::fromTreesFile(local.readAll(), m_commit, &error)) {
                m_tree = *tree;
                return checkLocal();
            }
        }
        Q_EMIT stageChanged(QStringLiteral("listing the files of %1").arg(QString::fromLatin1(m_commit)));
    }
    HubClient::Request request;
    request.url = pageUrl.isEmpty()
        ? m_client->apiUrl(m_type, m_repoId, "/tree/" + m_commit + "?recursive=true&expand=false")
        : pageUrl;
    sendApiRequest(std::move(request), QStringLiteral("list the files"), [self = QPointer<HubFetch>(this)](const HubClient::Response &response) {
        QString error;
        if (!self->m_tree.addApiPage(response.body, &error))
            return self->fail(error);
        const QUrl next = nextPage(response.header("link"), response.url);
        if (next.isValid() && !next.isEmpty())
            return self->listTree(next);
        self->m_tree.sort();
        self->m_treeFromNetwork = true;
        self->checkLocal();
    });
}

void HubFetch::checkLocal()
{
    Q_EMIT stageChanged(QStringLiteral("checking %1 local files").arg(m_tree.files.size()));
    auto *watcher = new QFutureWatcher<QList<LocalFileCheck>>(this);
    connect(watcher, &QFutureWatcher<QList<LocalFileCheck>>::finished, this, [this, watcher] {
        const QList<LocalFileCheck> checks = watcher->result();
        watcher->deleteLater();
        for (const LocalFileCheck &check : checks)
            m_files.append(FileResult{check, Action::None, {}});
        downloadPlanned();
    });
    watcher->setFuture(runOnBackgroundThread([repo = m_writer.repoPath(), tree = m_tree, hash = !m_options.missingOnly,
                                             cancel = m_cancel] {
        QList<LocalFileCheck> checks = SnapshotCheck::run(repo, tree, hash, cancel.get());
        BlobHasher::releaseThreadState();
        return checks;
    }));
}

void HubFetch::downloadPlanned()
{
    if (*m_cancel)
        return fail(QStringLiteral("cancelled"));
    QMap<QByteArray, BlobDownload::Target> targets;  // by etag: identical files share one blob
    for (FileResult &file : m_files) {
        const LocalFileCheck &check = file.check;
        if (check.state == LocalFileState::Ok)
            continue;
        if (check.state == LocalFileState::Unusable) {
            file.action = Action::Failed;
            file.error = check.detail;
            continue;
        }
        if (check.isCorrupt() && m_options.missingOnly) {
            file.action = Action::Skipped;
            file.error = check.detail + QStringLiteral(" (not repaired: --missing-only)");
            continue;
        }
        BlobDownload::Target &target = targets[check.remote.etag()];
        if (target.paths.isEmpty())
            target = BlobDownload::Target{m_type, m_repoId, m_commit, check.remote, {}};
        target.paths.append(check.remote.path);
    }
    if (m_options.dryRun || targets.isEmpty())
        return complete();

    QString error;
    if (!m_writer.openDir({}, true, &error).isValid())  // the lock folder goes next to it
        return fail(error);
    Q_EMIT stageChanged(QStringLiteral("fetching %1 blob(s)").arg(targets.size()));
    for (const BlobDownload::Target &target : std::as_const(targets))
        m_planned += target.file.size;
    for (const BlobDownload::Target &target : std::as_const(targets)) {
        auto *download = new BlobDownload(m_client, m_writer, target, !m_options.missingOnly, this);
        m_downloads.append(download);
        connect(download, &BlobDownload::waitingForLock, this, &HubFetch::waitingForLock);
        connect(download, &BlobDownload::bytesArrived, this, [this](qint64 count) {
            m_received += count;
            Q_EMIT progress(m_received, m_planned, m_downloadsDone, int(m_downloads.size()));
        });
        connect(download, &BlobDownload::finished, this, [this, download] { onDownloadFinished(download); });
    }
    // Started after all are listed: one may finish synchronously (blob already there).
    const QList<BlobDownload *> downloads = m_downloads;
    for (BlobDownload *download : downloads)
        download->start();
}

void HubFetch::onDownloadFinished(BlobDownload *download)
{
    const BlobDownload::Target &target = download->target();
    for (FileResult &file : m_files) {
        if (!target.paths.contains(file.check.remote.path))
            continue;
        switch (download->outcome()) {
        case BlobDownload::Outcome::Downloaded:
            file.action = file.check.remote.path == target.file.path ? Action::Downloaded : Action::Linked;
            break;
        case BlobDownload::Outcome::Linked:
            file.action = Action::Linked;
            break;
        default:
            file.action = Action::Failed;
            file.error = download->error();
        }
    }
    ++m_downloadsDone;
    Q_EMIT progress(m_received, m_planned, m_downloadsDone, int(m_downloads.size()));
    if (m_downloadsDone == m_downloads.size())
        complete();
}

void HubFetch::complete()
{
    if (!m_options.dryRun) {
        QString error;
        if (m_treeFromNetwork && !m_writer.writeTreesFile(m_tree, &error))
            m_fatal = error;
        bool allPresent = true;
        for (const FileResult &file : std::as_const(m_files))
            allPresent = allPresent && file.action != Action::Failed && file.check.state != LocalFileState::Unusable;
        // The ref moves only to a complete snapshot: until then it keeps naming the old one.
        if (allPresent && !isCommitHash(m_revision) && !m_writer.writeRef(m_revision, m_commit, &error))
            m_fatal = error;
        m_writer.ensureCacheDirTag();
    }
    m_finished = true;
    qCDebug(lcHub) << "fetched" << m_repoId << m_revision << "commit" << m_commit << m_files.size() << "files" << m_fatal;
    Q_EMIT finished();
}

void HubFetch::fail(const QString &error)
{
    qCDebug(lcHub) << "fetch of" << m_repoId << m_revision << "failed:" << error;
    m_fatal = error;
    m_finished = true;
    Q_EMIT finished();
}

} // namespace hfcache

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "CacheWriter.h"
#include "HubClient.h"
#include "RemoteTree.h"
#include "SnapshotCheck.h"

#include <QObject>

#include <atomic>
#include <memory>

namespace hfcache {

class BlobDownload;

// `hfcache fetch REPO[@REV]` as an object a GUI can own in its main thread: resolves REV to a
// commit (revision API, renames followed), lists the commit's files (trees/<commit>.json when
// present, else the tree API), compares them with the cache on the thread pool, then downloads
// what is missing or corrupt (BlobDownload, bounded by the client), and finally writes
// trees/<commit>.json, the ref and CACHEDIR.TAG as huggingface_hub does. Never blocks on the
// network or on a held blob lock (it is polled); hashing and fsync run on the thread pool.
class HubFetch : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        bool missingOnly = false;  // leave corrupt files alone and hash nothing (sizes only)
        bool dryRun = false;       // compare, do not download
    };
    enum class Action { None, Linked, Downloaded, Skipped, Failed };
    struct FileResult
    {
        LocalFileCheck check;  // the state before the fetch
        Action action = Action::None;
        QString error;
    };

    HubFetch(HubClient *client, QByteArray cacheRoot, RepoType type, QString repoId, QString revision,
             Options options, QObject *parent = nullptr);
    ~HubFetch() override;

    void start();
    void cancel();

    bool isFinished() const { return m_finished; }
    bool ok() const;                         // finished, no fatal error, no failed file
    QString fatalError() const { return m_fatal; }
    QString revision() const { return m_revision; }
    QByteArray commit() const { return m_commit; }
    QString renamedTo() const { return m_renamedTo; }  // the Hub's new id when it answered with a rename
    const QList<FileResult> &files() const { return m_files; }
    qint64 bytesReceived() const { return m_received; }

    static QString actionName(Action action);  // "none", "linked", "downloaded", "skipped", "failed"

Q_SIGNALS:
    void stageChanged(const QString &description);
    void waitingForLock(const QByteArray &lockPath);
    void progress(qint64 bytesReceived, qint64 bytesPlanned, int filesDone, int filesPlanned);
    void finished();

private:
    // Sends a metadata request; `onSuccess` runs only while this fetch lives, is not cancelled
    // and the Hub answered 2xx (else the fetch fails with `what` in the message).
    void sendApiRequest(HubClient::Request request, const QString &what, HubClient::Callback onSuccess);
    void resolveRevision();
    void listTree(const QUrl &pageUrl);
    void checkLocal();
    void downloadPlanned();
    void onDownloadFinished(BlobDownload *download);
    void complete();
    void fail(const QString &error);
    QString describe(const HubClient::Response &response, const QString &what) const;

    HubClient *m_client;
    CacheWriter m_writer;
    RepoType m_type;
    QString m_repoId;
    QString m_revision;
    Options m_options;
    QByteArray m_commit;
    QString m_renamedTo;
    RemoteTree m_tree;
    bool m_treeFromNetwork = false;
    QList<FileResult> m_files;
    QList<BlobDownload *> m_downloads;
    int m_downloadsDone = 0;
    qint64 m_planned = 0;
    qint64 m_received = 0;
    // Shared with the checking task, which may outlive this object.
    std::shared_ptr<std::atomic_bool> m_cancel = std::make_shared<std::atomic_bool>(false);
    bool m_finished = false;
    quint64 m_request = 0;  // the revision or listing request on the wire
    QString m_fatal;
};

} // namespace hfcache

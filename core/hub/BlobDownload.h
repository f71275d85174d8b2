// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "CacheWriter.h"
#include "cache/BlobHasher.h"
#include "HubClient.h"
#include "RemoteTree.h"
#include "cache/BlobLock.h"
#include "util/UniqueFd.h"

#include <QFuture>
#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>

namespace hfcache {

// Puts one blob into the cache and links it from a snapshot, with huggingface_hub's protocol:
// flock .locks/<repo>/<etag>.lock (waiting as long as another hfcache or Python client holds
// it), reuse blobs/<etag> when it is already right, else GET .../resolve/<commit>/<path>
// (redirects followed) into blobs/<etag>.<8 hex>.incomplete, resuming a partial file left by
// an interrupted run with Range, verify sha256 / git sha1, fsync, rename to blobs/<etag>,
// then the relative snapshot links. An interrupted transfer keeps its .incomplete for the
// next run; content with the wrong hash is deleted. Hashing, fsync and rename run on the
// thread pool, the transfer in the owner's thread: a GUI can own it directly.
class BlobDownload : public QObject
{
    Q_OBJECT
public:
    enum class Outcome { Pending, Linked, Downloaded, Failed };

    struct Target
    {
        RepoType type = RepoType::Model;
        QString repoId;
        QByteArray commit;
        RemoteFile file;          // the first file with this etag: what is downloaded
        QList<QByteArray> paths;  // every snapshot path with this etag
    };

    BlobDownload(HubClient *client, const CacheWriter &writer, Target target, bool verifyExisting,
                 QObject *parent = nullptr);
    ~BlobDownload() override;

    void start();
    void cancel();

    const Target &target() const { return m_target; }
    Outcome outcome() const { return m_outcome; }
    QString error() const { return m_error; }
    qint64 bytesReceived() const { return m_received; }

Q_SIGNALS:
    void waitingForLock(const QByteArray &lockPath);
    void bytesArrived(qint64 count);
    void finished();

private:
    // The outcome of a step done off the owner's thread; Pending: go on.
    struct Step
    {
        Outcome outcome = Outcome::Pending;
        QString error;
    };
    void runOffThread(std::function<Step()> task, std::function<void(const Step &)> then);
    void tryLock();
    void underLock();
    void startTransfer();
    bool existingBlobIsRight();
    [[nodiscard]] bool openPartial(QString *error);
    bool onHeaders(const HubClient::Response &head);
    bool onData(const QByteArray &data);
    void onDone(const HubClient::Response &response);
    Step finalize();
    [[nodiscard]] bool link(QString *error);
    void finish(Outcome outcome, const QString &error = {});

    HubClient *m_client;
    CacheWriter m_writer;
    Target m_target;
    bool m_verifyExisting;
    BlobLock m_lock;
    QTimer m_lockPoll;
    bool m_reportedWait = false;
    bool m_cancelled = false;
    quint64 m_request = 0;  // the transfer on the wire, for cancel()
    UniqueFd m_blobsDir;
    UniqueFd m_file;
    QByteArray m_tempName;
    qint64 m_written = 0;
    qint64 m_received = 0;
    std::unique_ptr<BlobHasher> m_digest;
    QString m_writeError;
    Outcome m_outcome = Outcome::Pending;
    QFuture<Step> m_task;   // the step running off-thread, if any
    QString m_error;
};

} // namespace hfcache

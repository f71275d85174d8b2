// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "BlobDownload.h"

#include "SnapshotCheck.h"
#include "util/BackgroundThreads.h"
#include "util/PathText.h"
#include "util/SystemError.h"

#include <QFutureWatcher>
#include <QPointer>

#include <cctype>
#include <cerrno>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hfcache {

namespace {

constexpr int lockPollMs = 100;

// blobs/<etag>.incomplete (huggingface_hub 0.23-1.17) or blobs/<etag>.<8 hex>.incomplete (1.18+).
bool isPartialOf(const QByteArray &name, const QByteArray &etag)
{
    static const QByteArray suffix = ".incomplete";
    if (name == etag + suffix)
        return true;
    if (name.size() != etag.size() + 1 + 8 + suffix.size() || !name.startsWith(etag + '.') || !name.endsWith(suffix))
        return false;
    for (char c : name.mid(etag.size() + 1, 8)) {
        if (!std::isxdigit(static_cast<unsigned char>(c)))
            return false;
    }
    return true;
}

} // namespace

BlobDownload::BlobDownload(HubClient *client, const CacheWriter &writer, Target target, bool verifyExisting,
                           QObject *parent)
    : QObject(parent), m_client(client), m_writer(writer), m_target(std::move(target)), m_verifyExisting(verifyExisting)
{
    m_lockPoll.setSingleShot(true);
    connect(&m_lockPoll, &QTimer::timeout, this, &BlobDownload::tryLock);
}

BlobDownload::~BlobDownload()
{
    m_task.waitForFinished();  // it works on our members
}

void BlobDownload::start()
{
    QString error;
    const int root = m_writer.rootFd(true, &error);
    if (root < 0)
        return finish(Outcome::Failed, error);
    m_lock = BlobLock(root, m_writer.cacheRoot(), BlobLock::relativeLockPath(m_writer.repoFolder(), m_target.file.etag()));
    tryLock();
}

void BlobDownload::cancel()
{
    m_cancelled = true;
    if (m_request)
        m_client->cancel(m_request);
    if (m_lockPoll.isActive()) {
        m_lockPoll.stop();
        finish(Outcome::Failed, QStringLiteral("cancelled"));
    }
}

void BlobDownload::tryLock()
{
    if (m_cancelled)
        return finish(Outcome::Failed, QStringLiteral("cancelled"));
    switch (m_lock.tryLock()) {
    case BlobLock::State::Locked:
        return underLock();
    case BlobLock::State::Busy:
        // Another hfcache or a Python client is on this blob: poll like filelock does.
        if (!m_reportedWait) {
            m_reportedWait = true;
            Q_EMIT waitingForLock(m_lock.path());
        }
        m_lockPoll.start(lockPollMs);
        return;
    default:
        return finish(Outcome::Failed, m_lock.error());
    }
}

bool BlobDownload::existingBlobIsRight()
{
    QString detail;
    return SnapshotCheck::checkContent(m_writer.repoPath() + "/blobs/" + m_target.file.etag(), m_target.file,
                                       m_verifyExisting, &detail)
        == LocalFileState::Ok;
}

void BlobDownload::runOffThread(std::function<Step()> task, std::function<void(const Step &)> then)
{
    auto *watcher = new QFutureWatcher<Step>(this);
    connect(watcher, &QFutureWatcher<Step>::finished, this, [watcher, then] {
        const Step step = watcher->result();
        watcher->deleteLater();
        then(step);
    });
    m_task = runOnBackgroundThread([task = std::move(task)] {
        const Step step = task();
        BlobHasher::releaseThreadState();
        return step;
    });
    watcher->setFuture(m_task);
}

void BlobDownload::underLock()
{
    // Hashing an existing blob or a partial file (gigabytes, maybe) must not stall the owner's thread.
    runOffThread([this]() -> Step {
        QString error;
        m_blobsDir = m_writer.openDir("blobs", true, &error);
        if (!m_blobsDir.isValid())
            return {Outcome::Failed, error};
        // Whoever held the lock before us may have just written it.
        if (existingBlobIsRight())
            return link(&error) ? Step{Outcome::Linked, {}} : Step{Outcome::Failed, error};
        if (!openPartial(&error))
            return {Outcome::Failed, error};
        if (m_written == m_target.file.size)
            return finalize();  // complete, but its writer died before the rename
        return {Outcome::Pending, {}};
    }, [this](const Step &step) {
        if (step.outcome != Outcome::Pending)
            return finish(step.outcome, step.error);
        if (m_cancelled)
            return finish(Outcome::Failed, QStringLiteral("cancelled"));
        startTransfer();
    });
}

void BlobDownload::startTransfer()
{
    HubClient::Request request;
    request.url = m_client->resolveUrl(m_target.type, m_target.repoId, QString::fromLatin1(m_target.commit),
                                       m_target.file.path);
    request.download = true;
    QPointer<BlobDownload> self(this);
    request.resumeOffset = [self] { return self ? self->m_written : 0; };
    request.onHeaders = [self](const HubClient::Response &head) { return self && self->onHeaders(head); };
    request.onData = [self](const QByteArray &data) { return self && self->onData(data); };
    m_request = m_client->send(std::move(request), [self](const HubClient::Response &response) {
        if (self) {
            self->m_request = 0;
            self->onDone(response);
        }
    });
}

bool BlobDownload::openPartial(QString *error)
{
    const QByteArray etag = m_target.file.etag();
    const QByteArray blobs = m_writer.repoPath() + "/blobs";
    // Holding the lock, any partial file of this etag is a dead client's: adopt the longest.
    QByteArray best;
    qint64 bestSize = -1;
    if (DIR *dir = ::fdopendir(::dup(m_blobsDir.get()))) {
        while (const dirent *entry = ::readdir(dir)) {
            const QByteArray name(entry->d_name);
            struct stat st;
            if (isPartialOf(name, etag) && ::fstatat(m_blobsDir.get(), entry->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0
                && S_ISREG(st.st_mode) && st.st_size > bestSize) {
                best = name;
                bestSize = st.st_size;
            }
        }
        ::closedir(dir);
    }
    m_tempName = etag + '.' + CacheWriter::randomSuffix() + ".incomplete";
    if (!best.isEmpty() && ::renameat(m_blobsDir.get(), best.constData(), m_blobsDir.get(), m_tempName.constData()) != 0)
        m_tempName = best;  // cannot rename (odd permissions): resume it under its own name
    m_file.reset(::openat(m_blobsDir.get(), m_tempName.constData(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0666));
    if (!m_file.isValid()) {
        *error = pathError(QStringLiteral("cannot create"), blobs + '/' + m_tempName, errno);
        return false;
    }
    struct stat st;
    if (::fstat(m_file.get(), &st) != 0) {
        *error = pathError(QStringLiteral("cannot stat"), blobs + '/' + m_tempName, errno);
        return false;
    }
    m_written = st.st_size;
    if (m_written > m_target.file.size) {
        if (::ftruncate(m_file.get(), 0) != 0) {
            *error = pathError(QStringLiteral("cannot truncate"), blobs + '/' + m_tempName, errno);
            return false;
        }
        m_written = 0;
    }
    m_digest = std::make_unique<BlobHasher>(*BlobHasher::algorithmFor(etag), m_target.file.size);
    QByteArray buffer(1 << 20, Qt::Uninitialized);
    for (qint64 offset = 0; offset < m_written;) {
        const ssize_t n = ::pread(m_file.get(), buffer.data(), size_t(qMin<qint64>(buffer.size(), m_written - offset)), offset);
        if (n <= 0) {
            *error = pathError(QStringLiteral("cannot read"), blobs + '/' + m_tempName, n < 0 ? errno : EIO);
            return false;
        }
        m_digest->update(buffer.constData(), n);
        offset += n;
    }
    ::lseek(m_file.get(), m_written, SEEK_SET);
    return true;
}

bool BlobDownload::onHeaders(const HubClient::Response &head)
{
    if (head.status == 206) {
        const QByteArray range = head.header("content-range");  // "bytes START-END/TOTAL"
        const qint64 start = range.mid(6, range.indexOf('-') - 6).toLongLong();
        if (!range.startsWith("bytes ") || start != m_written) {
            m_writeError = QStringLiteral("the server resumed %1 at the wrong offset ('%2', expected %3)")
                               .arg(PathText::display(m_target.file.path), QString::fromLatin1(range),
                                    QString::number(m_written));
            return false;
        }
        return true;
    }
    if (m_written > 0) {
        // The server ignored Range: start over.
        if (::ftruncate(m_file.get(), 0) != 0 || ::lseek(m_file.get(), 0, SEEK_SET) != 0) {
            m_writeError = pathError(QStringLiteral("cannot truncate"), m_writer.repoPath() + "/blobs/" + m_tempName, errno);
            return false;
        }
        m_written = 0;
        m_digest = std::make_unique<BlobHasher>(*BlobHasher::algorithmFor(m_target.file.etag()), m_target.file.size);
    }
    return true;
}

bool BlobDownload::onData(const QByteArray &data)
{
    if (m_cancelled)
        return false;
    if (m_written + data.size() > m_target.file.size) {
        m_writeError = QStringLiteral("the server sent more than the %1 bytes of %2")
                           .arg(QString::number(m_target.file.size), PathText::display(m_target.file.path));
        return false;
    }
    for (qsizetype done = 0; done < data.size();) {
        const ssize_t n = ::write(m_file.get(), data.constData() + done, size_t(data.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            m_writeError = pathError(QStringLiteral("cannot write"), m_writer.repoPath() + "/blobs/" + m_tempName,
                                     n < 0 ? errno : EIO);
            return false;
        }
        done += n;
    }
    m_digest->update(data);
    m_written += data.size();
    m_received += data.size();
    Q_EMIT bytesArrived(data.size());
    return true;
}

void BlobDownload::onDone(const HubClient::Response &response)
{
    const QByteArray tempPath = m_writer.repoPath() + "/blobs/" + m_tempName;
    const QString file = PathText::display(m_target.file.path);
    const bool complete = m_written == m_target.file.size;
    if (!complete || (!response.ok() && response.status != 0)) {
        QString reason = !m_writeError.isEmpty() ? m_writeError : response.error;
        if (response.cancelled || m_cancelled)
            reason = QStringLiteral("cancelled");
        else if (response.notFound())
            reason = QStringLiteral("not on the Hub any more (%1)").arg(response.error);
        else if (response.denied())
            reason = QStringLiteral("access denied: gated or private repo, set HF_TOKEN (%1)").arg(response.error);
        else if (reason.isEmpty())
            reason = QStringLiteral("the server ended the transfer early");
        m_file.reset();
        if (m_written == 0) {
            ::unlinkat(m_blobsDir.get(), m_tempName.constData(), 0);
            return finish(Outcome::Failed, QStringLiteral("cannot download %1: %2").arg(file, reason));
        }
        return finish(Outcome::Failed, QStringLiteral("download of %1 interrupted after %2 of %3 bytes: %4; "
                                                      "the partial file %5 is kept, run fetch again to resume")
                                           .arg(file, QString::number(m_written), QString::number(m_target.file.size),
                                                reason, PathText::display(tempPath)));
    }
    // Hash check, fsync (seconds for a big file on a slow disk), rename, links: off this thread.
    runOffThread([this] { return finalize(); }, [this](const Step &step) { finish(step.outcome, step.error); });
}

BlobDownload::Step BlobDownload::finalize()
{
    const QByteArray tempPath = m_writer.repoPath() + "/blobs/" + m_tempName;
    const QByteArray digest = m_digest->hexDigest();
    if (digest != m_target.file.etag()) {
        m_file.reset();
        ::unlinkat(m_blobsDir.get(), m_tempName.constData(), 0);
        return {Outcome::Failed, QStringLiteral("downloaded %1 hashes to %2, expected %3: discarded")
                                     .arg(PathText::display(m_target.file.path), QString::fromLatin1(digest),
                                          QString::fromLatin1(m_target.file.etag()))};
    }
    if (::fsync(m_file.get()) != 0)
        return {Outcome::Failed, pathError(QStringLiteral("cannot sync"), tempPath, errno)};
    m_file.reset();
    if (::renameat(m_blobsDir.get(), m_tempName.constData(), m_blobsDir.get(), m_target.file.etag().constData()) != 0)
        return {Outcome::Failed, pathError(QStringLiteral("cannot rename"), tempPath, errno)};
    ::fsync(m_blobsDir.get());  // the new name survives a crash
    QString error;
    return link(&error) ? Step{Outcome::Downloaded, {}} : Step{Outcome::Failed, error};
}

bool BlobDownload::link(QString *error)
{
    for (const QByteArray &path : std::as_const(m_target.paths)) {
        if (!m_writer.linkSnapshotFile(m_target.commit, path, m_target.file.etag(), error))
            return false;
    }
    return true;
}

void BlobDownload::finish(Outcome outcome, const QString &error)
{
    if (m_outcome != Outcome::Pending)
        return;
    m_lock.unlock();
    m_file.reset();
    m_blobsDir.reset();
    m_outcome = outcome;
    m_error = error;
    Q_EMIT finished();
}

} // namespace hfcache

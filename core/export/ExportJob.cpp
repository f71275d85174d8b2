#include "ExportJob.h"

#include "ArchiveWriter.h"
#include "AsyncHasher.h"
#include "AtomicTarget.h"
#include "BackgroundSink.h"
#include "FolderWriter.h"
#include "ParallelGzip.h"
#include "PlainSink.h"
#include "ZstdSink.h"
#include "util/BlobHasher.h"
#include "util/Parallel.h"
#include "util/PathText.h"
#include "util/SystemError.h"

#include <QElapsedTimer>
#include <QScopeGuard>

#include <cerrno>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <sys/stat.h>
#include <unistd.h>

namespace hfcache {

namespace {

QByteArray canonicalTarget(const QByteArray &target)
{
    // The target does not exist yet: canonicalise its folder and keep the name.
    const qsizetype slash = target.lastIndexOf('/');
    const QByteArray parent = slash < 0 ? QByteArray(".") : slash == 0 ? QByteArray("/") : target.left(slash);
    char *resolved = ::realpath(parent.constData(), nullptr);
    if (!resolved)
        return {};
    QByteArray result(resolved);
    std::free(resolved);
    return (result == "/" ? QByteArray() : result) + '/' + target.mid(slash + 1);
}

bool isSameOrUnder(const QByteArray &path, const QByteArray &folder)
{
    return path == folder || (path.startsWith(folder) && path.size() > folder.size() && path.at(folder.size()) == '/');
}

} // namespace

std::optional<ExportJob::Format> ExportJob::archiveFormat(const QByteArray &fileName)
{
    const QByteArray name = fileName.toLower();
    if (name.endsWith(".tar.gz") || name.endsWith(".tgz"))
        return Format::TarGz;
    if (name.endsWith(".tar.zst") || name.endsWith(".tzst"))
        return Format::TarZst;
    if (name.endsWith(".tar"))
        return Format::Tar;
    return std::nullopt;
}

QString ExportJob::formatName(Format format)
{
    switch (format) {
    case Format::Folder: return QStringLiteral("folder");
    case Format::Tar: return QStringLiteral("tar");
    case Format::TarGz: return QStringLiteral("tar.gz");
    case Format::TarZst: return QStringLiteral("tar.zst");
    }
    return {};
}

ExportJob::ExportJob(ExportSource source, Options options) : m_source(std::move(source)), m_options(std::move(options))
{
}

void ExportJob::setProgressCallback(ExportMeter::Callback callback, int intervalMs)
{
    m_callback = std::move(callback);
    m_intervalMs = intervalMs;
}

bool ExportJob::checkTarget(QString *error) const
{
    const QByteArray target = canonicalTarget(m_options.target);
    if (target.isEmpty()) {
        *error = pathError(QStringLiteral("cannot use the target folder of"), m_options.target, errno);
        return false;
    }
    // Writing into the cache would add files huggingface_hub does not expect (and could
    // export an export into itself); writing into the source would do the same.
    const QByteArray cacheRoot = m_source.repoPath().isEmpty()
                                     ? m_source.root()
                                     : m_source.repoPath().left(m_source.repoPath().lastIndexOf('/'));
    if (isSameOrUnder(target, cacheRoot) || isSameOrUnder(cacheRoot, target)) {
        *error = QStringLiteral("refusing to export to %1: it is inside %2 (or contains it)")
                     .arg(PathText::display(m_options.target), PathText::display(cacheRoot));
        return false;
    }
    return true;
}

ExportJob::Result ExportJob::run()
{
    // Run from a pool thread (the GUI), whatever libcrypto kept for this thread must go with the job.
    const auto releaseCrypto = qScopeGuard([] { BlobHasher::releaseThreadState(); });
    QElapsedTimer clock;
    clock.start();
    Result result;
    result.target = m_options.target;
    result.skipped = m_source.skipped();
    const auto finish = [&](bool ok, const QString &error) {
        result.ok = ok;
        result.cancelled = !ok && m_cancel.load();
        result.error = result.cancelled ? QStringLiteral("export cancelled; nothing was left at %1")
                                              .arg(PathText::display(m_options.target))
                                        : error;
        result.durationMs = clock.elapsed();
        return result;
    };

    QString error;
    if (!checkTarget(&error))
        return finish(false, error);
    if (m_options.verify) {
        QStringList problems;
        result.treeListingChecked = m_source.checkTreeListing(&problems, &result.notCached);
        if (!problems.isEmpty())
            return finish(false, QStringLiteral("the snapshot does not match its file listing:\n  %1")
                                     .arg(problems.join(QStringLiteral("\n  "))));
        if (result.notCached > 0)
            result.warnings << QStringLiteral("%1 file(s) of the revision are not in the cache (partial download)")
                                   .arg(result.notCached);
        for (const ExportItem &item : m_source.items())
            if (item.hashName.isEmpty())
                ++result.unverifiable;
    }
    if (m_options.hardlink)
        result.warnings << QStringLiteral("the exported files are hard links: they share inodes (and any later "
                                          "change) with the cache's blobs");

    ExportMeter meter(m_source.totalBytes(), int(m_source.items().size()), m_callback, m_intervalMs, &m_cancel);
    AtomicTarget target;
    const bool folder = m_options.format == Format::Folder;
    if (!target.create(folder ? AtomicTarget::Kind::Directory : AtomicTarget::Kind::File, m_options.target,
                       m_options.force, &error))
        return finish(false, error);
    const bool written = folder ? writeFolder(target.fd(), target.tempPath(), meter, &error)
                                : writeArchive(target.fd(), target.tempPath(), meter, &result.outputBytes, &error);
    if (!written || m_cancel.load() || !target.commit(&error)) {
        target.discard();
        return finish(false, error + QStringLiteral("; nothing was left at %1").arg(PathText::display(m_options.target)));
    }
    meter.report();
    result.files = int(m_source.items().size());
    result.bytes = m_source.totalBytes();
    if (folder)
        result.outputBytes = result.bytes;
    result.verified = m_options.verify;
    return finish(true, {});
}

bool ExportJob::writeFolder(int rootFd, const QByteArray &rootPath, ExportMeter &meter, QString *error)
{
    // Files are copied side by side: one kernel copy (or read, hash and write with --verify)
    // keeps one core busy, so a single thread left the other cores idle (bench/export.sh).
    FolderWriter writer(rootFd, rootPath, {m_options.hardlink});
    const QList<ExportItem> &items = m_source.items();
    std::atomic_size_t next{0};
    std::mutex failureMutex;
    QString failure;
    const auto copyItems = [&] {
        AsyncHasher verifier;
        for (size_t i; (i = next.fetch_add(1)) < size_t(items.size());) {
            QString itemError;
            UniqueFd content(m_source.openContent(items[i], &itemError));
            if (!content.isValid()
                || !writer.write(items[i], content.get(), m_options.verify ? &verifier : nullptr, meter, &itemError)) {
                // The first failure is the one to report; the writers it stops only say "cancelled".
                std::lock_guard lock(failureMutex);
                if (failure.isEmpty())
                    failure = itemError;
                meter.stop();
                return;
            }
            meter.fileDone();
        }
    };
    runInParallel(m_options.threads, items.size(), copyItems);
    if (failure.isEmpty())
        return true;
    *error = failure;
    return false;
}

bool ExportJob::writeArchive(int fd, const QByteArray &path, ExportMeter &meter, quint64 *outputBytes, QString *error)
{
    std::unique_ptr<ByteSink> sink;
    switch (m_options.format) {
    case Format::TarGz:
        sink = std::make_unique<ParallelGzip>(fd, path, m_options.level >= 0 ? m_options.level : ParallelGzip::DefaultLevel,
                                              m_options.threads);
        break;
    case Format::TarZst:
        sink = std::make_unique<ZstdSink>(fd, path, m_options.level >= 0 ? m_options.level : ZstdSink::DefaultLevel,
                                          m_options.threads);
        break;
    default:
        sink = std::make_unique<BackgroundSink>(std::make_unique<PlainSink>(fd, path));
    }
    AsyncHasher verifier;
    ArchiveWriter archive(*sink, m_options.prefix);
    if (!archive.open(error))
        return false;
    for (const ExportItem &item : m_source.items()) {
        UniqueFd content(m_source.openContent(item, error));
        if (!content.isValid() || !archive.add(item, content.get(), m_options.verify ? &verifier : nullptr, meter, error))
            return false;
        meter.fileDone();
    }
    if (!archive.close(error))
        return false;
    if (!sink->finish()) {
        *error = sink->error();
        return false;
    }
    *outputBytes = sink->bytesWritten();
    return true;
}

} // namespace hfcache

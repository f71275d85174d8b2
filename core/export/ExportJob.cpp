// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "ExportJob.h"

#include "ArchiveWriter.h"
#include "AsyncHasher.h"
#include "AtomicTarget.h"
#include "BackgroundSink.h"
#include "ExportLog.h"
#include "FolderWriter.h"
#include "ParallelGzip.h"
#include "PlainSink.h"
#include "ZstdSink.h"
#include "cache/BlobHasher.h"
#include "util/Parallel.h"
#include "util/PathText.h"
#include "util/SystemError.h"
#include "util/PathPrefix.h"
#include "util/FdWalk.h"

#include <QElapsedTimer>
#include <QScopeGuard>

#include <cerrno>
#include <memory>
#include <mutex>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hfcache {

namespace {

// The target does not exist yet: canonicalise its folder and keep the name. Empty when the
// folder cannot be resolved.
QByteArray canonicalTarget(const QByteArray &target)
{
    const qsizetype slash = target.lastIndexOf('/');
    const QByteArray parent = slash < 0 ? QByteArray(".") : slash == 0 ? QByteArray("/") : target.left(slash);
    const QByteArray name = target.mid(slash + 1);
    const QByteArray result = FdWalk::canonicalPath(parent);
    if (result.isEmpty())
        return {};
    if (name.isEmpty() || name == ".")
        return result;
    if (name == "..")
        return result == "/" ? result : result.left(std::max<qsizetype>(result.lastIndexOf('/'), 1));
    return (result == "/" ? QByteArray() : result) + '/' + name;
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

QString ExportJob::targetProblem(const QByteArray &target, const QByteArray &sourceContainer)
{
    if (target.isEmpty())
        return QStringLiteral("no target given");
    const QByteArray resolved = canonicalTarget(target);
    if (resolved.isEmpty())
        return {};  // its folder cannot be reached: run() says why
    const QString shown = PathText::display(target);
    if (resolved == "/")
        return QStringLiteral("refusing to export to %1: it is the root folder").arg(shown);
    QList<QByteArray> homes{FdWalk::canonicalPath(qgetenv("HOME"))};
    if (const passwd *user = ::getpwuid(::geteuid()))
        homes << FdWalk::canonicalPath(user->pw_dir);
    for (const QByteArray &home : std::as_const(homes)) {
        if (!home.isEmpty() && PathPrefix::isSameOrUnder(home, resolved))
            return QStringLiteral("refusing to export to %1: it is the home folder %2 (or above it); name a new folder in it")
                .arg(shown, PathText::display(home));
    }
    // Writing into the cache would add files huggingface_hub does not expect (and could
    // export an export into itself); replacing a folder above it would delete the cache.
    const QByteArray source = FdWalk::canonicalPath(sourceContainer);
    if (!source.isEmpty() && (PathPrefix::isSameOrUnder(resolved, source) || PathPrefix::isSameOrUnder(source, resolved)))
        return QStringLiteral("refusing to export to %1: it is inside %2 (or contains it)").arg(shown, PathText::display(source));
    return {};
}

QString ExportJob::formatProblem(const QByteArray &target, Format format)
{
    const auto named = archiveFormat(target);
    if (format == Format::Folder || !named || *named == format)
        return {};
    return QStringLiteral("the archive name %1 does not match the format %2 (name it .%2, or choose the format its "
                          "extension says)").arg(PathText::display(target), formatName(format));
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
    result.warnings = m_source.warnings();
    const auto finish = [&](bool ok, const QString &error) {
        result.ok = ok;
        result.cancelled = !ok && m_cancel.load();
        result.error = error;
        result.durationMs = clock.elapsed();
        return result;
    };

    QString error = targetProblem(m_options.target, m_source.origin());
    if (error.isEmpty())
        error = formatProblem(m_options.target, m_options.format);
    if (error.isEmpty() && canonicalTarget(m_options.target).isEmpty())
        error = pathError(QStringLiteral("cannot use the target folder of"), m_options.target, errno);
    const bool folder = m_options.format == Format::Folder;
    for (const ExportItem &item : m_source.items()) {
        if (folder && error.isEmpty() && item.path == AtomicTarget::MarkerName)
            error = QStringLiteral("the source has a file named %1, the name of hfcache's export marker: export it as an archive")
                        .arg(QString::fromLatin1(AtomicTarget::MarkerName));
    }
    if (!error.isEmpty())
        return finish(false, error);
    if (m_options.verify) {
        QStringList problems;
        result.treeListingChecked = m_source.checkTreeListing(&problems);
        if (!problems.isEmpty())
            return finish(false, QStringLiteral("the snapshot does not match its file listing:\n  %1")
                                     .arg(problems.join(QStringLiteral("\n  "))));
        for (const ExportItem &item : m_source.items())
            if (item.hashName.isEmpty())
                ++result.unverifiable;
    }
    if (m_options.hardlink)
        result.warnings << QStringLiteral("the exported files are hard links: they share inodes (and any later "
                                          "change) with the cache's blobs");

    qCDebug(lcExport) << "exporting" << m_source.items().size() << "files," << m_source.totalBytes() << "bytes to"
                      << m_options.target << "as" << formatName(m_options.format) << (m_options.verify ? "verified" : "");
    ExportMeter meter(m_source.totalBytes(), int(m_source.items().size()), m_callback, m_intervalMs, &m_cancel);
    AtomicTarget target;
    const bool created = target.create(folder ? AtomicTarget::Kind::Directory : AtomicTarget::Kind::File, m_options.target,
                                       m_options.force, m_source.describe(), &error);
    for (const QString &stale : target.staleTemporaries())
        result.warnings << QStringLiteral("%1 is another export's temporary (a killed export's, or one still running): "
                                          "left alone; remove it once no export to this target runs").arg(stale);
    if (!created) {
        const QString left = target.discard();
        return finish(false, left.isEmpty() ? error : error + target.leftText(left));
    }
    const bool written = folder ? writeFolder(target.fd(), target.tempPath(), meter, &error)
                                : writeArchive(target.fd(), target.tempPath(), meter, &result.outputBytes, &error);
    QString replaced;
    if (!written || m_cancel.load() || !target.commit(&error, &replaced)) {
        const QString left = target.discard();
        if (m_cancel.load())
            return finish(false, QStringLiteral("export cancelled") + target.leftText(left));
        return finish(false, error + target.leftText(left));
    }
    if (!replaced.isEmpty())
        result.warnings << replaced;
    meter.report();
    result.files = int(m_source.items().size());
    result.bytes = m_source.totalBytes();
    if (folder)
        result.outputBytes = result.bytes;
    result.verified = m_options.verify;
    qCDebug(lcExport) << "exported" << m_options.target << "in" << clock.elapsed() << "ms";
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
                || !writer.write(items[i], content.get(), m_options.verify ? &verifier : nullptr, meter, &itemError)
                || !ExportSource::checkUnchanged(items[i], content.get(), m_options.hardlink, &itemError)) {
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
        if (!content.isValid() || !archive.add(item, content.get(), m_options.verify ? &verifier : nullptr, meter, error)
            || !ExportSource::checkUnchanged(item, content.get(), false, error))
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

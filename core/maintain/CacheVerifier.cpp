// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "CacheVerifier.h"

#include "MaintainLog.h"
#include "cache/BlobHasher.h"
#include "util/Parallel.h"
#include "util/PathText.h"
#include "util/RegularFile.h"
#include "util/SystemError.h"
#include "util/UniqueFd.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <unistd.h>
#include <vector>

namespace hfcache {

namespace {

struct Job
{
    const CachedRepo *repo;
    int blob;
    BlobHasher::Algorithm algorithm;
};

// The blobs a target covers: all of a whole repo, else those its revisions link to.
QList<int> blobsOf(const CacheVerifier::Target &target)
{
    QList<int> indexes;
    if (target.commits.isEmpty()) {
        for (int i = 0; i < target.repo->blobs.size(); ++i)
            indexes.append(i);
        return indexes;
    }
    for (const QByteArray &commit : target.commits) {
        if (const CachedRevision *revision = target.repo->revision(commit)) {
            for (const SnapshotEntry &entry : revision->entries) {
                if (entry.blobIndex >= 0 && !indexes.contains(entry.blobIndex))
                    indexes.append(entry.blobIndex);
            }
        }
    }
    return indexes;
}

QList<QPair<QByteArray, QByteArray>> usersOf(const CachedRepo &repo, int blob)
{
    QList<QPair<QByteArray, QByteArray>> users;
    for (const CachedRevision &revision : repo.revisions) {
        for (const SnapshotEntry &entry : revision.entries) {
            if (entry.blobIndex == blob)
                users.append({revision.commit, entry.path});
        }
    }
    return users;
}

[[nodiscard]] bool readFile(const QByteArray &path, QByteArray *content, QString *error)
{
    const UniqueFd fd = RegularFile::openForReading(AT_FDCWD, path, path, error);
    if (!fd.isValid())
        return false;
    char buffer[65536];
    for (;;) {
        const ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            *error = pathError(QStringLiteral("cannot read"), path, errno);
            return false;
        }
        if (n == 0)
            return true;
        content->append(buffer, n);
    }
}

// trees/<commit>.json: {"format_version": 1, "files": {"path": {"size", "blob_id", "lfs_sha256", "lfs_size"}}}.
void checkListing(const CachedRepo &repo, const CachedRevision &revision, VerifyReport &report)
{
    const QByteArray path = repo.path + "/trees/" + revision.commit + ".json";
    auto problem = [&](ListingProblem::Kind kind, const QByteArray &file, const QString &message) {
        report.listingProblems.append({kind, repo.cacheId(), revision.commit, file, message});
    };
    QByteArray text;
    QString error;
    if (!readFile(path, &text, &error)) {
        problem(ListingProblem::Kind::Unreadable, {}, error);
        return;
    }
    QJsonParseError parseError;
    const QJsonObject files = QJsonDocument::fromJson(text, &parseError).object().value(QLatin1String("files")).toObject();
    if (parseError.error != QJsonParseError::NoError) {
        problem(ListingProblem::Kind::Unreadable, {},
                QStringLiteral("cannot parse %1: %2").arg(PathText::display(path), parseError.errorString()));
        return;
    }
    ++report.listingsChecked;
    QHash<QByteArray, const SnapshotEntry *> entries;
    for (const SnapshotEntry &entry : revision.entries)
        entries.insert(entry.path, &entry);
    for (auto it = files.constBegin(); it != files.constEnd(); ++it) {
        const QByteArray file = PathText::fromJsonString(it.key());
        const QJsonObject info = it.value().toObject();
        const bool lfs = info.contains(QLatin1String("lfs_sha256"));
        const quint64 size = quint64(info.value(lfs ? QLatin1String("lfs_size") : QLatin1String("size")).toDouble());
        const QByteArray blobName = info.value(lfs ? QLatin1String("lfs_sha256") : QLatin1String("blob_id")).toString().toLatin1();
        const SnapshotEntry *entry = entries.value(file);
        const QString shown = PathText::display(repo.snapshotPath(revision) + '/' + file);
        if (!entry || entry->kind == SnapshotEntry::Kind::Directory) {
            problem(ListingProblem::Kind::Missing, file, QStringLiteral("%1 is missing (listed in trees/%2.json)")
                                                             .arg(shown, QString::fromLatin1(revision.commit)));
            continue;
        }
        const EntryStat *content = repo.contentStat(*entry);
        if (!content && entry->linkState == SnapshotEntry::LinkState::Broken)
            continue;  // checkLinks() reports it
        if (!content) {
            problem(ListingProblem::Kind::Missing, file, QStringLiteral("%1 has no content (broken link)").arg(shown));
            continue;
        }
        if (content->size != size) {
            problem(ListingProblem::Kind::WrongSize, file,
                    QStringLiteral("%1 has %2 bytes; the listing says %3").arg(shown).arg(content->size).arg(size));
            continue;
        }
        if (entry->blobIndex >= 0 && !blobName.isEmpty() && repo.blobs.at(entry->blobIndex).name != blobName)
            problem(ListingProblem::Kind::WrongBlob, file,
                    QStringLiteral("%1 links to blob %2; the listing names %3")
                        .arg(shown, QString::fromLatin1(repo.blobs.at(entry->blobIndex).name), QString::fromLatin1(blobName)));
    }
}

// Links into blobs/ whose blob is gone: huggingface_hub cannot load these files, listing or not.
void checkLinks(const CachedRepo &repo, const CachedRevision &revision, VerifyReport &report)
{
    for (const SnapshotEntry &entry : revision.entries) {
        // A link to a shared blob whose payload is gone is as broken.
        const bool payloadMissing = entry.blobIndex >= 0 && !repo.contentStat(entry);
        if (entry.linkState != SnapshotEntry::LinkState::Broken && !payloadMissing)
            continue;
        report.listingProblems.append({ListingProblem::Kind::MissingBlob, repo.cacheId(), revision.commit, entry.path,
                                       QStringLiteral("%1 links to %2, which is missing")
                                           .arg(PathText::display(repo.snapshotPath(revision) + '/' + entry.path),
                                                PathText::display(repo.linkTarget(entry)))});
    }
}

// The blobs to hash (biggest first, so one large file does not finish alone at the end) and
// their total size; the links and tree listings of the targets' revisions checked on the way.
std::vector<Job> planJobs(const QList<CacheVerifier::Target> &targets, VerifyReport &report, quint64 *total)
{
    std::vector<Job> jobs;
    for (const CacheVerifier::Target &target : targets) {
        for (int index : blobsOf(target)) {
            const CachedBlob &blob = target.repo->blobs.at(index);
            const auto algorithm = BlobHasher::algorithmFor(blob.name);
            if (!algorithm) {
                ++report.blobsSkipped;
                continue;
            }
            const EntryStat *content = target.repo->blobContent(blob);
            if (!content) {  // a shared payload that is gone: checkLinks() reports its files
                ++report.blobsSkipped;
                continue;
            }
            jobs.push_back({target.repo.get(), index, *algorithm});
            *total += content->size;
        }
        for (const CachedRevision &revision : target.repo->revisions) {
            if (!target.commits.isEmpty() && !target.commits.contains(revision.commit))
                continue;
            checkLinks(*target.repo, revision, report);
            if (revision.hasTreeListing)
                checkListing(*target.repo, revision, report);
        }
    }
    std::sort(jobs.begin(), jobs.end(), [](const Job &a, const Job &b) {
        return a.repo->blobContent(a.repo->blobs.at(a.blob))->size > b.repo->blobContent(b.repo->blobs.at(b.blob))->size;
    });
    return jobs;
}

} // namespace

VerifyReport CacheVerifier::run(const QList<Target> &targets, const Options &options)
{
    QElapsedTimer timer;
    timer.start();
    VerifyReport report;
    quint64 total = 0;
    const std::vector<Job> jobs = planJobs(targets, report, &total);
    qCDebug(lcMaintain) << "verifying" << jobs.size() << "blobs," << total << "bytes," << report.blobsSkipped << "skipped";

    std::atomic<size_t> next{0};
    std::atomic<quint64> done{0};
    QMutex mutex;
    auto work = [&] {
        for (size_t i = next++; i < jobs.size(); i = next++) {
            if (options.cancel && options.cancel->load())
                return;
            const Job &job = jobs[i];
            const CachedBlob &blob = job.repo->blobs.at(job.blob);
            // A shared blob's bytes are its payload's (read by the path the scan checked, never
            // through the link).
            const QByteArray path = job.repo->blobContentPath(blob);
            QString error;
            // Progress and the cancel flag per chunk: one 10 GB blob neither freezes the
            // progress nor delays a cancel; after a cancel `done` is what was really hashed.
            const QByteArray digest = BlobHasher::hashFile(path, job.algorithm, &error, [&](quint64 chunk) {
                const quint64 bytes = done += chunk;
                if (options.progress)
                    options.progress(bytes, total);
                return !(options.cancel && options.cancel->load());
            });
            if (digest.isEmpty() && options.cancel && options.cancel->load())
                return;  // stopped inside this blob: neither checked nor corrupt
            QMutexLocker locker(&mutex);
            ++report.blobsChecked;
            if (digest != blob.name) {
                if (error.isEmpty())
                    error = QStringLiteral("%1 is corrupt: its content hashes to %2")
                                .arg(PathText::display(path), QString::fromLatin1(digest));
                const CorruptBlob found{job.repo->cacheId(), path, blob.name, digest, error, job.repo->blobContent(blob)->size,
                                        usersOf(*job.repo, job.blob)};
                (blob.snapshotLinks == 0 ? report.unusedMisnamed : report.corrupt).append(found);
            }
        }
    };
    runInParallel(options.threads, qsizetype(jobs.size()), work);
    // The caller's thread hashed too; when it is a pool thread (the GUI) it outlives OpenSSL's
    // clean-up at exit, so free its per-thread state now.
    BlobHasher::releaseThreadState();

    report.bytesHashed = done;
    report.bytesToHash = total;
    report.cancelled = options.cancel && options.cancel->load();
    for (QList<CorruptBlob> *list : {&report.corrupt, &report.unusedMisnamed})
        std::sort(list->begin(), list->end(), [](const CorruptBlob &a, const CorruptBlob &b) { return a.path < b.path; });
    report.durationMs = timer.elapsed();
    return report;
}

} // namespace hfcache

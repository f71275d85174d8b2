// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "LocalDirScan.h"

#include "FolderListing.h"
#include "LinkResolver.h"
#include "RepoFolderName.h"
#include "util/DirectoryReader.h"
#include "util/HumanFormat.h"
#include "util/PathText.h"
#include "util/RegularFile.h"
#include "util/SystemError.h"
#include "util/UniqueFd.h"
#include "FindingCode.h"
#include "util/FdWalk.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QSet>

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hfcache {

const QByteArray LocalDirScan::BookkeepingFolder = QByteArrayLiteral(".cache/huggingface");
const QByteArray LocalDirScan::LegacyBookkeepingFolder = QByteArrayLiteral(".huggingface");

namespace {

// The revision's name when no metadata file says which commit the files are from.
const QByteArray UnknownCommit = QByteArrayLiteral("unknown");

bool isDirectoryAt(int dirFd, const char *name)
{
    EntryStat st;
    return dirFd >= 0 && EntryStat::lstatAt(dirFd, name, &st) && st.isDirectory();
}

LocalDirScan::Format formatAt(int rootFd)
{
    const UniqueFd cacheFd(rootFd >= 0 ? ::openat(rootFd, ".cache", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) : -1);
    const UniqueFd hfFd(cacheFd.isValid() ? ::openat(cacheFd.get(), "huggingface", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) : -1);
    // Not .cache/huggingface/ alone: a home folder has one too (the hub cache's parent).
    EntryStat gitignore;
    if (isDirectoryAt(hfFd.get(), "download")
        || (hfFd.isValid() && EntryStat::lstatAt(hfFd.get(), ".gitignore", &gitignore) && gitignore.isRegularFile()))
        return LocalDirScan::Format::Current;
    // Only with download/: huggingface_hub keeps the name .huggingface/ free for other uses.
    const UniqueFd legacyFd(rootFd >= 0 ? ::openat(rootFd, ".huggingface", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) : -1);
    return isDirectoryAt(legacyFd.get(), "download") ? LocalDirScan::Format::Legacy : LocalDirScan::Format::None;
}

QString shown(const QByteArray &raw)
{
    return PathText::display(raw);
}

QString someNames(const QList<QByteArray> &paths)
{
    QStringList names;
    for (qsizetype i = 0; i < std::min<qsizetype>(paths.size(), 3); ++i)
        names << shown(paths.at(i));
    if (paths.size() > 3)
        names << QStringLiteral("…");
    return names.join(QStringLiteral(", "));
}

// One scan of one local_dir folder; the repo it builds is handed out immutable.
class LocalDirJob
{
public:
    LocalDirJob(int rootFd, const QByteArray &dir, const QByteArray &realDir, const std::atomic_bool *cancel)
        : m_rootFd(rootFd), m_cancel(cancel), m_resolver(rootFd, dir, realDir), m_repo(std::make_shared<CachedRepo>()),
          m_bookkeeping(formatAt(rootFd) == LocalDirScan::Format::Legacy ? LocalDirScan::LegacyBookkeepingFolder
                                                                        : LocalDirScan::BookkeepingFolder),
          m_downloadFolder(m_bookkeeping + "/download")
    {
        const QByteArray name = dir.mid(dir.lastIndexOf('/') + 1);
        m_repo->isLocalDir = true;
        m_repo->path = dir;
        m_repo->folderName = name.isEmpty() ? dir : name;
        m_repo->repoId = PathText::decode(m_repo->folderName);
    }

    CachedRepoPtr run(const EntryStat &rootStat);

private:
    bool cancelled() const { return m_cancel && m_cancel->load(); }
    void addFinding(Severity severity, FindingCode code, const QByteArray &relative, const QString &message);
    void reportUnreadable(const QByteArray &relative, int error);
    template<typename Visit>
    void forEachEntry(int parentFd, const QByteArray &name, const QByteArray &relativeDir, Visit visit);
    void scanFiles(int parentFd, const QByteArray &name, const QByteArray &relativeDir);
    void resolveLink(SnapshotEntry &entry, const QByteArray &target);
    void scanBookkeeping();
    void scanDownload(int parentFd, const QByteArray &name, const QByteArray &relativeDir);
    void readRecord(int dirFd, const QByteArray &name, const QByteArray &relative, const EntryStat &st);
    void matchRecords();
    void chooseCommit();
    void computeSizes();

    int m_rootFd;
    const std::atomic_bool *m_cancel;
    LinkResolver m_resolver;
    std::shared_ptr<CachedRepo> m_repo;
    const QByteArray m_bookkeeping;     // relative to the folder: BookkeepingFolder or LegacyBookkeepingFolder
    const QByteArray m_downloadFolder;  // m_bookkeeping + "/download"
    CachedRevision m_revision;
    QSet<QByteArray> m_treeListings;
    bool m_hasBookkeeping = false;
};

void LocalDirJob::addFinding(Severity severity, FindingCode code, const QByteArray &relative, const QString &message)
{
    const QByteArray path = relative.isEmpty() ? m_repo->path : m_repo->path + '/' + relative;
    m_repo->findings.append(makeFinding(severity, code, path, message));
}

void LocalDirJob::reportUnreadable(const QByteArray &relative, int error)
{
    addFinding(Severity::Error, FindingCode::Unreadable, relative,
               QStringLiteral("cannot read %1: %2; its contents are missing from this report")
                   .arg(shown(relative.isEmpty() ? m_repo->path : relative), errnoText(error)));
}

template<typename Visit>
void LocalDirJob::forEachEntry(int parentFd, const QByteArray &name, const QByteArray &relativeDir, Visit visit)
{
    if (FolderListing::isTooDeep(relativeDir)) {
        addFinding(Severity::Warning, FindingCode::TooDeep, relativeDir, FolderListing::tooDeepMessage(shown(relativeDir)));
        return;
    }
    const int error = FolderListing::forEach(parentFd, name, [&](int dirFd, const QByteArray &entryName, const EntryStat &st) {
        if (!cancelled())
            visit(dirFd, entryName, relativeDir.isEmpty() ? entryName : relativeDir + '/' + entryName, st);
    });
    if (FolderListing::isUnreadable(error))
        reportUnreadable(relativeDir, error);
}

void LocalDirJob::scanFiles(int parentFd, const QByteArray &name, const QByteArray &relativeDir)
{
    forEachEntry(parentFd, name, relativeDir, [&](int dirFd, const QByteArray &entryName, const QByteArray &relative,
                                                 const EntryStat &st) {
        if (relative == m_bookkeeping)
            return;  // scanned by scanBookkeeping(), not part of the downloaded files
        SnapshotEntry entry;
        entry.path = relative;
        entry.stat = st;
        entry.kind = SnapshotEntry::kindOf(st);
        if (entry.kind == SnapshotEntry::Kind::Symlink) {
            int error = 0;
            const QByteArray target = EntryStat::readLinkAt(dirFd, entryName, &error);
            if (target.isEmpty() && EntryStat::linkVanished(error))
                return;  // gone or replaced since the lstat
            if (target.isEmpty()) {
                // Kept, its target unknown: the filesystem refuses to say (sshfs contain_symlinks, EIO).
                entry.linkState = SnapshotEntry::LinkState::Unchecked;
                addFinding(Severity::Error, FindingCode::Unreadable, relative,
                           QStringLiteral("cannot read the link %1: %2").arg(shown(relative), errnoText(error)));
            } else {
                resolveLink(entry, target);
            }
        } else if (entry.kind == SnapshotEntry::Kind::Other) {
            addFinding(Severity::Warning, FindingCode::UnknownEntry, relative,
                       QStringLiteral("%1 is neither a file, a link nor a folder").arg(shown(relative)));
        }
        const qsizetype index = m_revision.entries.size();
        m_revision.entries.append(std::move(entry));
        if (!st.isDirectory())
            return;
        scanFiles(dirFd, entryName, relative);
        // .cache/ holding nothing but huggingface_hub's bookkeeping is bookkeeping too.
        if (relative == ".cache" && m_revision.entries.size() == index + 1)
            m_revision.entries.removeLast();
    });
}

// huggingface_hub writes real files into a local_dir; a link there was made by someone else.
// It is followed inside the folder only, lexically, like snapshot links in the cache.
void LocalDirJob::resolveLink(SnapshotEntry &entry, const QByteArray &target)
{
    entry.unusualTarget = target;
    const QString link = QStringLiteral("%1 -> %2").arg(shown(entry.path), shown(target));
    QByteArray relative;
    const qsizetype slash = entry.path.lastIndexOf('/');
    const LinkResolver::Result result = m_resolver.lexicalTarget(slash < 0 ? QByteArray() : entry.path.left(slash),
                                                                 target, &relative)
                                            ? m_resolver.resolve(relative)
                                            : LinkResolver::Result{LinkResolver::Outcome::Outside, {}, {}};
    const QString outside = QStringLiteral("%1 leads out of the local_dir folder; hfcache does not follow it and "
                                           "counts nothing for it").arg(link);
    if (const auto problem = LinkResolver::record(result, entry, m_repo->linkTargets, link, outside))
        addFinding(Severity::Error, problem->code, entry.path, problem->message);
}

void LocalDirJob::scanBookkeeping()
{
    // ".cache/huggingface" is opened in two steps, ".huggingface" in one; never through a link.
    const qsizetype slash = m_bookkeeping.lastIndexOf('/');
    const QByteArray parent = slash < 0 ? QByteArray() : m_bookkeeping.left(slash);
    const QByteArray leaf = m_bookkeeping.mid(slash + 1);
    const QString missing = QStringLiteral("no %1/ folder (or not a real folder): these files were not written by "
                                           "`hf download --local-dir`, or its bookkeeping was deleted; their commit "
                                           "and hashes are unknown").arg(QString::fromLatin1(LocalDirScan::BookkeepingFolder));
    if (!parent.isEmpty() && !isDirectoryAt(m_rootFd, parent.constData())) {
        addFinding(Severity::Warning, FindingCode::LocalDirNoMetadata, {}, missing);
        return;
    }
    const UniqueFd parentFd(parent.isEmpty() ? ::fcntl(m_rootFd, F_DUPFD_CLOEXEC, 0)
                                             : ::openat(m_rootFd, parent.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    EntryStat st;
    if (!parentFd.isValid() || !EntryStat::lstatAt(parentFd.get(), leaf, &st) || !st.isDirectory()) {
        if (!parentFd.isValid() && errno != ENOENT)
            reportUnreadable(parent, errno);
        else
            addFinding(Severity::Warning, FindingCode::LocalDirNoMetadata, {}, missing);
        return;
    }
    if (m_bookkeeping == LocalDirScan::LegacyBookkeepingFolder)
        addFinding(Severity::Warning, FindingCode::LocalDirLegacyLayout, m_bookkeeping,
                   QStringLiteral("bookkeeping in %1/, the layout of huggingface_hub 0.23.0; 0.24 and later use %2/ and "
                                  "never read this one, so the next `hf download --local-dir` hashes or downloads every "
                                  "file again. hfcache reads its download/*.metadata (three lines or JSON), .lock and "
                                  ".incomplete files; delete %1/ once a newer client has written %2/")
                       .arg(QString::fromLatin1(m_bookkeeping), QString::fromLatin1(LocalDirScan::BookkeepingFolder)));
    m_hasBookkeeping = true;
    m_repo->localDirBookkeeping = m_bookkeeping;
    m_repo->otherEntries.append({m_bookkeeping, st});
    forEachEntry(parentFd.get(), leaf, m_bookkeeping,
                 [&](int dirFd, const QByteArray &name, const QByteArray &relative, const EntryStat &entryStat) {
        m_repo->otherEntries.append({relative, entryStat});
        if (name == "download" && entryStat.isDirectory()) {
            scanDownload(dirFd, name, relative);
        } else if (name == "trees" && entryStat.isDirectory()) {
            forEachEntry(dirFd, name, relative, [&](int, const QByteArray &listing, const QByteArray &path,
                                                    const EntryStat &listingStat) {
                m_repo->otherEntries.append({path, listingStat});
                if (listingStat.isRegularFile() && listing.endsWith(".json"))
                    m_treeListings.insert(listing.chopped(5));
            });
        } else if (name != "upload" && name != ".gitignore" && name != ".gitignore.lock" && name != "CACHEDIR.TAG") {
            addFinding(Severity::Info, FindingCode::UnknownEntry, relative,
                       QStringLiteral("%1 is not part of huggingface_hub's local_dir bookkeeping").arg(shown(name)));
        }
    });
}

void LocalDirJob::scanDownload(int parentFd, const QByteArray &name, const QByteArray &relativeDir)
{
    forEachEntry(parentFd, name, relativeDir, [&](int dirFd, const QByteArray &entryName, const QByteArray &relative,
                                                 const EntryStat &st) {
        if (st.isDirectory()) {
            m_repo->otherEntries.append({relative, st});
            scanDownload(dirFd, entryName, relative);
        } else if (entryName.endsWith(".metadata") && st.isRegularFile()) {
            readRecord(dirFd, entryName, relative, st);
        } else if (entryName.endsWith(".lock")) {
            m_repo->locks.append({relative, st});
        } else if (entryName.endsWith(".incomplete") && st.isRegularFile()) {
            m_repo->otherEntries.append({relative, st});
            addFinding(Severity::Warning, FindingCode::IncompleteDownload, relative,
                       QStringLiteral("download in progress or interrupted (%1 so far); 'hfcache locks --local-dir' "
                                      "tells which").arg(HumanFormat::size(st.size)));
        } else {
            m_repo->otherEntries.append({relative, st});
            addFinding(Severity::Info, FindingCode::UnknownEntry, relative,
                       QStringLiteral("%1 is not a .metadata, .lock or .incomplete file").arg(shown(entryName)));
        }
    });
}

void LocalDirJob::readRecord(int dirFd, const QByteArray &name, const QByteArray &relative, const EntryStat &st)
{
    QString openError;
    const UniqueFd fd = RegularFile::openForReading(dirFd, name, m_repo->path + '/' + relative, &openError);
    if (!fd.isValid()) {
        if (errno == EINVAL)  // swapped for a FIFO or a folder since the lstat
            addFinding(Severity::Warning, FindingCode::LocalDirMetadataInvalid, relative, openError);
        else
            reportUnreadable(relative, errno);
        return;
    }
    char buffer[4096];
    const ssize_t length = ::read(fd.get(), buffer, sizeof buffer);
    if (length < 0) {
        reportUnreadable(relative, errno);
        return;
    }
    LocalDirRecord record = LocalDirRecord::parse(QByteArray(buffer, length));
    record.path = relative.mid(m_downloadFolder.size() + 1).chopped(9);  // without "download/" and ".metadata"
    record.stat = st;
    if (!record.valid)
        addFinding(Severity::Warning, FindingCode::LocalDirMetadataInvalid, relative,
                   QStringLiteral("not the three lines (commit, etag, timestamp) huggingface_hub writes: \"%1\"; it "
                                  "deletes such a file and downloads or hashes %2 again")
                       .arg(shown(QByteArray(buffer, length).left(80)), shown(record.path)));
    m_repo->localDirRecords.append(std::move(record));
}

// Pairs each metadata file with the file it describes.
void LocalDirJob::matchRecords()
{
    QList<LocalDirRecord> &records = m_repo->localDirRecords;
    std::sort(records.begin(), records.end(), [](const LocalDirRecord &a, const LocalDirRecord &b) { return a.path < b.path; });
    QList<QByteArray> withoutFile;
    for (LocalDirRecord &record : records) {
        const auto it = std::lower_bound(m_revision.entries.cbegin(), m_revision.entries.cend(), record.path,
                                         [](const SnapshotEntry &e, const QByteArray &p) { return e.path < p; });
        if (it == m_revision.entries.cend() || it->path != record.path || it->kind == SnapshotEntry::Kind::Directory) {
            withoutFile << record.path;
            continue;
        }
        const EntryStat *content = m_repo->contentStat(*it);
        record.fresh = content && record.trusts(*content);
        if (record.valid && content && !record.fresh)
            addFinding(Severity::Info, FindingCode::LocalDirFileChanged, record.path,
                       QStringLiteral("changed after huggingface_hub downloaded it (newer than its metadata); the next "
                                      "`hf download --local-dir` hashes it again and downloads it if it differs"));
    }
    if (!withoutFile.isEmpty())
        addFinding(Severity::Info, FindingCode::LocalDirFileMissing, m_downloadFolder,
                   QStringLiteral("%1 downloaded file(s) are gone from the folder (%2); `hf download --local-dir` would "
                                  "fetch them again").arg(withoutFile.size()).arg(someNames(withoutFile)));
    if (!m_hasBookkeeping)
        return;
    QList<QByteArray> unrecorded;
    for (const SnapshotEntry &entry : std::as_const(m_revision.entries)) {
        if (entry.kind != SnapshotEntry::Kind::Directory && !m_repo->localDirRecord(entry.path))
            unrecorded << entry.path;
    }
    if (!unrecorded.isEmpty())
        addFinding(Severity::Info, FindingCode::LocalDirFileUnrecorded, {},
                   QStringLiteral("%1 file(s) have no download metadata (%2): added by hand, or their metadata was "
                                  "deleted; their hash is unknown").arg(unrecorded.size()).arg(someNames(unrecorded)));
}

// The revision is the commit the metadata files name; a folder downloaded at several
// commits (a re-download of some files) shows the most common one and says so.
void LocalDirJob::chooseCommit()
{
    QHash<QByteArray, int> counts;
    for (const LocalDirRecord &record : std::as_const(m_repo->localDirRecords)) {
        if (record.valid)
            ++counts[record.commit];
    }
    QList<QByteArray> commits = counts.keys();
    std::sort(commits.begin(), commits.end(), [&counts](const QByteArray &a, const QByteArray &b) {
        return counts.value(a) != counts.value(b) ? counts.value(a) > counts.value(b) : a < b;
    });
    m_revision.commit = commits.isEmpty() ? UnknownCommit : commits.first();
    if (commits.isEmpty() && m_hasBookkeeping)
        addFinding(Severity::Warning, FindingCode::LocalDirNoMetadata, m_downloadFolder,
                   QStringLiteral("no valid download metadata: the commit these files come from is unknown"));
    if (commits.size() > 1) {
        QStringList parts;
        for (const QByteArray &commit : std::as_const(commits))
            parts << QStringLiteral("%1 (%2 file(s))").arg(QString::fromLatin1(commit.left(12))).arg(counts.value(commit));
        addFinding(Severity::Warning, FindingCode::LocalDirMixedCommits, m_downloadFolder,
                   QStringLiteral("the files come from %1 different commits: %2; the revision shows the most common")
                       .arg(commits.size()).arg(parts.join(QStringLiteral(", "))));
    }
}

void LocalDirJob::computeSizes()
{
    CachedRepo &repo = *m_repo;
    QSet<QPair<quint64, quint64>> counted;
    for (const SnapshotEntry &entry : std::as_const(m_revision.entries)) {
        if (entry.kind == SnapshotEntry::Kind::File || entry.kind == SnapshotEntry::Kind::Symlink)
            ++m_revision.nbFiles;
        const EntryStat *content = repo.contentStat(entry);
        if (!content || counted.contains({content->device, content->inode}))
            continue;
        counted.insert({content->device, content->inode});
        m_revision.sizeOnDisk += content->diskSize;
        m_revision.sizeApparent += content->size;
        m_revision.lastModified = std::max(m_revision.lastModified, content->mtime);
        repo.lastAccessed = std::max(repo.lastAccessed, content->atime);
    }
    repo.nbFiles = int(counted.size());
    repo.sizeReferenced = m_revision.sizeApparent;
    repo.sizeOnDisk = m_revision.sizeOnDisk;
    repo.sizeApparent = m_revision.sizeApparent;
    for (const RepoEntry &entry : std::as_const(repo.otherEntries)) {
        if (entry.path.endsWith(".incomplete") && entry.stat.isRegularFile()) {
            repo.sizeOnDisk += entry.stat.diskSize;
            repo.sizeApparent += entry.stat.size;
        }
    }
    repo.lastModified = m_revision.lastModified;
    if (repo.nbFiles == 0) {  // as huggingface_hub: the folder itself
        repo.lastAccessed = repo.stat.atime;
        repo.lastModified = repo.stat.mtime;
        m_revision.lastModified = repo.stat.mtime;
    }
}

CachedRepoPtr LocalDirJob::run(const EntryStat &rootStat)
{
    m_repo->stat = rootStat;
    m_revision.stat = rootStat;
    scanFiles(m_rootFd, ".", {});
    scanBookkeeping();
    std::sort(m_revision.entries.begin(), m_revision.entries.end(),
              [](const SnapshotEntry &a, const SnapshotEntry &b) { return a.path < b.path; });
    std::sort(m_repo->locks.begin(), m_repo->locks.end(), [](const RepoEntry &a, const RepoEntry &b) { return a.path < b.path; });
    matchRecords();
    chooseCommit();
    m_revision.hasTreeListing = m_treeListings.contains(m_revision.commit);
    computeSizes();
    m_revision.entries.squeeze();
    m_repo->revisions = {std::move(m_revision)};
    return m_repo;
}

} // namespace

LocalDirScan::Format LocalDirScan::bookkeepingFormat(const QByteArray &dir)
{
    const UniqueFd rootFd(::open(dir.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    return formatAt(rootFd.get());
}

QByteArray LocalDirScan::bookkeepingFolder(const QByteArray &dir)
{
    return bookkeepingFormat(dir) == Format::Legacy ? LegacyBookkeepingFolder : BookkeepingFolder;
}

bool LocalDirScan::holdsRepoFolders(const QByteArray &dir)
{
    const UniqueFd rootFd(::open(dir.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!rootFd.isValid())
        return false;
    DirectoryReader reader(rootFd.get(), ".");
    const QList<DirectoryReader::Entry> entries = reader.entries();
    return std::any_of(entries.cbegin(), entries.cend(), [&reader](const DirectoryReader::Entry &e) {
        return RepoFolderName::parse(e.name) && isDirectoryAt(reader.fd(), e.name.constData());
    });
}

bool LocalDirScan::isLocalDir(const QByteArray &dir)
{
    return bookkeepingFormat(dir) != Format::None && !holdsRepoFolders(dir);
}

CacheSnapshotPtr LocalDirScan::run(const QByteArray &dir, const std::atomic_bool *cancel, ScanError *error)
{
    QElapsedTimer timer;
    timer.start();
    auto snapshot = std::make_shared<CacheSnapshot>();
    QByteArray root = dir;
    while (root.size() > 1 && root.endsWith('/'))
        root.chop(1);
    snapshot->root = root;
    snapshot->scannedAtMs = QDateTime::currentMSecsSinceEpoch();
    // As for a cache root, D itself may be a link (moved to a bigger disk): that one is followed.
    const UniqueFd rootFd(::open(root.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    struct stat st;
    if (!rootFd.isValid() || ::fstat(rootFd.get(), &st) != 0) {
        if (error)
            *error = {root, errnoText(errno)};
        return nullptr;
    }
    snapshot->rootStat = EntryStat::fromStat(st);
    DirectoryReader probe(rootFd.get(), ".");
    if (!probe.isOpen()) {
        if (error)
            *error = {root, errnoText(probe.error())};
        return nullptr;
    }
    LocalDirJob job(rootFd.get(), root, FdWalk::canonicalPath(root), cancel);
    const CachedRepoPtr repo = job.run(snapshot->rootStat);
    snapshot->repos = {repo};
    snapshot->sizeOnDisk = repo->sizeOnDisk;
    snapshot->sizeApparent = repo->sizeApparent;
    snapshot->cancelled = cancel && cancel->load();
    snapshot->durationMs = timer.elapsed();
    return snapshot;
}

} // namespace hfcache

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "RepoScanJob.h"

#include "FolderListing.h"
#include "LinkResolver.h"
#include "RepoFolderName.h"
#include "SharedBlobLayout.h"
#include "SharedBlobStore.h"
#include "util/DirectoryReader.h"
#include "util/HumanFormat.h"
#include "util/PathText.h"
#include "util/RegularFile.h"
#include "util/SystemError.h"
#include "FindingCode.h"

#include <QSet>

#include <algorithm>
#include <cerrno>
#include <optional>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hfcache {

namespace {

QString shown(const QByteArray &raw)
{
    return PathText::display(raw);
}

using InodeKey = QPair<quint64, quint64>;
InodeKey inodeKey(const EntryStat &s)
{
    return {s.device, s.inode};
}

// The folders of a repo's layout, in the order they are scanned: blobs/ first.
const QByteArray kLayoutFolders[] = {"blobs", "refs", "snapshots", ".no_exist", "trees"};

} // namespace

RepoScanJob::RepoScanJob(int rootFd, int locksFd, const QByteArray &root, const QByteArray &realRoot,
                         const QByteArray &folderName, const std::atomic_bool *cancel, bool keepEntries,
                         const SharedBlobStore *sharedBlobs)
    : m_rootFd(rootFd), m_locksFd(locksFd), m_realRoot(realRoot), m_cancel(cancel), m_keepEntries(keepEntries),
      m_sharedBlobs(sharedBlobs), m_repo(std::make_shared<CachedRepo>())
{
    m_repo->folderName = folderName;
    m_repo->path = root + '/' + folderName;
    if (const auto name = RepoFolderName::parse(folderName)) {
        m_repo->type = name->type;
        m_repo->repoId = name->repoId;
    }
}

void RepoScanJob::addFinding(Severity severity, FindingCode code, const QByteArray &relativePath, const QString &message)
{
    const QByteArray path = relativePath.isEmpty() ? m_repo->path : m_repo->path + '/' + relativePath;
    m_repo->findings.append(makeFinding(severity, code, path, message));
}

void RepoScanJob::noteOther(const QByteArray &relativePath, const EntryStat &stat)
{
    m_repo->otherEntries.append({relativePath, stat});
}

void RepoScanJob::reportUnreadable(const QByteArray &relativePath, int error)
{
    addFinding(Severity::Error, FindingCode::Unreadable, relativePath,
               QStringLiteral("cannot read %1: %2; its contents are missing from this report")
                   .arg(shown(relativePath.isEmpty() ? m_repo->folderName : relativePath), errnoText(error)));
}

template<typename Visit>
void RepoScanJob::forEachEntry(int parentFd, const QByteArray &relativeDir, Visit visit)
{
    if (FolderListing::isTooDeep(relativeDir)) {
        addFinding(Severity::Warning, FindingCode::TooDeep, relativeDir, FolderListing::tooDeepMessage(shown(relativeDir)));
        return;
    }
    const QByteArray name = relativeDir.mid(relativeDir.lastIndexOf('/') + 1);
    const int error = FolderListing::forEach(parentFd, name, [&](int dirFd, const QByteArray &entryName, const EntryStat &st) {
        visit(dirFd, entryName, relativeDir + '/' + entryName, st);
    });
    if (FolderListing::isUnreadable(error))
        reportUnreadable(relativeDir, error);
}

CachedRepoPtr RepoScanJob::run()
{
    CachedRepo &repo = *m_repo;
    EntryStat::lstatAt(m_rootFd, repo.folderName, &repo.stat);
    scanLocks();
    DirectoryReader dir(m_rootFd, repo.folderName.constData());
    if (!dir.isOpen()) {
        reportUnreadable({}, dir.error());
        return m_repo;
    }
    const LinkResolver resolver(dir.fd(), repo.path, m_realRoot + '/' + repo.folderName);
    QList<QByteArray> names;
    for (const DirectoryReader::Entry &e : dir.entries())
        names.append(e.name);
    if (dir.error())
        reportUnreadable({}, dir.error());

    scanLayoutFolders(dir.fd(), names, resolver);
    noteUnknownEntries(dir.fd(), names);
    reportUncheckedLinks();
    m_blobsPathFd.reset();

    linkRefsAndRevisions();
    computeSizesAndTimes();
    findOrphans();
    if (!m_keepEntries) {
        for (CachedRevision &revision : repo.revisions)
            revision.entries = {};
        repo.otherEntries = {};
        repo.locks = {};
    }
    repo.blobs.squeeze();
    repo.otherEntries.squeeze();
    repo.locks.squeeze();
    return m_repo;
}

void RepoScanJob::scanLayoutFolders(int repoFd, const QList<QByteArray> &names, const LinkResolver &resolver)
{
    for (const QByteArray &name : kLayoutFolders) {
        if (m_cancel && m_cancel->load())
            break;
        if (!names.contains(name))
            continue;
        EntryStat st;
        if (!EntryStat::lstatAt(repoFd, name, &st))
            continue;
        noteOther(name, st);
        if (!st.isDirectory()) {
            addFinding(Severity::Error, FindingCode::UnknownEntry, name,
                       QStringLiteral("%1 should be a folder but is not; huggingface_hub cannot use this repo")
                           .arg(QString::fromLatin1(name)));
            continue;
        }
        if (name == "blobs")
            scanBlobs(repoFd);
        else if (name == "refs")
            scanRefs(repoFd, "refs");
        else if (name == "snapshots")
            scanSnapshots(repoFd, resolver);
        else if (name == ".no_exist")
            scanNoExist(repoFd);
        else
            scanTrees(repoFd);
    }
}

void RepoScanJob::noteUnknownEntries(int repoFd, const QList<QByteArray> &names)
{
    for (const QByteArray &name : names) {
        if (std::find(std::begin(kLayoutFolders), std::end(kLayoutFolders), name) != std::end(kLayoutFolders))
            continue;
        EntryStat st;
        if (!EntryStat::lstatAt(repoFd, name, &st))
            continue;
        noteOther(name, st);
        if (name.startsWith("tmp_"))
            addFinding(Severity::Info, FindingCode::UnknownEntry, name,
                       QStringLiteral("umask probe file left by an interrupted huggingface_hub download; safe to delete"));
        else
            addFinding(Severity::Warning, FindingCode::UnknownEntry, name,
                       QStringLiteral("%1 is not part of the cache layout").arg(shown(name)));
    }
}

void RepoScanJob::reportUncheckedLinks()
{
    if (m_blobsError) {
        // A permission problem, not missing data: say how many links it leaves unchecked.
        addFinding(Severity::Error, FindingCode::Unreadable, "blobs",
                   m_uncheckedLinks == 0
                       ? QStringLiteral("cannot list blobs: %1; blobs no revision uses are missing from this report")
                             .arg(errnoText(m_blobsError))
                       : QStringLiteral("cannot list blobs: %1, nor look up the blob of %2 snapshot link(s) in it: %3; "
                                        "whether those files are there is unknown (a permission problem, not missing "
                                        "data: `hfcache doctor` shows the folder that denies it)")
                             .arg(errnoText(m_blobsError)).arg(m_uncheckedLinks).arg(errnoText(m_uncheckedError)));
    }
    if (m_unreadableLinks > 0)
        addFinding(Severity::Error, FindingCode::Unreadable, m_firstUnreadableLink,
                   QStringLiteral("cannot read %1 snapshot link(s) (this one and others): %2; their files are listed "
                                  "but whether their blobs are there is unknown, and programs reading the snapshot fail "
                                  "the same way. On sshfs, the contain_symlinks option (on by default in sshfs's 2026 "
                                  "security releases, e.g. Debian 12's 3.7.3-1.2~deb12u1) refuses every link with '..', "
                                  "which is every snapshot link: mount with -o no_contain_symlinks")
                       .arg(m_unreadableLinks).arg(errnoText(m_unreadableLinkError)));
}

void RepoScanJob::scanBlobs(int repoFd)
{
    QList<CachedBlob> &blobs = m_repo->blobs;
    const int error = FolderListing::forEach(repoFd, "blobs", [&](int blobsFd, const QByteArray &name, const EntryStat &st) {
        const QByteArray relative = "blobs/" + name;
        CachedBlob blob{name, classifyBlobName(name), st, 0};
        QByteArray hash;
        if (blob.stat.isSymlink() && linkSharedBlob(blobsFd, blob, &hash)) {
            if (blob.payloadIndex == CachedBlob::PayloadMissing)
                addFinding(Severity::Error, FindingCode::SharedBlobMissing, relative,
                           QStringLiteral("%1 links to the shared payload %2, which is missing; every file of the repo "
                                          "using it is broken (download the repo again)")
                               .arg(shown(name), shown(SharedBlobLayout::payloadPath(hash))));
        } else if (!blob.stat.isRegularFile()) {
            addFinding(Severity::Warning, FindingCode::BlobNameInvalid, relative,
                       QStringLiteral("blobs/ should hold only regular files; %1 is not one").arg(shown(name)));
        } else if (blob.kind == BlobKind::Invalid) {
            if (name.startsWith("tmp_"))
                addFinding(Severity::Info, FindingCode::UnknownEntry, relative,
                           QStringLiteral("umask probe file left by an interrupted huggingface_hub download; safe to delete"));
            else
                addFinding(Severity::Warning, FindingCode::BlobNameInvalid, relative,
                           QStringLiteral("%1 is neither a sha256 nor a git-sha1 blob name").arg(shown(name)));
        }
        blobs.append(blob);
    });
    if (FolderListing::isUnreadable(error)) {
        m_blobsError = error;
        m_blobsPathFd.reset(::openat(repoFd, "blobs", O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    }
    std::sort(blobs.begin(), blobs.end(), [](const CachedBlob &a, const CachedBlob &b) { return a.name < b.name; });
    m_blobIndex.reserve(blobs.size());
    for (int i = 0; i < blobs.size(); ++i)
        m_blobIndex.insert(blobs.at(i).name, i);
}

bool RepoScanJob::linkSharedBlob(int blobsFd, CachedBlob &blob, QByteArray *hash)
{
    if (!m_sharedBlobs || !m_sharedBlobs->present)
        return false;
    *hash = SharedBlobLayout::hashOfLink(EntryStat::readLinkAt(blobsFd, blob.name));
    if (hash->isEmpty())
        return false;
    const SharedPayload *payload = m_sharedBlobs->payload(*hash);
    if (!payload || !payload->hasPayload()) {
        blob.payloadIndex = CachedBlob::PayloadMissing;
        return true;
    }
    blob.payloadIndex = qint32(m_repo->sharedPayloads.size());
    m_repo->sharedPayloads.append({SharedBlobLayout::payloadPath(*hash), payload->stat});
    return true;
}

int RepoScanJob::blobByName(const QByteArray &name, int *error)
{
    *error = ENOENT;
    if (!m_blobsError || name.contains('/') || name.startsWith('.'))
        return -1;
    EntryStat st;
    if (!m_blobsPathFd.isValid() || !EntryStat::lstatAt(m_blobsPathFd.get(), name, &st)) {
        *error = m_blobsPathFd.isValid() ? errno : m_blobsError;
        return -1;
    }
    // Appended after the sorted listing: nothing looks blobs up by order.
    m_repo->blobs.append({name, classifyBlobName(name), st, 0});
    m_blobIndex.insert(name, int(m_repo->blobs.size() - 1));
    return int(m_repo->blobs.size() - 1);
}

void RepoScanJob::scanRefs(int parentFd, const QByteArray &relativeDir)
{
    forEachEntry(parentFd, relativeDir, [&](int dirFd, const QByteArray &name, const QByteArray &relative,
                                            const EntryStat &st) {
        if (st.isDirectory()) {
            noteOther(relative, st);
            scanRefs(dirFd, relative);
            return;
        }
        const QString refName = PathText::decode(relative.mid(5));  // without "refs/"
        const QString shownName = shown(relative.mid(5));
        if (!st.isRegularFile()) {
            noteOther(relative, st);
            addFinding(Severity::Warning, FindingCode::RefInvalid, relative,
                       QStringLiteral("ref '%1' is not a regular file").arg(shownName));
            return;
        }
        QString openError;
        const UniqueFd fd = RegularFile::openForReading(dirFd, name, m_repo->path + '/' + relative, &openError);
        if (!fd.isValid()) {
            noteOther(relative, st);
            if (errno == EINVAL)  // swapped for a FIFO or a folder since the lstat
                addFinding(Severity::Warning, FindingCode::RefInvalid, relative, openError);
            else
                reportUnreadable(relative, errno);
            return;
        }
        char buffer[4096];
        const ssize_t length = ::read(fd.get(), buffer, sizeof buffer);
        const QByteArray content(buffer, std::max<ssize_t>(length, 0));
        CachedRef ref{refName, content.trimmed(), st, false, false};
        ref.hadWhitespace = ref.commit != content;
        ref.valid = isCommitHash(ref.commit);
        if (!ref.valid) {
            addFinding(Severity::Error, FindingCode::RefInvalid, relative,
                       content.isEmpty() ? QStringLiteral("ref '%1' is empty").arg(shownName)
                                         : QStringLiteral("ref '%1' does not hold a commit hash: \"%2\"")
                                               .arg(shownName, shown(content.left(60))));
        } else if (ref.hadWhitespace) {
            addFinding(Severity::Warning, FindingCode::RefWhitespace, relative,
                       QStringLiteral("ref '%1' has whitespace around its commit hash; huggingface_hub reads it "
                                      "verbatim and will not find the revision").arg(shownName));
        }
        m_repo->refs.append(std::move(ref));
    });
}

void RepoScanJob::scanSnapshots(int repoFd, const LinkResolver &resolver)
{
    m_hasSnapshotsFolder = true;
    forEachEntry(repoFd, "snapshots", [&](int dirFd, const QByteArray &name, const QByteArray &relative,
                                          const EntryStat &st) {
        if (m_cancel && m_cancel->load())
            return;
        if (!st.isDirectory()) {
            noteOther(relative, st);
            addFinding(Severity::Warning, FindingCode::UnknownEntry, relative,
                       QStringLiteral("snapshots/ holds a file, %1, where revision folders belong").arg(shown(name)));
            return;
        }
        if (!isCommitHash(name))
            addFinding(Severity::Warning, FindingCode::UnknownEntry, relative,
                       QStringLiteral("snapshot folder %1 is not named after a commit hash").arg(shown(name)));
        CachedRevision revision;
        revision.commit = name;
        revision.stat = st;
        scanSnapshotFolder(dirFd, relative, revision, resolver);
        const auto copies = std::count_if(revision.entries.cbegin(), revision.entries.cend(),
                                          [](const SnapshotEntry &s) { return s.kind == SnapshotEntry::Kind::File; });
        if (copies > 0)
            addFinding(Severity::Info, FindingCode::DegradedCopy, relative,
                       QStringLiteral("%1 file(s) of this revision are regular files, not links to blobs/ (no-symlink "
                                      "mode: Windows, HF_HUB_DISABLE_SYMLINKS, or files copied in by hand); they take "
                                      "space once per revision").arg(copies));
        std::sort(revision.entries.begin(), revision.entries.end(),
                  [](const SnapshotEntry &a, const SnapshotEntry &b) { return a.path < b.path; });
        revision.entries.squeeze();
        m_repo->revisions.append(std::move(revision));
    });
}

void RepoScanJob::scanSnapshotFolder(int parentFd, const QByteArray &relativeDir, CachedRevision &revision,
                                     const LinkResolver &resolver)
{
    const qsizetype snapshotPrefix = 11 + revision.commit.size();  // "snapshots/<commit>/"
    forEachEntry(parentFd, relativeDir, [&](int dirFd, const QByteArray &name, const QByteArray &relative,
                                            const EntryStat &st) {
        SnapshotEntry entry;
        entry.path = relative.mid(snapshotPrefix);
        entry.stat = st;
        entry.kind = SnapshotEntry::kindOf(st);
        if (entry.kind == SnapshotEntry::Kind::Symlink) {
            int error = 0;
            const QByteArray target = EntryStat::readLinkAt(dirFd, name, &error);
            if (target.isEmpty() && EntryStat::linkVanished(error))
                return;  // gone or replaced by something else since the lstat
            if (target.isEmpty())
                noteUnreadableLink(entry, relative, error);
            else
                resolveLink(entry, target, revision, resolver);
        } else if (entry.kind == SnapshotEntry::Kind::Other) {
            addFinding(Severity::Warning, FindingCode::UnknownEntry, relative,
                       QStringLiteral("%1 is neither a file, a link nor a folder").arg(shown(name)));
        }
        revision.entries.append(std::move(entry));
        if (st.isDirectory() && !(m_cancel && m_cancel->load()))
            scanSnapshotFolder(dirFd, relative, revision, resolver);
    });
}

void RepoScanJob::noteUnreadableLink(SnapshotEntry &entry, const QByteArray &relative, int error)
{
    // Kept as a link whose blob is unknown: the file exists, the filesystem will not say where it points.
    entry.linkState = SnapshotEntry::LinkState::Unchecked;
    if (m_unreadableLinks++ == 0) {
        m_firstUnreadableLink = relative;
        m_unreadableLinkError = error;
    }
}

void RepoScanJob::resolveLink(SnapshotEntry &entry, const QByteArray &target, const CachedRevision &revision,
                              const LinkResolver &resolver)
{
    // Fast path: the canonical "../../blobs/<name>" (one more "../" per sub-folder) of a blob
    // we listed. Nothing is stored but the blob index.
    const int ups = entry.depth() + 2;
    const qsizetype prefixLength = ups * 3 + 6;
    if (target.size() > prefixLength && target.startsWith("../") && target.mid(ups * 3 - 3, 9) == "../blobs/"
        && target.left(ups * 3) == QByteArray("../").repeated(ups)) {
        const QByteArray blobName = target.mid(prefixLength);
        const auto it = m_blobIndex.constFind(blobName);
        if (!blobName.contains('/') && it != m_blobIndex.constEnd()) {
            entry.linkState = SnapshotEntry::LinkState::Blob;
            entry.blobIndex = *it;
            ++m_repo->blobs[*it].snapshotLinks;
            return;
        }
    }

    entry.unusualTarget = target;
    const QByteArray relative = "snapshots/" + revision.commit + '/' + entry.path;
    const QString link = QStringLiteral("%1 -> %2").arg(shown(entry.path), shown(target));
    QByteArray repoRelative;
    const QByteArray linkDir = relative.left(relative.lastIndexOf('/'));
    if (!resolver.lexicalTarget(linkDir, target, &repoRelative)) {
        entry.linkState = SnapshotEntry::LinkState::Outside;
        addFinding(Severity::Error, FindingCode::SymlinkOutsideRepo, relative,
                   QStringLiteral("%1 leads out of the repo folder; hfcache does not follow it and counts nothing for it")
                       .arg(link));
        return;
    }
    const bool absolute = target.startsWith('/');
    if (absolute)
        addFinding(Severity::Warning, FindingCode::AbsoluteSymlink, relative,
                   QStringLiteral("%1 is absolute (written by huggingface_hub 0.13.0-0.13.1); it breaks when the "
                                  "cache moves").arg(link));
    if (repoRelative.startsWith("blobs/") && repoRelative.count('/') == 1) {
        const QByteArray blobName = repoRelative.mid(6);
        const auto it = m_blobIndex.constFind(blobName);
        int error = ENOENT;
        const int index = it != m_blobIndex.constEnd() ? *it : blobByName(blobName, &error);
        if (index >= 0) {
            entry.linkState = absolute ? SnapshotEntry::LinkState::AbsoluteBlob : SnapshotEntry::LinkState::Blob;
            entry.blobIndex = index;
            ++m_repo->blobs[index].snapshotLinks;
            return;
        }
        if (error != ENOENT && error != ENOTDIR) {
            entry.linkState = SnapshotEntry::LinkState::Unchecked;
            ++m_uncheckedLinks;
            m_uncheckedError = error;
            return;
        }
        entry.linkState = SnapshotEntry::LinkState::Broken;
        addFinding(Severity::Error, FindingCode::BrokenSymlink, relative,
                   QStringLiteral("%1: the blob is missing (huggingface_hub hides the whole repo for this)").arg(link));
        return;
    }
    const LinkResolver::Result result = resolver.resolve(repoRelative);
    const QString outside = QStringLiteral("%1 leads out of the repo folder through another link; hfcache does not "
                                           "follow it").arg(link);
    if (const auto problem = LinkResolver::record(result, entry, m_repo->linkTargets, link, outside))
        addFinding(Severity::Error, problem->code, relative, problem->message);
}

void RepoScanJob::scanNoExistFolder(int parentFd, const QByteArray &relativeDir, QList<QByteArray> *markers)
{
    forEachEntry(parentFd, relativeDir, [&](int dirFd, const QByteArray &, const QByteArray &relative,
                                            const EntryStat &st) {
        noteOther(relative, st);
        if (st.isDirectory())
            scanNoExistFolder(dirFd, relative, markers);
        else
            markers->append(relative.mid(relative.indexOf('/', 10) + 1));  // after ".no_exist/<commit>/"
    });
}

void RepoScanJob::scanNoExist(int repoFd)
{
    forEachEntry(repoFd, ".no_exist", [&](int dirFd, const QByteArray &name, const QByteArray &relative,
                                          const EntryStat &st) {
        noteOther(relative, st);
        if (!st.isDirectory())
            return;
        QList<QByteArray> markers;
        scanNoExistFolder(dirFd, relative, &markers);
        m_noExist.insert(name, markers);
    });
}

void RepoScanJob::scanTrees(int repoFd)
{
    forEachEntry(repoFd, "trees", [&](int, const QByteArray &name, const QByteArray &relative, const EntryStat &st) {
        noteOther(relative, st);
        if (st.isRegularFile() && name.endsWith(".json"))
            m_treeListings.insert(name.chopped(5));
    });
}

void RepoScanJob::scanLocks()
{
    if (m_locksFd < 0)
        return;
    EntryStat st;
    if (!EntryStat::lstatAt(m_locksFd, m_repo->folderName, &st))
        return;
    m_repo->locks.append({{}, st});
    DirectoryReader dir(m_locksFd, m_repo->folderName.constData());
    if (!dir.isOpen()) {
        if (st.isDirectory())
            m_repo->findings.append({Severity::Error, FindingCode::Unreadable,
                                     m_repo->path.left(m_repo->path.lastIndexOf('/')) + "/.locks/" + m_repo->folderName,
                                     QStringLiteral("cannot read the lock folder: %1").arg(errnoText(dir.error())), {}});
        return;
    }
    for (const DirectoryReader::Entry &e : dir.entries()) {
        if (EntryStat::lstatAt(dir.fd(), e.name, &st))
            m_repo->locks.append({e.name, st});
    }
    std::sort(m_repo->locks.begin(), m_repo->locks.end(),
              [](const RepoEntry &a, const RepoEntry &b) { return a.path < b.path; });
}

void RepoScanJob::linkRefsAndRevisions()
{
    CachedRepo &repo = *m_repo;
    std::sort(repo.refs.begin(), repo.refs.end(), [](const CachedRef &a, const CachedRef &b) { return a.name < b.name; });
    std::sort(repo.revisions.begin(), repo.revisions.end(),
              [](const CachedRevision &a, const CachedRevision &b) { return a.commit < b.commit; });
    for (const CachedRef &ref : std::as_const(repo.refs)) {
        if (!ref.valid)
            continue;
        const auto it = std::lower_bound(repo.revisions.begin(), repo.revisions.end(), ref.commit,
                                         [](const CachedRevision &r, const QByteArray &c) { return r.commit < c; });
        if (it != repo.revisions.end() && it->commit == ref.commit) {
            it->refs.append(ref.name);
        } else {
            addFinding(Severity::Warning, FindingCode::RefMissingSnapshot, "refs/" + PathText::encode(ref.name),
                       QStringLiteral("ref '%1' points to commit %2, which has no snapshot folder (huggingface_hub "
                                      "drops the whole repo from its report for this)")
                           .arg(PathText::display(ref.name), shown(ref.commit)));
        }
    }
    for (CachedRevision &revision : repo.revisions) {
        revision.noExist = m_noExist.value(revision.commit);
        revision.hasTreeListing = m_treeListings.contains(revision.commit);
        if (revision.isDetached())
            addFinding(Severity::Info, FindingCode::SnapshotWithoutRef, "snapshots/" + revision.commit,
                       QStringLiteral("revision %1 is detached: no ref points to it").arg(QString::fromUtf8(revision.commit)));
    }
    if (!m_hasSnapshotsFolder && !repo.refs.isEmpty()) {
        int markers = 0;
        for (const QList<QByteArray> &files : std::as_const(m_noExist))
            markers += int(files.size());
        // hf_hub_download of a file the repo lacks records the ref and .no_exist/<commit>/<file>
        // and downloads nothing; snapshot_download(local_dir=...) leaves the ref alone.
        if (markers > 0)
            addFinding(Severity::Info, FindingCode::RepoWithoutSnapshots, {},
                       QStringLiteral("only refs/ and .no_exist/: huggingface_hub's record that %1 file(s) asked for "
                                      "do not exist in the repo (e.g. %2); nothing of it was downloaded. "
                                      "huggingface_hub's scanner drops this repo")
                           .arg(markers).arg(shown(m_noExist.cbegin()->value(0, QByteArray("?")))));
        else
            addFinding(Severity::Warning, FindingCode::RepoWithoutSnapshots, {},
                       QStringLiteral("only refs/, no snapshots/ (a side effect of snapshot_download(local_dir=...)); "
                                      "huggingface_hub's scanner drops this repo"));
    }
    if (repo.refs.isEmpty() && repo.revisions.isEmpty() && repo.blobs.isEmpty())
        addFinding(Severity::Warning, FindingCode::EmptyRepo, {}, QStringLiteral("the repo folder holds no refs, revisions or blobs"));
}

void RepoScanJob::computeSizesAndTimes()
{
    CachedRepo &repo = *m_repo;
    QSet<InodeKey> counted;      // every distinct file of the repo folder
    QSet<InodeKey> referenced;   // what some revision uses
    auto countInRepo = [&](const EntryStat &s) {
        if (!counted.contains(inodeKey(s))) {
            counted.insert(inodeKey(s));
            repo.sizeOnDisk += s.diskSize;
            repo.sizeApparent += s.size;
        }
    };
    for (const CachedBlob &blob : std::as_const(repo.blobs)) {
        const EntryStat *content = repo.blobContent(blob);
        if (content && content->isRegularFile())
            countInRepo(*content);
    }
    for (CachedRevision &revision : repo.revisions) {
        QSet<InodeKey> inRevision;
        // huggingface_hub: the newest mtime of the files' blobs, the snapshot folder's when it has none.
        std::optional<qint64> newestContent;
        for (const SnapshotEntry &entry : std::as_const(revision.entries)) {
            const EntryStat *content = repo.contentStat(entry);
            if (entry.kind == SnapshotEntry::Kind::File || entry.kind == SnapshotEntry::Kind::Symlink)
                ++revision.nbFiles;
            if (!content)
                continue;
            newestContent = std::max(newestContent.value_or(content->mtime), content->mtime);
            countInRepo(*content);
            if (!inRevision.contains(inodeKey(*content))) {
                inRevision.insert(inodeKey(*content));
                revision.sizeOnDisk += content->diskSize;
                revision.sizeApparent += content->size;
            }
            if (!referenced.contains(inodeKey(*content))) {
                referenced.insert(inodeKey(*content));
                repo.sizeReferenced += content->size;
                repo.lastAccessed = std::max(repo.lastAccessed, content->atime);
                repo.lastModified = std::max(repo.lastModified, content->mtime);
            }
        }
        revision.lastModified = newestContent.value_or(revision.stat.mtime);
    }
    repo.nbFiles = int(referenced.size());
    if (repo.nbFiles == 0) {  // huggingface_hub's fallback: the repo folder itself
        repo.lastAccessed = repo.stat.atime;
        repo.lastModified = repo.stat.mtime;
    }
    for (const CachedRef &ref : std::as_const(repo.refs))
        repo.lastRefChange = std::max(repo.lastRefChange, ref.stat.mtime);
}

void RepoScanJob::findOrphans()
{
    for (const CachedBlob &blob : std::as_const(m_repo->blobs)) {
        const QByteArray relative = "blobs/" + blob.name;
        if (blob.kind == BlobKind::Incomplete) {
            addFinding(Severity::Warning, FindingCode::IncompleteDownload, relative,
                       QStringLiteral("download in progress or interrupted (%1 so far); 'hfcache locks' tells which")
                           .arg(HumanFormat::size(blob.stat.size)));
        } else if (const EntryStat *content = m_repo->blobContent(blob);
                   blob.snapshotLinks == 0 && blob.kind != BlobKind::Invalid && content && content->isRegularFile()) {
            addFinding(Severity::Info, FindingCode::OrphanBlob, relative,
                       blob.isShared()
                           ? QStringLiteral("no revision uses this link into the shared blob store (its payload: %1 on "
                                            "disk, freed only with the last link to it)").arg(HumanFormat::size(content->diskSize))
                           : QStringLiteral("no revision uses this blob (%1 on disk)").arg(HumanFormat::size(blob.stat.diskSize)));
        }
    }
}

} // namespace hfcache

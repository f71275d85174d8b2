// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "DeleteExecutor.h"

#include "ActiveDownloads.h"
#include "InUseChecker.h"
#include "cache/EntryStat.h"
#include "cache/FolderListing.h"
#include "LockProber.h"
#include "MaintainLog.h"
#include "SharedBlobRelease.h"
#include "cache/BlobLock.h"
#include "util/DirectoryReader.h"
#include "util/FdWalk.h"
#include "util/PathText.h"
#include "util/SystemError.h"
#include "util/UniqueFd.h"

#include <QSet>

#include <cerrno>
#include <fcntl.h>
#include <future>
#include <map>
#include <memory>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace hfcache {

namespace {

using Kind = DeleteOperation::Kind;

bool isLocked(const DeleteOperation &op)
{
    return (op.kind == Kind::Blob || op.kind == Kind::Incomplete || op.kind == Kind::HomeFile) && !op.lockPath.isEmpty();
}

// A blob's lock file goes with its blob; a lock held over several files of a clean stays until the end.
bool dropsLockWhenDone(const DeleteOperation &op)
{
    return op.kind == Kind::Blob || op.kind == Kind::Incomplete;
}

// "a download holds its blob lock /c/.locks/x/e.lock" (hub) or "a process holds its lock /d/x_builder.lock".
QString heldLockText(const DeleteOperation &op, const QByteArray &root)
{
    return (op.kind == Kind::HomeFile ? QStringLiteral("a process holds its lock %1")
                                      : QStringLiteral("a download holds its blob lock %1"))
        .arg(PathText::display(root + '/' + op.lockPath));
}

// Lock files of a clean are locked and asked about in batches: one reading of /proc per batch,
// and never more open lock files than a default descriptor limit allows.
constexpr int LockFileBatch = 256;

struct Tally
{
    int removed = 0;
    int gone = 0;        // already gone when we came to it: another process removed it first
    quint64 bytes = 0;
};

// unlinkat with the bytes it frees: an inode's blocks count when its last link goes.
[[nodiscard]] bool removeEntry(int dirFd, const QByteArray &name, const QByteArray &shown, Tally &tally, QString *error)
{
    struct stat st;
    if (::fstatat(dirFd, name.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
        if (errno == ENOENT) {
            ++tally.gone;  // gone meanwhile: what we wanted, but not our doing
            return true;
        }
        *error = pathError(QStringLiteral("cannot remove"), shown, errno);
        return false;
    }
    const bool directory = S_ISDIR(st.st_mode);
    if (::unlinkat(dirFd, name.constData(), directory ? AT_REMOVEDIR : 0) != 0) {
        if (errno == ENOENT) {
            ++tally.gone;
            return true;
        }
        *error = pathError(QStringLiteral("cannot remove"), shown, errno);
        if (errno == ENOTEMPTY)
            *error += QStringLiteral(" (new files appeared since the scan)");
        return false;
    }
    ++tally.removed;
    if (directory || st.st_nlink <= 1)
        tally.bytes += quint64(st.st_blocks) * 512;
    return true;
}

// A folder of removeTree's walk: opened by name from its parent, never through a link, and
// checked to be on the filesystem the removal started on.
UniqueFd openSubfolder(int parentFd, const QByteArray &name, quint64 device, struct stat *self, int *openError)
{
    UniqueFd fd(::openat(parentFd, name.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    *openError = fd.isValid() ? 0 : errno;
    if (fd.isValid() && ::fstat(fd.get(), self) != 0)
        *openError = errno, fd.reset();
    if (fd.isValid() && device != 0 && quint64(self->st_dev) != device)
        *openError = EXDEV, fd.reset();
    return fd;
}

// A folder of removeTree's walk that could not be opened (`openError`, not ENOENT): a file or
// link now is removed as one entry; another filesystem or an unreadable folder stops the removal.
[[nodiscard]] bool removeUnopened(int parentFd, const QByteArray &name, const QByteArray &shown, int openError, Tally &tally,
                                  QString *error)
{
    if (openError == ENOTDIR || openError == ELOOP)
        return removeEntry(parentFd, name, shown, tally, error);
    *error = openError == EXDEV
        ? QStringLiteral("not removing %1: it is another filesystem mounted in the cache").arg(PathText::display(shown))
        : pathError(QStringLiteral("cannot open"), shown, openError);
    return false;
}

// The repo's blobs/ folder whose files were removed under their locks: it goes when empty; what
// is left in it appeared since the scan or belongs to a download.
[[nodiscard]] bool removeEmptiedBlobs(int repoFd, const QByteArray &shown, Tally &tally, QString *error)
{
    if (removeEntry(repoFd, "blobs", shown, tally, error))
        return true;
    if (::faccessat(repoFd, "blobs", F_OK, AT_SYMLINK_NOFOLLOW) == 0)
        *error = QStringLiteral("kept %1: it holds files a download is using or that appeared since the scan")
                     .arg(PathText::display(shown));
    return false;
}

// Post-order removal without following links or crossing into another filesystem. With
// `keepBlobFiles` the files of a direct "blobs" child stay (they were removed under their
// locks; whatever is left there appeared since and belongs to a download). Iterative with one
// folder open at a time: it climbs back through ".." checked against the (device, inode) seen
// on the way down, so a chain of any depth costs neither stack nor file descriptors.
bool removeTree(int parentFd, const QByteArray &name, const QByteArray &shown, quint64 device, Tally &tally,
                QString *error, QByteArray *failedAt, bool keepBlobFiles = false)
{
    struct Level
    {
        QByteArray name;
        quint64 parentDevice, parentInode;
    };
    auto fail = [&](const QString &message, const QByteArray &at) {
        *error = message;
        if (failedAt->isEmpty())
            *failedAt = at;
        return false;
    };
    struct stat self;
    int openError = 0;
    UniqueFd current = openSubfolder(parentFd, name, device, &self, &openError);
    if (!current.isValid()) {
        if (openError == ENOENT) {
            ++tally.gone;  // gone meanwhile (another rm or prune)
            return true;
        }
        return removeUnopened(parentFd, name, shown, openError, tally, error) || fail(*error, shown);
    }
    const quint64 treeDevice = quint64(self.st_dev);
    std::vector<Level> levels;  // the folders below `name` we are in, outermost first
    QByteArray currentShown = shown;
    for (;;) {
        DirectoryReader dir(current.get(), ".");
        if (!dir.isOpen())
            return fail(pathError(QStringLiteral("cannot open"), currentShown, dir.error()), currentShown);
        bool descended = false;
        for (const DirectoryReader::Entry &entry : dir.entries()) {
            const QByteArray child = currentShown + '/' + entry.name;
            struct stat st;
            if (::fstatat(current.get(), entry.name.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0)
                continue;
            if (!S_ISDIR(st.st_mode)) {
                if (!removeEntry(current.get(), entry.name, child, tally, error))
                    return fail(*error, child);
                continue;
            }
            if (keepBlobFiles && levels.empty() && entry.name == "blobs") {
                if (!removeEmptiedBlobs(current.get(), child, tally, error))
                    return fail(*error, child);
                continue;
            }
            struct stat childStat;
            UniqueFd next = openSubfolder(current.get(), entry.name, treeDevice, &childStat, &openError);
            if (!next.isValid()) {
                if (openError != ENOENT && !removeUnopened(current.get(), entry.name, child, openError, tally, error))
                    return fail(*error, child);
                continue;
            }
            levels.push_back({entry.name, quint64(self.st_dev), quint64(self.st_ino)});
            current = std::move(next);
            self = childStat;
            currentShown = child;
            descended = true;
            break;
        }
        if (descended)
            continue;
        // `current` is empty now: remove it from its parent.
        if (levels.empty()) {
            current.reset();
            if (!removeEntry(parentFd, name, shown, tally, error))
                return fail(*error, shown);
            return true;
        }
        const Level level = levels.back();
        levels.pop_back();
        UniqueFd up(::openat(current.get(), "..", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
        const QByteArray parentShown = currentShown.left(currentShown.size() - level.name.size() - 1);
        if (!up.isValid() || ::fstat(up.get(), &self) != 0 || quint64(self.st_dev) != level.parentDevice
            || quint64(self.st_ino) != level.parentInode)
            return fail(QStringLiteral("not removing %1: its folder was moved during the deletion").arg(PathText::display(currentShown)),
                        currentShown);
        current = std::move(up);
        if (!removeEntry(current.get(), level.name, currentShown, tally, error))
            return fail(*error, currentShown);
        currentShown = parentShown;
    }
}

// The blob names the links below `name` (in `parentFd`) point to, read by fd. False when the
// tree could not be read whole: then no blob of the repo may be taken for an orphan.
bool collectLinkedBlobs(int parentFd, const char *name, int depth, QSet<QByteArray> *linked)
{
    DirectoryReader dir(parentFd, name);
    if (!dir.isOpen())
        return dir.error() == ENOENT && depth == 0;  // no snapshots/ at all: nothing links
    if (depth > FolderListing::MaxDepth)
        return false;  // deeper than the scan looks (too-deep): do not guess
    const QList<DirectoryReader::Entry> entries = dir.entries();
    if (dir.error() != 0)
        return false;
    for (const DirectoryReader::Entry &entry : entries) {
        EntryStat st;
        if (!EntryStat::lstatAt(dir.fd(), entry.name, &st))
            continue;
        if (st.isSymlink()) {
            const QByteArray target = EntryStat::readLinkAt(dir.fd(), entry.name);
            linked->insert(target.mid(target.lastIndexOf('/') + 1));
        } else if (st.isDirectory() && !collectLinkedBlobs(dir.fd(), entry.name.constData(), depth + 1, linked)) {
            return false;
        }
    }
    return true;
}

// Explains what an interrupted item leaves, so the user knows the cache is still consistent.
QStringList leftOf(const DeleteItem &item, int failedIndex, const QByteArray &root)
{
    QStringList left;
    for (int i = failedIndex; i < item.operations.size(); ++i)
        left << item.operations[i].describe(root);
    const Kind failed = item.operations[failedIndex].kind;
    if (failed == Kind::Snapshot || failed == Kind::NoExist || failed == Kind::TreeListing)
        left << QStringLiteral("the refs of this revision were removed first and no blob was removed, "
                               "so no ref names a half-deleted snapshot and every remaining link resolves; "
                               "blobs whose links are already gone are orphans now ('hfcache prune --orphans')");
    return left;
}

// The repo folders of a plan, each once.
QList<QByteArray> repoFolders(const DeletePlan &plan)
{
    QList<QByteArray> folders;
    QSet<QByteArray> seen;
    for (const DeleteItem &item : plan.items) {
        if (!item.repoFolder.isEmpty() && !seen.contains(item.repoFolder)) {  // empty: the shared blob store
            seen.insert(item.repoFolder);
            folders.append(item.repoFolder);
        }
    }
    return folders;
}

// Repos of the plan a download works in: nothing of them may go (it links any blob next).
QList<DeleteNote> busyRepos(const DeletePlan &plan, const ActiveDownloads::Result &activity)
{
    QList<DeleteNote> notes;
    for (const QByteArray &folder : repoFolders(plan)) {
        if (activity.busy.contains(folder))
            notes.append({folder, QStringLiteral("a download is running in this repo: %1").arg(activity.busy.value(folder))});
    }
    return notes;
}

// A blob lock that is not free: held, or refused (`why` says how).
struct ProbedLock
{
    LockProbe::State state = LockProbe::State::Free;
    QString why;
};

// The blob locks of what the plan deletes, each lock folder opened once; by lock path, those not
// free only (a free lock is the rule: no table of 100k entries for them). A lock two operations
// share is probed twice; one not free stays not free.
QHash<QByteArray, ProbedLock> probeBlobLocks(const DeletePlan &plan, LockProber &locks)
{
    QHash<QByteArray, ProbedLock> notFree;
    for (const DeleteItem &item : plan.items) {
        for (const DeleteOperation &op : item.operations) {
            if (!isLocked(op))
                continue;
            QString why;
            const LockProbe::State state = locks.probe(op.lockPath, &why);
            if (state != LockProbe::State::Free)
                notFree.insert(op.lockPath, {state, why});
        }
    }
    return notFree;
}

// What the plan's blob locks and lock folders show.
struct LockLook
{
    QHash<QByteArray, ProbedLock> notFree;  // probeBlobLocks
    ActiveDownloads::Files downloads;       // lock files and downloads started since the scan
};

// The blob locks first, so that the look for downloads takes the lock files' identity from these
// probes (each lock folder opened and listed once). `incomplete`: the .incomplete files, listed
// meanwhile. The prober's tables go before the caller waits for the in-use answers.
LockLook lookAtLocks(const DeletePlan &plan, int rootFd, const ProcLocks::Result &procLocks,
                     const QList<QByteArray> &folders, std::future<QHash<FileKey, QByteArray>> &incomplete)
{
    LockLook look;
    LockProber locks(rootFd, plan.root, &procLocks, &plan.plainLockFiles);
    look.notFree = probeBlobLocks(plan, locks);
    look.downloads = {ActiveDownloads::lockFilesOf(plan.root, folders, &locks), incomplete.get()};
    return look;
}

// Who uses the plan's files, and which of its repos a download works in.
struct UseAnswers
{
    InUseAnswer answer;
    QHash<QByteArray, QString> lockUsers;  // lock path -> who has it open (holder or waiter)
    ActiveDownloads::Result activity;
};

// The plan's content files with their paths, for the checker (which may ask the kernel about
// them); its lock files go with the download files (askAboutDownloads).
QHash<FileKey, QByteArray> planQuestions(const DeletePlan &plan)
{
    QHash<FileKey, QByteArray> asked;
    asked.reserve(plan.contentFiles.size());
    for (auto it = plan.contentFiles.cbegin(); it != plan.contentFiles.cend(); ++it) {
        QByteArray path;  // one allocation (each '+' of QByteArray makes one)
        path.reserve(plan.root.size() + 1 + it.value().size());
        asked.insert(it.key(), path.append(plan.root).append('/').append(it.value()));
    }
    return asked;
}

// `more` added to `answer`: a file either answer sees used is used (so no longer unknown).
void addAnswer(InUseAnswer &answer, const InUseAnswer &more)
{
    answer.unknown.unite(more.unknown);
    answer.users.insert(more.users);
    for (auto it = answer.users.cbegin(); it != answer.users.cend(); ++it)
        answer.unknown.remove(it.key());
    if (answer.uninspected.isEmpty())
        answer.uninspected = more.uninspected;
}

// The files that tell whether a download works in the plan's repos, and the plan's lock files,
// asked about (without a path: their users are downloads, never a reason to probe). A download
// file the plan deletes as content (an .incomplete blob) goes without its path too: the question
// about the content probes it, and two lease probes of one file at once would each see the
// other's descriptor and call the file used.
InUseAnswer askAboutDownloads(const DeletePlan &plan, const DeleteExecutor::Options &options,
                              const ActiveDownloads::Files &downloads)
{
    if (!options.inUse)
        return {};
    QHash<FileKey, QByteArray> asked = ActiveDownloads::questionsAbout(plan.root, downloads);
    asked.reserve(asked.size() + plan.lockFiles.size());
    for (auto it = plan.lockFiles.cbegin(); it != plan.lockFiles.cend(); ++it)
        asked.insert(it.key(), {});
    for (auto it = downloads.incomplete.cbegin(); it != downloads.incomplete.cend(); ++it) {
        if (plan.contentFiles.contains(it.key()))
            asked.insert(it.key(), {});
    }
    return options.inUse->check(asked);
}

// Who uses the plan's files and the download files, from the two questions, and which repos a
// download works in.
UseAnswers askWhoUses(const DeletePlan &plan, const DeleteExecutor::Options &options,
                      const ActiveDownloads::Files &downloads, const ProcLocks::Result &procLocks,
                      std::future<InUseAnswer> &planAnswer)
{
    UseAnswers use;
    const InUseAnswer downloadsAnswer = askAboutDownloads(plan, options, downloads);
    use.answer = planAnswer.get();
    addAnswer(use.answer, downloadsAnswer);
    for (auto it = plan.lockFiles.cbegin(); it != plan.lockFiles.cend(); ++it) {
        if (use.answer.users.contains(it.key()))
            use.lockUsers.insert(it.value(), use.answer.users.value(it.key()));
    }
    use.activity = ActiveDownloads::judge(plan.root, downloads, options.inUse ? &use.answer : nullptr, &procLocks);
    return use;
}

// A held blob lock refuses its operation (or keeps it, with skipHeldLocks); a lock file a
// process waits on is kept. Returns the paths left alone for a held lock.
QSet<QByteArray> judgeLocks(const DeletePlan &plan, const DeleteExecutor::Options &options,
                            const QHash<QByteArray, ProbedLock> &notFree, const QHash<QByteArray, QString> &lockUsers,
                            DeleteResult &result)
{
    QSet<QByteArray> skipped;  // blobs a download holds: not deleted, so their users do not matter
    for (const DeleteItem &item : plan.items) {
        for (const DeleteOperation &op : item.operations) {
            const QString lockUser = lockUsers.value(op.lockPath);
            const ProbedLock lock = isLocked(op) ? notFree.value(op.lockPath) : ProbedLock{};
            if (lock.state != LockProbe::State::Free) {
                const DeleteNote note{op.path, lock.state == LockProbe::State::Refused
                                                   ? lock.why
                                                   : heldLockText(op, plan.root)
                                                         + (lockUser.isEmpty() ? QString() : QStringLiteral(": ") + lockUser)};
                (options.skipHeldLocks ? result.kept : result.refusals).append(note);
                skipped.insert(op.path);
            } else if (!lockUser.isEmpty()) {
                // Deleting a lock file a process waits on would let two downloads run at once.
                result.kept.append({op.lockPath, QStringLiteral("a process waits on this lock: %1").arg(lockUser)});
            }
        }
    }
    return skipped;
}

// Content a process has open refuses the delete (or is forced); content nobody could look at
// is counted in unknownUse.
void judgeContentInUse(const DeletePlan &plan, const DeleteExecutor::Options &options, const InUseAnswer &answer,
                       const QSet<QByteArray> &skipped, DeleteResult &result)
{
    int unknown = 0;
    for (auto it = plan.contentFiles.cbegin(); it != plan.contentFiles.cend(); ++it) {
        if (skipped.contains(it.value()))
            continue;
        if (answer.unknown.contains(it.key()))
            ++unknown;
        if (answer.users.contains(it.key()))
            (options.force ? result.forced : result.refusals).append({it.value(), answer.users.value(it.key())});
    }
    if (unknown > 0)
        result.unknownUse = QStringLiteral("whether %1 file(s) are in use is unknown: %2, and the kernel tells only "
                                           "the owner of a file whether it is open")
                                .arg(unknown).arg(answer.uninspected);
}

} // namespace

// Walks a root-relative path one component at a time from the plan's root, never following a
// link. The root is the one the plan shows, opened without following any link and checked
// against the scan, so a symlink swapped after planning cannot move the delete elsewhere.
class DeleteExecutor::Walker
{
public:
    explicit Walker(const DeletePlan &plan) : m_root(plan.root)
    {
        if (!m_walk.openRoot(m_root, &m_rootError))
            return;
        FdWalk::Stat st;
        if (plan.rootInode != 0 && (!FdWalk::statFd(m_walk.rootFd(), &st) || st.inode != plan.rootInode
                                    || st.device != plan.rootDevice))
            m_rootError = QStringLiteral("not deleting in %1: it is not the folder that was scanned (scan again)")
                              .arg(PathText::display(m_root));
    }

    // The verified root, or -1 with rootError().
    int rootFd() const { return m_rootError.isEmpty() ? m_walk.rootFd() : -1; }
    const QString &rootError() const { return m_rootError; }

    // The folder holding `path` (opened) and the last component; *error (and *code, errno) set on failure.
    UniqueFd parentOf(const QByteArray &path, QByteArray *name, QString *error, int *code = nullptr) const
    {
        if (rootFd() < 0) {
            *error = m_rootError;
            return {};
        }
        const QList<QByteArray> parts = path.split('/');
        UniqueFd dir(::fcntl(rootFd(), F_DUPFD_CLOEXEC, 0));
        QByteArray walked = m_root;
        for (int i = 0; i + 1 < parts.size(); ++i) {
            walked += '/' + parts[i];
            const int next = ::openat(dir.get(), parts[i].constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            if (next < 0) {
                if (code)
                    *code = errno;
                *error = pathError(QStringLiteral("cannot open"), walked, errno);
                return {};
            }
            dir.reset(next);
        }
        *name = parts.last();
        return dir;
    }

    QByteArray absolute(const QByteArray &path) const { return m_root + '/' + path; }

private:
    QByteArray m_root;
    FdWalk m_walk;
    QString m_rootError;
};

DeleteResult DeleteExecutor::check(const DeletePlan &plan, const Options &options)
{
    return check(plan, options, Walker(plan));
}

DeleteResult DeleteExecutor::check(const DeletePlan &plan, const Options &options, const Walker &walker)
{
    DeleteResult result;
    if (walker.rootFd() < 0 && !plan.isEmpty()) {
        result.refusals.append({".", walker.rootError()});
        result.refused = true;
        return result;
    }
    // Who uses the plan's content files (where some processes cannot be inspected, a lease probe per
    // file: the longest step) is asked on other cores while the blob locks are probed; so is the
    // look for downloads started since the scan, which lists each repo's blobs/ again.
    std::promise<InUseAnswer> planAnswerMade;
    std::future<InUseAnswer> planAnswer = planAnswerMade.get_future();
    std::jthread planUse([&plan, &options, &planAnswerMade] {
        const QHash<FileKey, QByteArray> asked = planQuestions(plan);
        planAnswerMade.set_value(options.inUse ? options.inUse->check(asked) : InUseAnswer{});
    });  // `asked` (every blob's path) is freed after the answer is handed over, while the check goes on
    const QList<QByteArray> folders = repoFolders(plan);
    std::future<QHash<FileKey, QByteArray>> incomplete =
        std::async(std::launch::async, [&plan, &folders] { return ActiveDownloads::incompleteOf(plan.root, folders); });
    // One reading of /proc/locks (each one waits 5-20 ms for the kernel) for the blob locks and
    // the look for downloads.
    const ProcLocks::Result procLocks = plan.isEmpty() ? ProcLocks::Result{} : ProcLocks::read();
    const LockLook locks = lookAtLocks(plan, walker.rootFd(), procLocks, folders, incomplete);
    const UseAnswers use = askWhoUses(plan, options, locks.downloads, procLocks, planAnswer);
    result.refusals = busyRepos(plan, use.activity);
    const QSet<QByteArray> skipped = judgeLocks(plan, options, locks.notFree, use.lockUsers, result);
    judgeContentInUse(plan, options, use.answer, skipped, result);
    result.refused = !result.refusals.isEmpty() || (!result.unknownUse.isEmpty() && !options.ignoreUninspected);
    return result;
}

// One execute() after the check passed, in its steps: every blob lock taken, downloads asked
// again, then each item's operations in the plan's order.
class DeleteExecutor::Execution
{
public:
    Execution(const DeletePlan &plan, const Options &options, const Walker &walker, DeleteResult &result)
        : m_plan(plan), m_options(options), m_walker(walker), m_result(result)
    {
        for (const DeleteNote &note : std::as_const(result.kept))
            m_keptPaths.insert(note.path);
    }

    // Every blob lock before the first change: a download that starts now waits for us. False
    // (the plan refused) when one cannot be had.
    bool lockBlobs()
    {
        for (const DeleteItem &item : m_plan.items) {
            for (const DeleteOperation &op : item.operations)
                lockBlobOf(op);
        }
        // A download that started between the check and our locks works unhindered in blobs we
        // do not lock: ask again now that every lock of ours is held.
        if (m_result.refusals.isEmpty())
            m_result.refusals = busyRepos(m_plan, ActiveDownloads::find(m_plan.root, repoFolders(m_plan), m_options.inUse));
        m_result.refused = !m_result.refusals.isEmpty();
        return !m_result.refused;
    }

    void deleteItems()
    {
        for (const DeleteNote &note : std::as_const(m_result.kept))
            m_waitedLocks.insert(note.path);
        for (int i = 0; i < m_plan.items.size(); ++i) {
            if (m_options.cancel && m_options.cancel->load())
                break;
            if (deleteItem(i))
                ++m_result.itemsDone;
        }
        m_result.removed = m_tally.removed;
        m_result.alreadyGone = m_tally.gone;
        m_result.bytesFreed = m_tally.bytes;
    }

private:
    // The blobs a repo's snapshots link to, looked at again just before its orphans go.
    struct SnapshotLinks
    {
        QSet<QByteArray> blobs;
        bool known = true;
    };
    enum class Step { Skipped, Done, Failed };

    void lockBlobOf(const DeleteOperation &op)
    {
        if (!isLocked(op) || m_keptPaths.contains(op.path) || m_locks.count(op.lockPath))
            return;
        auto lock = std::make_unique<BlobLock>(m_walker.rootFd(), m_plan.root, op.lockPath);
        const BlobLock::State state = lock->tryLock();
        if (state == BlobLock::State::Locked) {
            m_locks.emplace(op.lockPath, std::move(lock));
            return;
        }
        const DeleteNote note{op.path, state == BlobLock::State::Busy ? heldLockText(op, m_plan.root) : lock->error()};
        if (state == BlobLock::State::Busy && m_options.skipHeldLocks) {
            m_result.kept.append(note);
            m_keptPaths.insert(op.path);
        } else {
            m_result.refusals.append(note);
        }
    }

    // True when every operation of the item went; the first failure stops it.
    bool deleteItem(int index)
    {
        const DeleteItem &item = m_plan.items[index];
        // An orphan may have been linked since the scan (huggingface_hub links an existing blob
        // without its lock): looked at again now that we hold the locks, just before unlinking.
        SnapshotLinks links;
        if (item.kind == DeleteItem::Kind::Orphans) {
            QByteArray name;
            QString ignored;
            const UniqueFd repo = m_walker.parentOf(item.repoFolder + "/snapshots", &name, &ignored);
            links.known = repo.isValid() && collectLinkedBlobs(repo.get(), "snapshots", 0, &links.blobs);
        }
        for (int j = 0; j < item.operations.size(); ++j) {
            if (item.operations[j].kind == Kind::LockFile && !m_lockFilesAsked.contains(item.operations[j].path))
                lockFilesFrom(index, j);
            const Step step = deleteOperation(item, j, links);
            if (step != Step::Skipped && m_options.progress)
                m_options.progress({index, int(m_plan.items.size()), item.label(), m_tally.bytes});
            if (step == Step::Failed)
                return false;
        }
        return true;
    }

    // Why `op` stays although the plan has it; empty when it goes.
    QString keepReason(const DeleteItem &item, const DeleteOperation &op, const SnapshotLinks &links) const
    {
        if (item.kind == DeleteItem::Kind::Orphans && op.kind == Kind::Blob
            && (!links.known || links.blobs.contains(op.path.mid(op.path.lastIndexOf('/') + 1))))
            return links.known ? QStringLiteral("a snapshot links to it since the scan")
                               : QStringLiteral("cannot tell whether a snapshot links to it (the repo's snapshots "
                                                "could not be read)");
        if (op.kind == Kind::Blob && std::any_of(op.usedBy.cbegin(), op.usedBy.cend(),
                                                 [&](const QByteArray &c) { return m_failedCommits.contains(c); }))
            return QStringLiteral("a revision that uses it was not fully deleted");
        return {};
    }

    Step deleteOperation(const DeleteItem &item, int index, const SnapshotLinks &links)
    {
        const DeleteOperation &op = item.operations[index];
        if (m_keptPaths.contains(op.path))
            return Step::Skipped;
        if (const QString why = keepReason(item, op, links); !why.isEmpty()) {
            m_result.kept.append({op.path, why});
            return Step::Skipped;
        }
        QByteArray name;
        QString error;
        QByteArray failedAt;
        int code = 0;
        const UniqueFd parent = m_walker.parentOf(op.path, &name, &error, &code);
        if (!parent.isValid() && op.kind == Kind::LockFolder)
            return Step::Skipped;  // no lock folder: nothing to remove
        if (!parent.isValid() && code == ENOENT) {
            ++m_tally.gone;  // its folder went meanwhile (another rm or prune): so did it
            return Step::Skipped;
        }
        const bool ok = parent.isValid() && isUnchanged(parent.get(), name, op, &error)
                        && removeEntryOf(op, parent.get(), name, &error, &failedAt);
        if (ok && isLocked(op) && dropsLockWhenDone(op))
            dropBlobLock(op.lockPath);
        if (ok)
            return Step::Done;
        if (!item.commit.isEmpty())
            m_failedCommits.insert(item.commit);
        m_result.failures.append({item.label(), failedAt.isEmpty() ? m_walker.absolute(op.path) : failedAt, error,
                                  leftOf(item, index, m_plan.root)});
        return Step::Failed;
    }

    // The entry is the one the scan saw. A lock folder may be one our own blob locks made again
    // (a re-run, or another rm that removed it first); it goes only when empty, so its inode
    // does not matter.
    bool isUnchanged(int parentFd, const QByteArray &name, const DeleteOperation &op, QString *error) const
    {
        if (op.inode == 0 || op.kind == Kind::LockFolder)
            return true;
        struct stat st;
        if (::fstatat(parentFd, name.constData(), &st, AT_SYMLINK_NOFOLLOW) == 0
            && (quint64(st.st_ino) != op.inode || quint64(st.st_dev) != op.device)) {
            *error = QStringLiteral("not removing %1: it was replaced since the scan (scan again)")
                         .arg(PathText::display(m_walker.absolute(op.path)));
            return false;
        }
        return true;
    }

    bool removeEntryOf(const DeleteOperation &op, int parentFd, const QByteArray &name, QString *error,
                       QByteArray *failedAt)
    {
        const QByteArray shown = m_walker.absolute(op.path);
        switch (op.kind) {
        case Kind::Snapshot:
        case Kind::NoExist:
            return removeTree(parentFd, name, shown, op.device, m_tally, error, failedAt);
        case Kind::RepoRest:
            return removeTree(parentFd, name, shown, op.device, m_tally, error, failedAt, true);
        case Kind::LockFile: {
            // The lock of files we deleted, held since lockBlobs(): nobody can take it while we unlink.
            if (m_locks.count(op.path))
                return removeEntry(parentFd, name, shown, m_tally, error);
            // Removed, kept or failed already by lockFilesFrom.
            *error = m_lockFileErrors.value(op.path);
            return error->isEmpty();
        }
        case Kind::LockFolder:
            // Lock files someone waits on stay, and so does their folder.
            if (::unlinkat(parentFd, name.constData(), AT_REMOVEDIR) == 0)
                ++m_tally.removed;
            return true;
        case Kind::HomeFolder: {
            struct stat st{};
            if (::fstatat(parentFd, name.constData(), &st, AT_SYMLINK_NOFOLLOW) == 0 && !S_ISDIR(st.st_mode)) {
                *error = QStringLiteral("not removing %1: it is no longer a folder").arg(PathText::display(shown));
                return false;
            }
            if (::unlinkat(parentFd, name.constData(), AT_REMOVEDIR) == 0) {
                ++m_tally.removed;
                m_tally.bytes += quint64(st.st_blocks) * 512;
            } else if (errno == ENOENT) {
                ++m_tally.gone;
            } else if (errno == ENOTEMPTY || errno == EEXIST) {
                m_result.kept.append({op.path, QStringLiteral("it still holds entries that stay")});
            } else {
                *error = pathError(QStringLiteral("cannot remove"), shown, errno);
                return false;
            }
            return true;
        }
        case Kind::SharedBlob:
        case Kind::SharedManifest: {
            const SharedBlobRelease::Outcome outcome = SharedBlobRelease::run(m_walker.rootFd(), parentFd, m_plan.root, op,
                                                                              m_waitedLocks.contains(op.lockPath));
            m_tally.removed += outcome.removed;
            m_tally.bytes += outcome.bytes;
            if (!outcome.kept.isEmpty())
                m_result.kept.append({op.path, outcome.kept});
            *error = outcome.error;
            return outcome.ok;
        }
        default:
            return removeEntry(parentFd, name, shown, m_tally, error);
        }
    }

    // Takes the next lock files of the plan from item `itemIndex`, operation `from` on (a batch
    // of them, across items), asks once who else has them open, and unlinks the others while
    // still holding them. One that a process opened (to wait on it, or about to take it) stays,
    // since unlinking it would let that process and the next one hold "the same" lock (filelock
    // #574). Opened read-write without creating anything: a lock file gone meanwhile is not made
    // again. Their operations then only report what happened here.
    void lockFilesFrom(int itemIndex, int from)
    {
        QHash<FileKey, QByteArray> asked;  // the lock files we now hold, by identity
        for (int n = itemIndex, i = from; n < m_plan.items.size() && asked.size() < LockFileBatch; ++n, i = 0) {
            const QList<DeleteOperation> &operations = m_plan.items[n].operations;
            for (; i < operations.size() && asked.size() < LockFileBatch; ++i) {
                if (operations[i].kind == Kind::LockFile)
                    lockLockFile(operations[i], &asked);
            }
        }
        if (m_options.inUse && !asked.isEmpty()) {
            QHash<FileKey, QByteArray> questions;  // lock files go without a path (InUseChecker)
            for (auto it = asked.cbegin(); it != asked.cend(); ++it)
                questions.insert(it.key(), {});
            const InUseAnswer answer = m_options.inUse->check(questions);
            for (auto it = answer.users.cbegin(); it != answer.users.cend(); ++it) {
                const QByteArray path = asked.value(it.key());
                m_lockFilesHeld.erase(path);
                keepLockFile(path, QStringLiteral("a process has this lock open: %1").arg(it.value()));
            }
        }
        // Unlinked at once, still held: the time in which a process could open one and wait on it
        // unseen is as short as it can be.
        for (auto it = m_lockFilesHeld.begin(); it != m_lockFilesHeld.end(); it = m_lockFilesHeld.erase(it)) {
            const QByteArray &path = it->first;
            QByteArray name;
            QString error;
            const UniqueFd parent = m_walker.parentOf(path, &name, &error);
            struct stat st;
            if (parent.isValid() && ::fstatat(parent.get(), name.constData(), &st, AT_SYMLINK_NOFOLLOW) == 0
                && !(FileKey{quint64(st.st_dev), quint64(st.st_ino)} == it->second.planned))
                error = QStringLiteral("not removing %1: it was replaced since the scan (scan again)")
                            .arg(PathText::display(m_walker.absolute(path)));
            if (error.isEmpty() && parent.isValid())
                (void)removeEntry(parent.get(), name, m_walker.absolute(path), m_tally, &error);
            if (!error.isEmpty())
                m_lockFileErrors.insert(path, error);
        }
    }

    // lockFilesFrom for one lock file: held by us (and in *asked) unless gone, refused or held by another.
    void lockLockFile(const DeleteOperation &op, QHash<FileKey, QByteArray> *asked)
    {
        const QByteArray &path = op.path;
        if (m_lockFilesAsked.contains(path))
            return;
        m_lockFilesAsked.insert(path);
        if (m_keptPaths.contains(path) || m_locks.count(path))
            return;
        QString error;
        UniqueFd fd = BlobLock::openLockFile(m_walker.rootFd(), m_plan.root, path, BlobLock::Access::Existing, &error);
        struct stat st;
        if (!fd.isValid() || ::fstat(fd.get(), &st) != 0) {
            if (!error.isEmpty())
                keepLockFile(path, error);
            return;  // gone: its operation finds it gone too
        }
        BlobLock lock(std::move(fd), m_walker.absolute(path));
        const BlobLock::State state = lock.tryLock();
        if (state != BlobLock::State::Locked) {
            keepLockFile(path, state == BlobLock::State::Busy ? QStringLiteral("a process holds this lock") : lock.error());
            return;
        }
        const FileKey opened{quint64(st.st_dev), quint64(st.st_ino)};
        if (op.inode != 0 && !(opened == FileKey{op.device, op.inode})) {
            m_lockFileErrors.insert(path, QStringLiteral("not removing %1: it was replaced since the scan (scan again)")
                                              .arg(PathText::display(m_walker.absolute(path))));
            return;
        }
        asked->insert(opened, path);
        m_lockFilesHeld.emplace(path, HeldLockFile{std::move(lock), opened});
    }

    void keepLockFile(const QByteArray &path, const QString &why)
    {
        m_result.kept.append({path, why});
        m_keptPaths.insert(path);
    }

    // The blob's lock file goes too, while we hold it, unless another process waits on it.
    void dropBlobLock(const QByteArray &lockPath)
    {
        if (!m_waitedLocks.contains(lockPath)) {
            QByteArray lockName;
            QString ignored;
            const UniqueFd lockDir = m_walker.parentOf(lockPath, &lockName, &ignored);
            // Best effort: a lock file left behind is harmless, huggingface_hub reuses it.
            if (lockDir.isValid())
                (void)removeEntry(lockDir.get(), lockName, m_walker.absolute(lockPath), m_tally, &ignored);
        }
        m_locks.erase(lockPath);
    }

    const DeletePlan &m_plan;
    const Options &m_options;
    const Walker &m_walker;
    DeleteResult &m_result;
    QSet<QByteArray> m_keptPaths;
    std::map<QByteArray, std::unique_ptr<BlobLock>> m_locks;
    struct HeldLockFile
    {
        BlobLock lock;
        FileKey planned;  // what we hold, as the plan saw it
    };
    std::map<QByteArray, HeldLockFile> m_lockFilesHeld;  // lockFilesFrom's batch, by path
    QSet<QByteArray> m_lockFilesAsked;
    QHash<QByteArray, QString> m_lockFileErrors;  // lock files lockFilesFrom could not remove
    QSet<QByteArray> m_failedCommits;
    QSet<QByteArray> m_waitedLocks;
    Tally m_tally;
};

DeleteResult DeleteExecutor::execute(const DeletePlan &plan, const Options &options)
{
    const Walker walker(plan);
    DeleteResult result = check(plan, options, walker);
    qCDebug(lcMaintain) << "deleting" << plan.items.size() << "items in" << plan.root << (result.refused ? "refused:" : "checked:")
                        << result.refusals.size() << "refusals," << result.kept.size() << "kept";
    if (result.refused)
        return result;
    Execution execution(plan, options, walker, result);
    if (execution.lockBlobs())
        execution.deleteItems();
    return result;
}

} // namespace hfcache

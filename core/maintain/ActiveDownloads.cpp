// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "ActiveDownloads.h"

#include "InUseChecker.h"
#include "LockProber.h"
#include "activity/ProcLocks.h"
#include "util/DirectoryReader.h"
#include "util/PathText.h"
#include "util/UniqueFd.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hfcache {

namespace {

// Regular files of one folder whose names end with `suffix`: key -> path relative to the root.
// Those in `known` (relative path -> key) were just fstat'ed by the caller.
void collect(int parentFd, const QByteArray &folder, const QByteArray &relative, const QByteArray &suffix,
             const QHash<QByteArray, FileKey> *known, QHash<FileKey, QByteArray> &into)
{
    DirectoryReader dir(parentFd, folder.constData());
    if (!dir.isOpen())
        return;
    for (const DirectoryReader::Entry &entry : dir.entriesEndingWith(suffix)) {
        const QByteArray path = relative + '/' + entry.name;
        if (const FileKey key = known ? known->value(path) : FileKey{}; key.inode != 0) {
            into.insert(key, path);
            continue;
        }
        struct stat st;
        if (::fstatat(dir.fd(), entry.name.constData(), &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode))
            into.insert(FileKey{quint64(st.st_dev), quint64(st.st_ino)}, path);
    }
}

} // namespace

ActiveDownloads::Result ActiveDownloads::find(const QByteArray &root, const QList<QByteArray> &repoFolders,
                                              const InUseChecker *inUse)
{
    const Files files = filesOf(root, repoFolders);
    if (!inUse)
        return judge(root, files, nullptr);
    const InUseAnswer answer = inUse->check(questionsAbout(root, files));
    return judge(root, files, &answer);
}

ActiveDownloads::Files ActiveDownloads::filesOf(const QByteArray &root, const QList<QByteArray> &repoFolders)
{
    return {lockFilesOf(root, repoFolders), incompleteOf(root, repoFolders)};
}

QHash<FileKey, QByteArray> ActiveDownloads::lockFilesOf(const QByteArray &root, const QList<QByteArray> &repoFolders,
                                                        const LockProber *probed)
{
    QHash<FileKey, QByteArray> lockFiles;
    const UniqueFd rootFd(::open(root.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!rootFd.isValid() || repoFolders.isEmpty())
        return lockFiles;
    const UniqueFd locksFd(::openat(rootFd.get(), ".locks", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    for (const QByteArray &folder : repoFolders) {
        const QByteArray lockFolder = ".locks/" + folder;
        if (const QHash<QByteArray, FileKey> *listed = probed ? probed->listing(lockFolder) : nullptr) {
            for (auto it = listed->cbegin(); it != listed->cend(); ++it) {
                if (it.key().endsWith(".lock"))
                    lockFiles.insert(it.value(), it.key());
            }
        } else if (locksFd.isValid()) {
            collect(locksFd.get(), folder, lockFolder, ".lock", probed ? &probed->opened() : nullptr, lockFiles);
        }
    }
    return lockFiles;
}

QHash<FileKey, QByteArray> ActiveDownloads::incompleteOf(const QByteArray &root, const QList<QByteArray> &repoFolders)
{
    QHash<FileKey, QByteArray> incomplete;
    const UniqueFd rootFd(::open(root.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!rootFd.isValid())
        return incomplete;
    for (const QByteArray &folder : repoFolders) {
        const UniqueFd repoFd(::openat(rootFd.get(), folder.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
        if (repoFd.isValid())
            collect(repoFd.get(), "blobs", folder + "/blobs", ".incomplete", nullptr, incomplete);
    }
    return incomplete;
}

QHash<FileKey, QByteArray> ActiveDownloads::questionsAbout(const QByteArray &root, const Files &files)
{
    // Lock files go without a path (their users are downloads, never a reason to probe).
    QHash<FileKey, QByteArray> asked;
    asked.reserve(files.lockFiles.size() + files.incomplete.size());
    for (auto it = files.lockFiles.cbegin(); it != files.lockFiles.cend(); ++it)
        asked.insert(it.key(), {});
    for (auto it = files.incomplete.cbegin(); it != files.incomplete.cend(); ++it)
        asked.insert(it.key(), root + '/' + *it);
    return asked;
}

ActiveDownloads::Result ActiveDownloads::judge(const QByteArray &root, const Files &files, const InUseAnswer *answer,
                                               const ProcLocks::Result *procLocks)
{
    Result result;
    QHash<QByteArray, QString> &busy = result.busy;
    if (files.lockFiles.isEmpty() && files.incomplete.isEmpty())
        return result;
    auto repoFolderOf = [](const QByteArray &relative) {
        const QList<QByteArray> parts = relative.split('/');
        return parts.first() == ".locks" ? parts.value(1) : parts.first();
    };
    auto mark = [&](const QByteArray &relative, const QString &why) {
        const QByteArray folder = repoFolderOf(relative);
        if (!busy.contains(folder))
            busy.insert(folder, why);
    };

    // Held and waited-on locks of any user, from /proc/locks; our own (the executor's) are not a download.
    const ProcLocks::Result read = procLocks ? ProcLocks::Result{} : ProcLocks::read();
    const ProcLocks::Result &locks = procLocks ? *procLocks : read;
    if (locks.error.isEmpty()) {
        const qint64 self = ::getpid();
        for (const LockRecord &record : locks.records) {
            const auto it = files.lockFiles.constFind(record.file);
            if (it == files.lockFiles.cend() || record.pid == self || record.kind == LockRecord::Kind::Lease)
                continue;
            if (!record.blocked)
                result.heldLocks.insert(*it);
            mark(*it, QStringLiteral("a download %1 %2 (pid %3)")
                          .arg(record.blocked ? QStringLiteral("waits on") : QStringLiteral("holds"),
                               PathText::display(root + '/' + *it))
                          .arg(record.pid));
        }
    } else {
        const UniqueFd rootFd(::open(root.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
        LockProber prober(rootFd.get(), root);
        for (auto it = files.lockFiles.cbegin(); it != files.lockFiles.cend(); ++it) {
            QString why;
            if (prober.probe(*it, &why) == LockProbe::State::Held) {
                result.heldLocks.insert(*it);
                mark(*it, QStringLiteral("a download holds %1").arg(PathText::display(root + '/' + *it)));
            }
        }
    }
    if (!answer)
        return result;
    for (auto it = answer->users.cbegin(); it != answer->users.cend(); ++it) {
        const auto lock = files.lockFiles.constFind(it.key());
        const auto incomplete = files.incomplete.constFind(it.key());
        if (lock == files.lockFiles.cend() && incomplete == files.incomplete.cend())
            continue;  // a file the caller asked about for itself
        const QByteArray &relative = lock != files.lockFiles.cend() ? *lock : *incomplete;
        mark(relative, QStringLiteral("a download has %1 open: %2").arg(PathText::display(root + '/' + relative), *it));
    }
    return result;
}

} // namespace hfcache

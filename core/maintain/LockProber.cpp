// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "LockProber.h"

#include "util/BlobLock.h"
#include "util/FdWalk.h"

namespace hfcache {

LockProbe::State LockProber::probe(const QByteArray &relativePath, QString *why)
{
    const qsizetype slash = relativePath.lastIndexOf('/');
    QString invalid;
    if (slash <= 0 || !FdWalk::isValidRelativePath(relativePath, &invalid))
        return LockProbe::probe(m_rootFd, m_rootPath, relativePath, why);  // says why it is no lock path
    const QByteArray folderPath = relativePath.left(slash);
    auto folder = m_folders.find(folderPath);
    if (folder == m_folders.end()) {
        Folder opened;
        opened.fd = BlobLock::openLockFolder(m_rootFd, m_rootPath, folderPath, BlobLock::Access::Probe, &opened.error);
        folder = m_folders.emplace(folderPath, std::move(opened)).first;
    }
    if (!folder->second.fd.isValid()) {
        *why = folder->second.error;
        return why->isEmpty() ? LockProbe::State::Free : LockProbe::State::Refused;  // no folder: nobody holds a lock in it
    }
    FileKey key;
    const LockProbe::State state = LockProbe::probeIn(folder->second.fd.get(), m_rootPath + '/' + folderPath,
                                                      relativePath.mid(slash + 1), why, &key);
    if (key.inode != 0)
        m_opened.insert(relativePath, key);
    return state;
}

} // namespace hfcache

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "CacheBuilder.h"

#include <QCryptographicHash>
#include <QtTest>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

CacheBuilder::CacheBuilder(QByteArray root) : m_root(std::move(root))
{
    mkdirs({});
}

QByteArray CacheBuilder::commit(const QByteArray &seed)
{
    return QCryptographicHash::hash(seed, QCryptographicHash::Sha1).toHex();
}

void CacheBuilder::mkdirs(const QByteArray &relativePath)
{
    QByteArray path = m_root;
    for (const QByteArray &part : relativePath.split('/')) {
        if (part.isEmpty())
            continue;
        path += '/' + part;
        if (::mkdir(path.constData(), 0755) != 0 && errno != EEXIST)
            qFatal("mkdir %s failed", path.constData());
    }
    ::mkdir(m_root.constData(), 0755);
}

void CacheBuilder::nestFolders(const QByteArray &relativePath, int depth)
{
    mkdirs(relativePath);
    int fd = ::open((m_root + '/' + relativePath).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    for (int i = 0; i < depth && fd >= 0; ++i) {
        if (::mkdirat(fd, "d", 0755) != 0)
            qFatal("mkdirat at depth %d failed", i);
        const int next = ::openat(fd, "d", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        ::close(fd);
        fd = next;
    }
    if (fd < 0)
        qFatal("cannot open %s", relativePath.constData());
    ::close(::openat(fd, "leaf", O_WRONLY | O_CREAT | O_CLOEXEC, 0644));
    ::close(fd);
}

void CacheBuilder::writeFile(const QByteArray &relativePath, const QByteArray &content)
{
    const qsizetype slash = relativePath.lastIndexOf('/');
    if (slash > 0)
        mkdirs(relativePath.left(slash));
    const QByteArray path = m_root + '/' + relativePath;
    const int fd = ::open(path.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0 || ::write(fd, content.constData(), size_t(content.size())) != content.size())
        qFatal("write %s failed", path.constData());
    ::close(fd);
}

QByteArray CacheBuilder::addBlob(const QByteArray &repoFolder, const QByteArray &content, bool lfs)
{
    const QByteArray name = lfs ? QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex()
                                : QCryptographicHash::hash("blob " + QByteArray::number(content.size()) + '\0' + content,
                                                           QCryptographicHash::Sha1).toHex();
    writeFile(repoFolder + "/blobs/" + name, content);
    return name;
}

void CacheBuilder::symlink(const QByteArray &repoFolder, const QByteArray &commit, const QByteArray &path,
                           const QByteArray &target)
{
    const QByteArray relative = repoFolder + "/snapshots/" + commit + '/' + path;
    mkdirs(relative.left(relative.lastIndexOf('/')));
    const QByteArray full = m_root + '/' + relative;
    if (::symlink(target.constData(), full.constData()) != 0)
        qFatal("symlink %s failed", full.constData());
}

void CacheBuilder::linkBlob(const QByteArray &repoFolder, const QByteArray &commit, const QByteArray &path,
                            const QByteArray &blob)
{
    symlink(repoFolder, commit, path, QByteArray("../").repeated(int(path.count('/')) + 2) + "blobs/" + blob);
}

void CacheBuilder::writeRef(const QByteArray &repoFolder, const QByteArray &name, const QByteArray &content)
{
    writeFile(repoFolder + "/refs/" + name, content);
}

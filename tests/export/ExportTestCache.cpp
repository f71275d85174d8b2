#include "ExportTestCache.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include <unistd.h>

ExportTestRepo::ExportTestRepo(const QString &hubRoot, const QByteArray &folder, const QByteArray &c)
    : repoPath(QFile::encodeName(hubRoot) + '/' + folder), snapshotPath(repoPath + "/snapshots/" + c), commit(c)
{
    QDir().mkpath(QString::fromLocal8Bit(repoPath + "/blobs"));
    QDir().mkpath(QString::fromLocal8Bit(repoPath + "/refs"));
    QDir().mkpath(QString::fromLocal8Bit(snapshotPath));
    writeFile("refs/main", commit);
}

void ExportTestRepo::writeFile(const QByteArray &relativeToRepo, const QByteArray &content)
{
    const QString path = QString::fromLocal8Bit(repoPath + '/' + relativeToRepo);
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(content);
}

QByteArray ExportTestRepo::addBlob(const QByteArray &content, bool gitName)
{
    const QByteArray name = gitName ? QCryptographicHash::hash("blob " + QByteArray::number(content.size()) + '\0' + content,
                                                               QCryptographicHash::Sha1).toHex()
                                    : QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex();
    writeFile("blobs/" + name, content);
    return name;
}

void ExportTestRepo::linkBlob(const QByteArray &path, const QByteArray &blob)
{
    link(path, QByteArray("../").repeated(path.count('/') + 2) + "blobs/" + blob);
}

void ExportTestRepo::link(const QByteArray &path, const QByteArray &target)
{
    const QByteArray full = snapshotPath + '/' + path;
    QDir().mkpath(QFileInfo(QFile::decodeName(full)).path());
    ::symlink(target.constData(), full.constData());
}

QByteArray readAllBytes(const QByteArray &path)
{
    QFile file(QFile::decodeName(path));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QStringList nonRegularEntries(const QString &dir)
{
    QStringList odd;
    QDirIterator it(dir, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        const QFileInfo info = it.fileInfo();
        if (info.isSymLink() || !(info.isFile() || info.isDir()))
            odd << info.filePath();
    }
    return odd;
}

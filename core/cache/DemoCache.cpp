// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "DemoCache.h"

#include "HubCacheTag.h"
#include "util/DirectoryReader.h"
#include "util/PathText.h"
#include "util/SystemError.h"
#include "util/UniqueFd.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QRandomGenerator>

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hfcache {

namespace {

struct DemoFile
{
    QByteArray path;     // repo-relative
    QByteArray content;
    bool lfs = false;    // named by sha256 (LFS) or by git-blob sha1
};

struct DemoRevision
{
    QByteArray commit;
    QList<QByteArray> refs;
    QList<DemoFile> files;
    QList<QByteArray> missing;  // .no_exist markers
    int ageDays = 0;
};

QByteArray weights(quint32 seed, qsizetype size)
{
    QByteArray data(size, Qt::Uninitialized);
    QRandomGenerator generator(seed);
    generator.fillRange(reinterpret_cast<quint32 *>(data.data()), size / 4);
    return data;
}

QByteArray commitFor(const QByteArray &seed)
{
    return QCryptographicHash::hash("demo commit " + seed, QCryptographicHash::Sha1).toHex();
}

QByteArray etag(const DemoFile &file)
{
    if (file.lfs)
        return QCryptographicHash::hash(file.content, QCryptographicHash::Sha256).toHex();
    return QCryptographicHash::hash("blob " + QByteArray::number(file.content.size()) + '\0' + file.content,
                                    QCryptographicHash::Sha1).toHex();
}

// Writes below one folder fd only: every folder is made with mkdirat and opened O_NOFOLLOW,
// every file opened O_NOFOLLOW and refused unless it is a regular file of ours with one link,
// so nothing planted in the folder (a symlink, a hard link) can redirect a write by root.
class Writer
{
public:
    Writer(UniqueFd root, QByteArray rootPath, QString *error)
        : m_root(std::move(root)), m_rootPath(std::move(rootPath)), m_error(error) {}

    bool ok() const { return m_error->isEmpty(); }

    // The folder `path` (relative to the root), made like `mkdir -p`; invalid after an error.
    UniqueFd mkdirs(const QByteArray &path)
    {
        UniqueFd dir(::fcntl(m_root.get(), F_DUPFD_CLOEXEC, 0));
        QByteArray walked = m_rootPath;
        for (const QByteArray &part : path.split('/')) {
            walked += '/' + part;
            if (!ok())
                return {};
            if (::mkdirat(dir.get(), part.constData(), 0777) != 0 && errno != EEXIST) {
                *m_error = pathError(QStringLiteral("cannot create"), walked, errno);
                return {};
            }
            UniqueFd next(::openat(dir.get(), part.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
            if (!next.isValid()) {
                *m_error = pathError(QStringLiteral("cannot open"), walked, errno);
                return {};
            }
            dir = std::move(next);
        }
        return dir;
    }

    void writeFile(const QByteArray &path, const QByteArray &content, mode_t mode, qint64 mtime)
    {
        const qsizetype slash = path.lastIndexOf('/');
        const UniqueFd dir = slash < 0 ? UniqueFd(::fcntl(m_root.get(), F_DUPFD_CLOEXEC, 0)) : mkdirs(path.left(slash));
        if (!ok())
            return;
        const QByteArray shown = m_rootPath + '/' + path;
        const QByteArray name = path.mid(slash + 1);
        // Written again when two revisions share a file: the newer one's time wins.
        const UniqueFd fd(::openat(dir.get(), name.constData(), O_WRONLY | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, mode));
        struct stat st;
        if (!fd.isValid() || ::fstat(fd.get(), &st) != 0) {
            *m_error = pathError(QStringLiteral("cannot write"), shown, errno);
            return;
        }
        if (!S_ISREG(st.st_mode) || st.st_nlink != 1 || st.st_uid != ::geteuid()) {
            *m_error = QStringLiteral("refusing to write %1: not a file this command made").arg(PathText::display(shown));
            return;
        }
        if (::ftruncate(fd.get(), 0) != 0 || ::write(fd.get(), content.constData(), size_t(content.size())) != content.size()) {
            *m_error = pathError(QStringLiteral("cannot write"), shown, errno);
            return;
        }
        ::fchmod(fd.get(), mode);
        const struct timespec times[2] = {{mtime, 0}, {mtime, 0}};
        ::futimens(fd.get(), times);
    }

    void symlink(const QByteArray &target, const QByteArray &path)
    {
        const qsizetype slash = path.lastIndexOf('/');
        const UniqueFd dir = mkdirs(path.left(slash));
        if (ok() && ::symlinkat(target.constData(), dir.get(), path.mid(slash + 1).constData()) != 0 && errno != EEXIST)
            *m_error = pathError(QStringLiteral("cannot create link"), m_rootPath + '/' + path, errno);
    }

    void writeRepo(const QByteArray &repo, const QList<DemoRevision> &revisions)
    {
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        for (const DemoRevision &revision : revisions) {
            const qint64 mtime = now - qint64(revision.ageDays) * 86400;
            for (const DemoFile &file : revision.files) {
                const QByteArray name = etag(file);
                writeFile(repo + "/blobs/" + name, file.content, 0644, mtime);
                writeFile(".locks/" + repo + '/' + name + ".lock", {}, 0664, mtime);
                symlink(QByteArray("../").repeated(int(file.path.count('/')) + 2) + "blobs/" + name,
                        repo + "/snapshots/" + revision.commit + '/' + file.path);
            }
            for (const QByteArray &missing : revision.missing)
                writeFile(repo + "/.no_exist/" + revision.commit + '/' + missing, {}, 0644, mtime);
            for (const QByteArray &ref : revision.refs)
                writeFile(repo + "/refs/" + ref, revision.commit, 0644, mtime);  // no trailing newline, like huggingface_hub
        }
    }

private:
    UniqueFd m_root;
    QByteArray m_rootPath;
    QString *m_error;
};

// The demo's folder: made, or an empty one of ours (never another user's: she could plant
// links in it while we write), opened without following a link as its last component.
UniqueFd openTarget(const QByteArray &root, QString *error)
{
    const QByteArray parent = root.left(std::max<qsizetype>(root.lastIndexOf('/'), 1));
    if (!QDir().mkpath(QFile::decodeName(parent))) {
        *error = pathError(QStringLiteral("cannot create"), parent, errno);
        return {};
    }
    if (::mkdir(root.constData(), 0777) != 0 && errno != EEXIST) {
        *error = pathError(QStringLiteral("cannot create"), root, errno);
        return {};
    }
    UniqueFd fd(::open(root.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    struct stat st;
    if (!fd.isValid() || ::fstat(fd.get(), &st) != 0) {
        *error = errno == ELOOP || errno == ENOTDIR
                     ? QStringLiteral("%1 is not a folder (or is a symlink); the demo cache needs a new or empty folder")
                           .arg(PathText::display(root))
                     : pathError(QStringLiteral("cannot open"), root, errno);
        return {};
    }
    if (st.st_uid != ::geteuid()) {
        *error = QStringLiteral("%1 belongs to another user; the demo cache needs a new or empty folder of yours")
                     .arg(PathText::display(root));
        return {};
    }
    DirectoryReader listing(fd.get(), ".");
    if (!listing.entries().isEmpty()) {
        *error = QStringLiteral("%1 is not empty; the demo cache needs a new or empty folder").arg(PathText::display(root));
        return {};
    }
    return fd;
}

} // namespace

bool DemoCache::write(const QByteArray &root, QString *error)
{
    error->clear();
    UniqueFd rootFd = openTarget(root, error);
    if (!rootFd.isValid())
        return false;
    Writer writer(std::move(rootFd), root, error);
    writer.writeFile("CACHEDIR.TAG", HubCacheTag::kContent, 0644, QDateTime::currentSecsSinceEpoch());

    const DemoFile gitattributes{".gitattributes", "*.safetensors filter=lfs diff=lfs merge=lfs -text\n"};
    const DemoFile tokenizer{"tokenizer.json", R"({"version": "1.0", "model": {"type": "WordPiece"}})" "\n"};
    const DemoFile bertWeightsV1{"model.safetensors", weights(1, 3 << 20), true};
    const DemoFile bertWeightsV2{"model.safetensors", weights(2, 4 << 20), true};
    writer.writeRepo("models--demo-org--tiny-bert",
                     {{commitFor("bert v1"), {"v1.0", "refs/pr/1"},
                       {gitattributes, tokenizer, bertWeightsV1, {"config.json", R"({"hidden_size": 128})" "\n"}},
                       {}, 40},
                      {commitFor("bert v2"), {"main"},
                       {gitattributes, tokenizer, bertWeightsV2, {"config.json", R"({"hidden_size": 256})" "\n"},
                        {"README.md", "# tiny-bert\nA demo model made by hfcache.\n"}},
                       {"model.safetensors.index.json"}, 3}});

    const DemoFile gptWeights{"model.safetensors", weights(3, 6 << 20), true};
    writer.writeRepo("models--demo-gpt",
                     {{commitFor("gpt old"), {},
                       {gitattributes, gptWeights, {"config.json", R"({"n_layer": 2})" "\n"}}, {}, 90},
                      {commitFor("gpt new"), {"main"},
                       {gitattributes, gptWeights, {"config.json", R"({"n_layer": 2, "n_head": 4})" "\n"},
                        {"onnx/model.onnx", weights(4, 1 << 20), true}, {"vocab.json", R"({"hello": 0})" "\n"}},
                       {"adapter_config.json"}, 10}});

    writer.writeRepo("datasets--demo-org--tiny-dataset",
                     {{commitFor("dataset"), {"main"},
                       {gitattributes, {"README.md", "# tiny-dataset\n"},
                        {"data/train-00000-of-00001.parquet", weights(5, 2 << 20), true},
                        {"data/test-00000-of-00001.parquet", weights(6, 512 << 10), true}},
                       {}, 1}});
    return writer.ok();
}

} // namespace hfcache

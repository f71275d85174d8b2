#include "DemoCache.h"

#include "HubCacheTag.h"
#include "util/SystemError.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QRandomGenerator>

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

class Writer
{
public:
    Writer(QByteArray root, QString *error) : m_root(std::move(root)), m_error(error) {}

    bool ok() const { return m_error->isEmpty(); }

    void mkdirs(const QByteArray &path)
    {
        if (ok() && !QDir().mkpath(QFile::decodeName(path)))
            *m_error = pathError(QStringLiteral("cannot create"), path, errno);
    }

    void writeFile(const QByteArray &path, const QByteArray &content, mode_t mode, qint64 mtime)
    {
        if (!ok())
            return;
        const int fd = ::open(path.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, mode);
        if (fd < 0 || ::write(fd, content.constData(), size_t(content.size())) != content.size()) {
            *m_error = pathError(QStringLiteral("cannot write"), path, errno);
        } else {
            ::fchmod(fd, mode);
            const struct timespec times[2] = {{mtime, 0}, {mtime, 0}};
            ::futimens(fd, times);
        }
        if (fd >= 0)
            ::close(fd);
    }

    void symlink(const QByteArray &target, const QByteArray &path)
    {
        if (ok() && ::symlink(target.constData(), path.constData()) != 0 && errno != EEXIST)
            *m_error = pathError(QStringLiteral("cannot create link"), path, errno);
    }

    void writeRepo(const QByteArray &folder, const QList<DemoRevision> &revisions)
    {
        const QByteArray repo = m_root + '/' + folder;
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        for (const DemoRevision &revision : revisions) {
            const qint64 mtime = now - qint64(revision.ageDays) * 86400;
            for (const DemoFile &file : revision.files) {
                const QByteArray name = etag(file);
                const QByteArray link = repo + "/snapshots/" + revision.commit + '/' + file.path;
                mkdirs(repo + "/blobs");
                mkdirs(link.left(link.lastIndexOf('/')));
                mkdirs(m_root + "/.locks/" + folder);
                writeFile(repo + "/blobs/" + name, file.content, 0644, mtime);
                writeFile(m_root + "/.locks/" + folder + '/' + name + ".lock", {}, 0664, mtime);
                symlink(QByteArray("../").repeated(int(file.path.count('/')) + 2) + "blobs/" + name, link);
            }
            for (const QByteArray &missing : revision.missing) {
                const QByteArray marker = repo + "/.no_exist/" + revision.commit + '/' + missing;
                mkdirs(marker.left(marker.lastIndexOf('/')));
                writeFile(marker, {}, 0644, mtime);
            }
            for (const QByteArray &ref : revision.refs) {
                const QByteArray refPath = repo + "/refs/" + ref;
                mkdirs(refPath.left(refPath.lastIndexOf('/')));
                writeFile(refPath, revision.commit, 0644, mtime);  // no trailing newline, like huggingface_hub
            }
        }
    }

private:
    QByteArray m_root;
    QString *m_error;
};

} // namespace

bool DemoCache::write(const QByteArray &root, QString *error)
{
    error->clear();
    const QDir dir(QFile::decodeName(root));
    if (dir.exists() && !dir.isEmpty()) {
        *error = QStringLiteral("%1 is not empty; the demo cache needs a new or empty folder").arg(QFile::decodeName(root));
        return false;
    }
    Writer writer(root, error);
    writer.mkdirs(root);
    writer.writeFile(root + "/CACHEDIR.TAG", HubCacheTag::kContent, 0644, QDateTime::currentSecsSinceEpoch());

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

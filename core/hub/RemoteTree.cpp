// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "RemoteTree.h"

#include "cache/BlobHasher.h"
#include "util/PathText.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace hfcache {

namespace {

[[nodiscard]] bool validEntry(const RemoteFile &file, QString *error)
{
    if (!RemoteTree::isSafePath(file.path)) {
        *error = QStringLiteral("the Hub listed an unsafe file path '%1'").arg(PathText::display(file.path));
        return false;
    }
    if (BlobHasher::algorithmFor(file.etag()) != (file.lfsSha256.isEmpty() ? BlobHasher::Algorithm::GitSha1
                                                                              : BlobHasher::Algorithm::Sha256)
        || file.size < 0) {
        *error = QStringLiteral("the Hub listed '%1' with a malformed hash or size").arg(PathText::display(file.path));
        return false;
    }
    return true;
}

// json.dump's default ensure_ascii: what huggingface_hub writes for a non-ASCII path.
QByteArray jsonString(const QByteArray &raw)
{
    QByteArray out;
    PathText::appendJsonString(out, raw, PathText::JsonEscape::Ascii);
    return out;
}

} // namespace

bool RemoteTree::isSafePath(const QByteArray &path)
{
    if (path.isEmpty() || path.startsWith('/') || path.contains('\0') || path.contains('\\'))
        return false;
    for (const QByteArray &segment : path.split('/')) {
        if (segment.isEmpty() || segment == "." || segment == "..")
            return false;
    }
    return true;
}

bool RemoteTree::addApiPage(const QByteArray &json, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (!doc.isArray()) {
        *error = QStringLiteral("the Hub's tree listing is not a JSON array (%1)").arg(parseError.errorString());
        return false;
    }
    for (const QJsonValue &value : doc.array()) {
        const QJsonObject entry = value.toObject();
        if (entry.value(QLatin1String("type")).toString() != QLatin1String("file"))
            continue;
        RemoteFile file;
        file.path = entry.value(QLatin1String("path")).toString().toUtf8();
        file.blobId = entry.value(QLatin1String("oid")).toString().toLatin1();
        file.size = qint64(entry.value(QLatin1String("size")).toDouble(-1));
        const QJsonObject lfs = entry.value(QLatin1String("lfs")).toObject();
        if (!lfs.isEmpty()) {
            file.lfsSha256 = lfs.value(QLatin1String("oid")).toString().toLatin1();
            file.size = qint64(lfs.value(QLatin1String("size")).toDouble(double(file.size)));
        }
        if (!validEntry(file, error))
            return false;
        files.append(file);
    }
    return true;
}

std::optional<RemoteTree> RemoteTree::fromTreesFile(const QByteArray &json, const QByteArray &commit, QString *error)
{
    const QJsonObject root = QJsonDocument::fromJson(json).object();
    if (root.value(QLatin1String("format_version")).toInt() != 1) {
        *error = QStringLiteral("unknown trees/%1.json format").arg(QString::fromLatin1(commit));
        return std::nullopt;
    }
    RemoteTree tree;
    tree.commit = commit;
    const QJsonObject files = root.value(QLatin1String("files")).toObject();
    for (auto it = files.begin(); it != files.end(); ++it) {
        const QJsonObject entry = it.value().toObject();
        RemoteFile file;
        file.path = PathText::fromJsonString(it.key());
        file.size = qint64(entry.value(QLatin1String("size")).toDouble(-1));
        file.blobId = entry.value(QLatin1String("blob_id")).toString().toLatin1();
        file.lfsSha256 = entry.value(QLatin1String("lfs_sha256")).toString().toLatin1();
        if (!validEntry(file, error))
            return std::nullopt;
        tree.files.append(file);
    }
    tree.sort();
    return tree;
}

void RemoteTree::sort()
{
    std::sort(files.begin(), files.end(), [](const RemoteFile &a, const RemoteFile &b) { return a.path < b.path; });
}

QByteArray RemoteTree::toTreesFile() const
{
    QByteArray out = "{\n \"format_version\": 1,\n \"files\": {";
    for (qsizetype i = 0; i < files.size(); ++i) {
        const RemoteFile &f = files[i];
        out += i ? ",\n  " : "\n  ";
        out += jsonString(f.path) + ": {\n   \"size\": " + QByteArray::number(f.size) + ",\n   \"blob_id\": \""
             + f.blobId + '"';
        if (!f.lfsSha256.isEmpty())
            out += ",\n   \"lfs_sha256\": \"" + f.lfsSha256 + "\",\n   \"lfs_size\": " + QByteArray::number(f.size);
        out += "\n  }";
    }
    out += files.isEmpty() ? "}\n}" : "\n }\n}";
    return out;
}

} // namespace hfcache

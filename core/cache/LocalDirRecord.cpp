// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "LocalDirRecord.h"

#include "BlobKind.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace hfcache {

LocalDirRecord LocalDirRecord::parse(const QByteArray &content)
{
    LocalDirRecord record;
    QByteArray commit, etag;
    bool ok = false;
    const QList<QByteArray> lines = content.split('\n');
    if (lines.size() >= 3) {
        commit = lines.at(0).trimmed();
        etag = lines.at(1).trimmed();
        record.timestamp = lines.at(2).trimmed().toDouble(&ok);
    }
    if (!ok && content.trimmed().startsWith('{')) {
        const QJsonObject object = QJsonDocument::fromJson(content).object();
        commit = object.value(QLatin1String("commit_hash")).toString().toLatin1();
        etag = object.value(QLatin1String("etag")).toString().toLatin1();
        ok = object.value(QLatin1String("timestamp")).isDouble();
        record.timestamp = object.value(QLatin1String("timestamp")).toDouble();
    }
    record.commit = commit;
    record.etag = etag.toLower();
    const BlobKind kind = classifyBlobName(record.etag);
    record.valid = ok && isCommitHash(record.commit) && (kind == BlobKind::Sha256 || kind == BlobKind::GitSha1);
    return record;
}

} // namespace hfcache

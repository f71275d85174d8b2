// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "CachedUrlFiles.h"

#include "home/KindScan.h"
#include "util/PathText.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

#include <openssl/evp.h>

namespace hfcache {

QByteArray CachedUrlFiles::baseName(const QByteArray &name)
{
    for (const char *suffix : {".json", ".lock", ".incomplete"}) {
        if (name.endsWith(suffix) && name.size() > qsizetype(qstrlen(suffix)))
            return name.chopped(qsizetype(qstrlen(suffix)));
    }
    return name;
}

void CachedUrlFiles::pairExtracted(KindScan &scan, const QByteArray &downloadsKey)
{
    const QByteArray extractedPrefix = downloadsKey + "/extracted/";
    const QList<HomeGroup> &groups = scan.snapshot().groups;
    const bool anyExtracted = std::any_of(groups.cbegin(), groups.cend(), [](const HomeGroup &g) {
        return g.type == QLatin1String("extracted");
    });
    if (!anyExtracted)  // a million downloads need no hashing when nothing was extracted
        return;
    QByteArray path = scan.absolutePath({}) + '/';
    const qsizetype rootLength = path.size();
    for (qint32 i = 0; i < qint32(groups.size()); ++i) {
        const HomeGroup &download = groups.at(i);
        if (download.type != QLatin1String("download") || download.count(EntryRole::Data) == 0)
            continue;
        path.truncate(rootLength);
        path += download.key;
        unsigned char digest[EVP_MAX_MD_SIZE];
        unsigned int length = 0;
        if (EVP_Digest(path.constData(), size_t(path.size()), digest, &length, EVP_sha256(), nullptr) != 1)
            continue;
        const QByteArray hash = QByteArray(reinterpret_cast<const char *>(digest), int(length)).toHex();
        const qint32 extractedIndex = scan.snapshot().indexOfGroup(extractedPrefix + hash);
        if (extractedIndex < 0)
            continue;
        const QString url = download.detail(QStringLiteral("url"));
        const QString archive = url.isEmpty() ? PathText::display(download.key) : url;
        scan.groupAt(i).setDetail(QStringLiteral("extracted"), QString::fromLatin1(hash));
        scan.groupAt(extractedIndex).setDetail(QStringLiteral("archive"), archive);
    }
}

QString CachedUrlFiles::modelOfUrl(const QString &url)
{
    static const QString resolve = QStringLiteral("/resolve/");
    const qsizetype host = url.indexOf(QLatin1String("://"));
    const qsizetype cut = url.indexOf(resolve);
    if (host < 0 || cut < 0)
        return {};
    const qsizetype path = url.indexOf(QLatin1Char('/'), host + 3);
    return path < 0 || path >= cut ? QString() : url.mid(path + 1, cut - path - 1);
}

Placement CachedUrlFiles::classify(KindScan &scan, const WalkedEntry &entry, const QByteArray &folderKey,
                                   const QString &type)
{
    const QByteArray base = baseName(entry.name);
    const qint32 group = scan.group(folderKey.isEmpty() ? base : folderKey + '/' + base, type);
    if (entry.name.endsWith(".incomplete"))
        return {EntryRole::Temporary, group};
    if (!entry.name.endsWith(".json") || !entry.stat.isRegularFile())
        return {entry.stat.isDirectory() ? EntryRole::Folder : EntryRole::Data, group};
    const QJsonObject sidecar = QJsonDocument::fromJson(scan.readSmallFile(entry)).object();
    HomeGroup &item = scan.groupAt(group);
    for (const char *key : {"url", "etag"}) {
        const QString value = sidecar.value(QLatin1String(key)).toString();
        if (!value.isEmpty())
            item.setDetail(QLatin1String(key), value);
    }
    return {EntryRole::Metadata, group};
}

} // namespace hfcache

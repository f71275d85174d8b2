// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "CachedUrlFiles.h"

#include "home/KindScan.h"
#include "util/PathText.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace hfcache {

QByteArray CachedUrlFiles::baseName(const QByteArray &name)
{
    for (const char *suffix : {".json", ".lock", ".incomplete"}) {
        if (name.endsWith(suffix) && name.size() > qsizetype(qstrlen(suffix)))
            return name.chopped(qsizetype(qstrlen(suffix)));
    }
    return name;
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

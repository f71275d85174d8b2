// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "DatasetsKind.h"

#include "CachedUrlFiles.h"
#include "cache/FindingCode.h"
#include "home/HomeEnvironment.h"
#include "home/KindScan.h"
#include "util/PathText.h"

#include <QRegularExpression>
#include <QStringList>

namespace hfcache {

namespace {

const QByteArray Downloads = QByteArrayLiteral("downloads");
const QByteArray Extracted = QByteArrayLiteral("extracted");
const QByteArray Incomplete = QByteArrayLiteral(".incomplete");

// datasets utils/_filelock.py (datasets #8653): a lock name longer than f_namemax is cut and
// ends in str(hash(name)), which differs per process (PYTHONHASHSEED) -- 16 to 20 digits,
// maybe with a minus, in a name of 200 bytes or more.
bool isHashedLockName(const QByteArray &name)
{
    static const QRegularExpression hashed(QStringLiteral("-?\\d{16,20}\\.lock$"));
    return name.size() >= 200 && hashed.match(QString::fromLatin1(name.right(30))).hasMatch();
}

QString splitOf(const QByteArray &arrowName)
{
    // <builder>-<split>[-SSSSS-of-NNNNN].arrow
    static const QRegularExpression shard(QStringLiteral("-\\d{5}-of-\\d{5}$"));
    QString stem = PathText::display(arrowName.chopped(6));
    stem.remove(shard);
    const qsizetype dash = stem.lastIndexOf(QLatin1Char('-'));
    return dash < 0 ? stem : stem.mid(dash + 1);
}

Placement builderEntry(KindScan &scan, const WalkedEntry &entry)
{
    // depth 3: <dataset>/<config>/<version>/{<fingerprint>/, <fp>.incomplete/, <fp>_builder.lock, <fp>_info.lock}
    if (entry.depth() == 3) {
        QByteArray fingerprint = entry.name;
        QString type = QStringLiteral("builder");
        if (entry.stat.isDirectory() && fingerprint.endsWith(Incomplete)) {
            fingerprint.chop(Incomplete.size());
            type = QStringLiteral("incomplete");
        } else if (!entry.stat.isDirectory()) {
            for (const char *suffix : {"_builder.lock", "_info.lock"}) {
                if (fingerprint.endsWith(suffix))
                    fingerprint.chop(qsizetype(qstrlen(suffix)));
            }
        }
        const QByteArray key = entry.parentPath(3) + '/' + fingerprint + (type == QLatin1String("incomplete") ? Incomplete : QByteArray());
        const qint32 group = scan.group(key, type);
        HomeGroup &item = scan.groupAt(group);
        if (item.details.isEmpty()) {
            item.setDetail(QStringLiteral("dataset"), PathText::display(entry.parents.at(0)).replace(QStringLiteral("___"), QStringLiteral("/")));
            item.setDetail(QStringLiteral("config"), PathText::display(entry.parents.at(1)));
            item.setDetail(QStringLiteral("version"), PathText::display(entry.parents.at(2)));
        }
        const EntryRole role = entry.stat.isDirectory()
                                   ? (type == QLatin1String("incomplete") ? EntryRole::Temporary : EntryRole::Folder)
                                   : EntryRole::Lock;
        return {role, group};
    }
    if (entry.stat.isDirectory())
        return {EntryRole::Folder, entry.folderGroup};
    if (entry.depth() < 3)
        return {EntryRole::Other, -1};
    const QByteArray &name = entry.name;
    HomeGroup &item = scan.groupAt(entry.folderGroup);
    if (item.type == QLatin1String("incomplete"))
        return {EntryRole::Temporary, entry.folderGroup};
    const EntryRole role = DatasetsKind::builderFileRole(name);
    if (role == EntryRole::Data) {
        const QString split = splitOf(name);
        QStringList splits = item.detail(QStringLiteral("splits")).split(QLatin1Char(','), Qt::SkipEmptyParts);
        if (!splits.contains(split)) {
            splits.append(split);
            splits.sort();  // readdir's order is no order
            item.setDetail(QStringLiteral("splits"), splits.join(QLatin1Char(',')));
        }
    }
    return {role, entry.folderGroup};
}

Placement downloadsEntry(KindScan &scan, const WalkedEntry &entry)
{
    if (entry.depth() == 1 && entry.name == Extracted && entry.stat.isDirectory())
        return {EntryRole::Folder, -1};
    if (entry.depth() == 1)
        return CachedUrlFiles::classify(scan, entry, Downloads, QStringLiteral("download"));
    if (entry.depth() == 2 && entry.parents.at(1) == Extracted) {
        // extract.py:27-45, 437-441: extracted/<sha256(archive path)>/ and <same>.lock
        const QByteArray hash = entry.name.endsWith(".lock") ? entry.name.chopped(5) : entry.name;
        const qint32 group = scan.group(Downloads + '/' + Extracted + '/' + hash, QStringLiteral("extracted"));
        return {entry.stat.isDirectory() ? EntryRole::Folder : EntryRole::Other, group};
    }
    return {entry.stat.isDirectory() ? EntryRole::Folder : EntryRole::Data, entry.folderGroup};
}

} // namespace

EntryRole DatasetsKind::builderFileRole(const QByteArray &name)
{
    if (name.startsWith("cache-") && name.endsWith(".arrow"))  // arrow_dataset.py:3203-3211, 3232
        return EntryRole::DerivedCache;
    if (name.endsWith(".arrow"))
        return EntryRole::Data;
    if (name.endsWith(".json"))
        return EntryRole::Metadata;
    if (name.startsWith("tmp"))  // an interrupted map()'s NamedTemporaryFile (arrow_dataset.py:3906)
        return EntryRole::Temporary;
    return EntryRole::Other;
}

QString DatasetsKind::id() const { return QStringLiteral("datasets"); }
QString DatasetsKind::displayName() const { return QStringLiteral("datasets cache"); }
QString DatasetsKind::library() const { return QStringLiteral("datasets"); }

// config.py:153-170: HF_DATASETS_CACHE, else <HF_HOME as datasets expands it>/datasets.
KindLocation DatasetsKind::locate(const HomeEnvironment &env) const
{
    return env.firstSet(id(), {QStringLiteral("HF_DATASETS_CACHE")}, HomeEnvironment::Expand::User,
                        CacheLocations::joinPath(env.libraryHfHome(), QStringLiteral("datasets")), env.hfHomeSource());
}

Placement DatasetsKind::classify(KindScan &scan, const WalkedEntry &entry) const
{
    if (entry.depth() == 0) {
        if (entry.stat.isDirectory())
            return {EntryRole::Folder, -1};
        if (entry.name.endsWith(".lock")) {
            // builder.py:403-408: the builder folder's path with '/' as '_'.
            if (isHashedLockName(entry.name))
                scan.addFinding(Severity::Warning, FindingCode::DatasetsHashedLock, entry.name,
                                QStringLiteral("a lock name datasets shortened with Python's per-process hash() "
                                               "(datasets #8653): processes with different PYTHONHASHSEED lock "
                                               "different files, so they do not exclude each other"));
            return {EntryRole::Lock, -1};
        }
        scan.addFinding(Severity::Info, FindingCode::UnknownEntry, entry.name,
                        QStringLiteral("%1 is not part of the datasets cache's layout").arg(PathText::display(entry.name)));
        return {EntryRole::Other, -1};
    }
    if (entry.parents.first() == Downloads)
        return downloadsEntry(scan, entry);
    return builderEntry(scan, entry);
}

void DatasetsKind::finish(KindScan &scan) const
{
    CachedUrlFiles::pairExtracted(scan, Downloads);
}

} // namespace hfcache

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "DatasetExportSource.h"

#include "cache/EntryStat.h"
#include "home/kinds/DatasetsKind.h"
#include "util/DirectoryReader.h"
#include "util/FdWalk.h"
#include "util/PathText.h"
#include "util/SystemError.h"
#include "util/UniqueFd.h"

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hfcache {

namespace {

constexpr int BuilderDepth = 4;  // <ns>___<name>/<config>/<version>/<fingerprint> (builder.py:628-646)

// "cannot open P: reason", or for a link "P is a symbolic link (-> T): not followed".
QString openProblem(int dirFd, const QByteArray &name, const QByteArray &shown, int err)
{
    struct stat st;
    if (::fstatat(dirFd, name.constData(), &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode))
        return QStringLiteral("%1 is a symbolic link (-> %2): not followed")
            .arg(PathText::display(shown), PathText::display(EntryStat::readLinkAt(dirFd, name)));
    return pathError(QStringLiteral("cannot open"), shown, err);
}

QList<QByteArray> namesIn(int dirFd, const QByteArray &shown, QString *error)
{
    int err = 0;
    QList<QByteArray> names = DirectoryReader::sortedNames(dirFd, &err);
    if (err == 0)
        return names;
    *error = pathError(QStringLiteral("cannot read"), shown, err);
    return {};
}

} // namespace

QString DatasetExportSource::keyProblem(const QByteArray &key)
{
    const QList<QByteArray> parts = key.split('/');
    const bool badPart = std::any_of(parts.cbegin(), parts.cend(),
                                     [](const QByteArray &p) { return p.isEmpty() || p == "." || p == ".."; });
    if (parts.size() != BuilderDepth || badPart || parts.first() == "downloads")
        return QStringLiteral("%1 is not a builder item of a datasets cache (DATASET/CONFIG/VERSION/FINGERPRINT, "
                              "as 'hfcache home --kind datasets' lists it)").arg(PathText::display(key));
    if (parts.last().endsWith(".incomplete"))
        return QStringLiteral("%1 is a download_and_prepare that did not finish (.incomplete): nothing complete to export")
            .arg(PathText::display(key));
    return {};
}

std::optional<ExportSource> DatasetExportSource::open(const QByteArray &datasetsRoot, const QByteArray &key,
                                                      const Options &options, QString *error)
{
    *error = keyProblem(key);
    if (!error->isEmpty())
        return std::nullopt;
    ExportSource source;
    source.m_kindLabel = "datasets builder";
    const QByteArray canonical = FdWalk::canonicalPath(datasetsRoot);
    auto rootFd = std::make_shared<UniqueFd>(
        canonical.isEmpty() ? -1 : ::open(canonical.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!rootFd->isValid()) {
        *error = pathError(QStringLiteral("cannot open the datasets cache"), datasetsRoot, errno);
        return std::nullopt;
    }
    source.m_container = canonical;
    source.m_containerFd = rootFd;
    source.m_blobsFd = std::make_shared<UniqueFd>();
    source.m_sharedBlobsFd = std::make_shared<UniqueFd>();
    source.m_root = canonical + '/' + key;

    // Down to the builder folder without following a link: the cache is shared, the key typed.
    UniqueFd folder(::fcntl(rootFd->get(), F_DUPFD_CLOEXEC, 0));
    QByteArray here = canonical;
    for (const QByteArray &part : key.split('/')) {
        UniqueFd next(::openat(folder.get(), part.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
        if (!next.isValid()) {
            *error = openProblem(folder.get(), part, here + '/' + part, errno);
            return std::nullopt;
        }
        here += '/' + part;
        folder = std::move(next);
    }

    QStringList refusals;
    QStringList leftOut;
    for (const QByteArray &name : namesIn(folder.get(), source.m_root, error)) {
        const QByteArray shown = source.m_root + '/' + name;
        struct stat st;
        if (::fstatat(folder.get(), name.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
            if (errno != ENOENT)  // vanished since the listing: nothing to export
                refusals << pathError(QStringLiteral("cannot stat"), shown, errno);
            continue;
        }
        // datasets writes regular files only: a link here was planted, and is never followed.
        if (S_ISLNK(st.st_mode)) {
            refusals << QStringLiteral("%1 is a symbolic link (-> %2): a builder folder holds none; not followed")
                            .arg(PathText::display(shown), PathText::display(EntryStat::readLinkAt(folder.get(), name)));
            continue;
        }
        const EntryRole role = DatasetsKind::builderFileRole(name);
        const bool wanted = role == EntryRole::Data || role == EntryRole::Metadata
                            || (role == EntryRole::DerivedCache && options.mapCaches);
        if (S_ISDIR(st.st_mode)) {
            leftOut << QStringLiteral("%1 (a folder)").arg(PathText::display(name));
            continue;
        }
        if (!S_ISREG(st.st_mode)) {
            const QString what = QStringLiteral("%1 is not a regular file").arg(PathText::display(shown));
            if (wanted)
                refusals << what;
            else
                leftOut << QStringLiteral("%1 (not a regular file)").arg(PathText::display(name));
            continue;
        }
        if (role == EntryRole::DerivedCache && !options.mapCaches)
            continue;  // derived data, left out unless asked: not worth a warning
        if (!wanted) {
            leftOut << (role == EntryRole::Temporary ? QStringLiteral("%1 (an interrupted map()'s temporary)").arg(PathText::display(name))
                                                     : PathText::display(name));
            continue;
        }
        ExportItem item;
        item.path = name;
        item.contentPath = shown;
        item.base = ExportItem::Base::Container;
        item.location = key + '/' + name;
        item.takeIdentity(st);
        source.m_items << item;
        source.m_totalBytes += item.size;
    }
    if (!error->isEmpty())
        return std::nullopt;
    if (!refusals.isEmpty()) {
        *error = QStringLiteral("cannot export %1:\n  %2").arg(PathText::display(source.m_root), refusals.join(QStringLiteral("\n  ")));
        return std::nullopt;
    }
    if (source.m_items.isEmpty()) {
        *error = QStringLiteral("%1 holds no Arrow file or dataset_info.json to export").arg(PathText::display(source.m_root));
        return std::nullopt;
    }
    if (!leftOut.isEmpty())
        source.m_warnings << QStringLiteral("left out of the export of %1 (not a split, its metadata or a map cache): %2")
                                 .arg(PathText::display(source.m_root), leftOut.join(QStringLiteral(", ")));
    return source;
}

} // namespace hfcache

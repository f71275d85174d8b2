// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "RecentRootsMenu.h"

#include "localdir/LocalDirList.h"

#include "cache/CacheLocations.h"

#include <QFile>
#include <QSettings>

namespace hfcache {

namespace {

constexpr int MaxRecentRoots = 8;
const char *const RecentRootsKey = "recentRoots";

} // namespace

RecentRootsMenu::RecentRootsMenu(QWidget *parent)
    : QMenu(tr("Open &Recent"), parent)
{
    setObjectName(QStringLiteral("recentMenu"));
    connect(this, &QMenu::aboutToShow, this, &RecentRootsMenu::rebuild);
}

void RecentRootsMenu::remember(const QByteArray &root)
{
    QSettings settings;
    QStringList recent = settings.value(QLatin1String(RecentRootsKey)).toStringList();
    const QString entry = QFile::decodeName(root);
    recent.removeAll(entry);
    recent.prepend(entry);
    while (recent.size() > MaxRecentRoots)
        recent.removeLast();
    settings.setValue(QLatin1String(RecentRootsKey), recent);
}

void RecentRootsMenu::rebuild()
{
    clear();
    const CacheLocations locations = CacheLocations::resolve();
    const QStringList localDirs = LocalDirList::load();
    QStringList recent;
    for (const QString &root : QSettings().value(QLatin1String(RecentRootsKey)).toStringList()) {
        if (root != locations.hubCache && !localDirs.contains(root))
            recent << root;
    }
    const auto add = [this](const QString &label, const QString &root) {
        addAction(label, this, [this, root] { Q_EMIT openRequested(QFile::encodeName(root)); });
    };
    add(tr("%1 (from %2)").arg(locations.hubCache, locations.hubCacheSource), locations.hubCache);
    for (const QStringList *section : {&localDirs, &std::as_const(recent)}) {
        if (!section->isEmpty())
            addSeparator();
        for (const QString &root : *section)
            add(section == &localDirs ? tr("%1 (local_dir)").arg(root) : root, root);
    }
}

} // namespace hfcache

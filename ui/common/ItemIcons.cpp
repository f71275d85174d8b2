// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "ItemIcons.h"

#include "cache/Finding.h"

#include <QColor>
#include <QHash>

// Resources of a static library are not registered by themselves (nothing references them).
static void registerResources()
{
    Q_INIT_RESOURCE(hfcache);
}

namespace hfcache::ItemIcons {

QIcon named(const QString &name)
{
    static const bool registered = (registerResources(), true);
    Q_UNUSED(registered);
    static QHash<QString, QIcon> cache;
    auto it = cache.find(name);
    if (it == cache.end())
        it = cache.insert(name, QIcon(QStringLiteral(":/icons/%1.svg").arg(name)));
    return *it;
}

QIcon repoType(RepoType type)
{
    return named(QStringLiteral("type-") + repoTypeName(type));
}

QIcon revision(bool detached)
{
    return named(detached ? QStringLiteral("revision-detached") : QStringLiteral("revision"));
}

QIcon folder() { return named(QStringLiteral("folder")); }
QIcon file() { return named(QStringLiteral("file")); }
QIcon brokenLink() { return named(QStringLiteral("link-broken")); }

QIcon severity(int severity)
{
    switch (severity) {
    case int(Severity::Error): return named(QStringLiteral("status-error"));
    case int(Severity::Warning): return named(QStringLiteral("status-warning"));
    case int(Severity::Info): return named(QStringLiteral("status-info"));
    default: return named(QStringLiteral("status-ok"));
    }
}

QColor repoTypeColor(RepoType type)
{
    // Hues far apart on the color wheel, saturated enough for cushion shading to read.
    switch (type) {
    case RepoType::Model: return QColor(0x3d, 0x7e, 0xd8);
    case RepoType::Dataset: return QColor(0xe0, 0x8a, 0x1e);
    case RepoType::Space: return QColor(0x8e, 0x5a, 0xc8);
    case RepoType::Kernel: return QColor(0x2e, 0xa0, 0x7a);
    }
    return Qt::gray;
}

} // namespace hfcache::ItemIcons

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "AppSettings.h"

#include <QSettings>

namespace hfcache {

namespace {
const QString kRoots = QStringLiteral("preferences/cacheRoots");
const QString kGroup = QStringLiteral("preferences/sharedGroup");
const QString kAutoUpdates = QStringLiteral("preferences/automaticUpdateChecks");
const QString kCompression = QStringLiteral("preferences/exportCompression");
const QString kLevel = QStringLiteral("preferences/exportLevel");
const QString kVerify = QStringLiteral("preferences/exportVerify");
}

QStringList AppSettings::compressions()
{
    return {QStringLiteral("zstd"), QStringLiteral("gzip"), QStringLiteral("none")};
}

AppSettings AppSettings::load(const QSettings &settings)
{
    AppSettings s;
    s.cacheRoots = settings.value(kRoots).toStringList();
    s.sharedGroup = settings.value(kGroup).toString();
    // Strict: a hand-edited "yes please" must not turn network traffic on.
    s.automaticUpdateChecks = settings.value(kAutoUpdates).toString() == QLatin1String("true");
    const QString compression = settings.value(kCompression, s.exportCompression).toString();
    // A hand-edited file with an unknown method falls back to the default instead of failing exports.
    if (compressions().contains(compression))
        s.exportCompression = compression;
    s.exportLevel = qBound(1, settings.value(kLevel, s.exportLevel).toInt(), 19);
    s.exportVerify = settings.value(kVerify).toString() == QLatin1String("true");
    return s;
}

void AppSettings::save(QSettings &settings) const
{
    settings.setValue(kRoots, cacheRoots);
    settings.setValue(kGroup, sharedGroup);
    settings.setValue(kAutoUpdates, automaticUpdateChecks);
    settings.setValue(kCompression, exportCompression);
    settings.setValue(kLevel, exportLevel);
    settings.setValue(kVerify, exportVerify);
}

AppSettings AppSettings::load()
{
    return load(QSettings());
}

void AppSettings::save() const
{
    QSettings settings;
    save(settings);
}

} // namespace hfcache

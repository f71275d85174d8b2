// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QString>
#include <QStringList>

class QSettings;

namespace hfcache {

// The user's preferences of hfcache-gui, kept with QSettings under "preferences/" so the
// window geometry and recent roots (MainWindow's keys) stay apart.
struct AppSettings
{
    QStringList cacheRoots;            // hub caches offered besides the resolved default
    QString sharedGroup;               // group given to shared caches (ownership fixes)
    bool automaticUpdateChecks = false;  // check the Hub after each full scan; off: only on request
    QString exportCompression = QStringLiteral("zstd");  // "zstd", "gzip" or "none"
    int exportLevel = 3;
    bool exportVerify = false;         // hash every exported file against its blob name

    static QStringList compressions();
    static AppSettings load(const QSettings &settings);
    void save(QSettings &settings) const;
    // The application's own settings file.
    static AppSettings load();
    void save() const;

    friend bool operator==(const AppSettings &, const AppSettings &) = default;
};

} // namespace hfcache

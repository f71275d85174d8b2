// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QObject>

class QAction;
class QMenu;

namespace hfcache {

class WindowHost;

// Edit ▸ Settings… (the SettingsDialog on the application's QSettings) and File ▸ Open
// Configured Cache (the cache folders chosen there).
class PreferencesFeature : public QObject
{
    Q_OBJECT
public:
    explicit PreferencesFeature(WindowHost &host);

private:
    void edit();
    void rebuildCaches();

    WindowHost &m_host;
    QAction *m_settings;
    QMenu *m_caches = nullptr;
};

} // namespace hfcache

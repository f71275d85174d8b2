// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QObject>

class QAction;
class QMenu;

namespace hfcache {

class MainWindow;

// Edit ▸ Settings… (the SettingsDialog on the application's QSettings) and File ▸ Open
// Configured Cache (the cache folders chosen there).
class PreferencesFeature : public QObject
{
    Q_OBJECT
public:
    explicit PreferencesFeature(MainWindow &window);

    QAction *settingsAction() const { return m_settings; }

private:
    void edit();
    QMenu *menu(const QString &title) const;
    void rebuildCaches();

    MainWindow &m_window;
    QAction *m_settings;
    QMenu *m_caches = nullptr;
};

} // namespace hfcache

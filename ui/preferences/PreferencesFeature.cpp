// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "PreferencesFeature.h"

#include "SettingsDialog.h"
#include "common/AppSettings.h"
#include "common/WindowHost.h"

#include <QAction>
#include <QFile>
#include <QMenu>

namespace hfcache {

PreferencesFeature::PreferencesFeature(WindowHost &host)
    : QObject(&host)
    , m_host(host)
    , m_settings(new QAction(tr("&Settings…"), this))
{
    // Ctrl+, everywhere (README), besides what the desktop calls Preferences (nothing on many).
    QList<QKeySequence> shortcuts{QKeySequence(Qt::CTRL | Qt::Key_Comma)};
    for (const QKeySequence &platform : QKeySequence::keyBindings(QKeySequence::Preferences)) {
        if (!shortcuts.contains(platform))
            shortcuts << platform;
    }
    m_settings->setShortcuts(shortcuts);
    m_settings->setShortcutContext(Qt::WindowShortcut);
    host.window()->addAction(m_settings);  // reachable while the menu bar is hidden too
    m_settings->setMenuRole(QAction::PreferencesRole);
    connect(m_settings, &QAction::triggered, this, &PreferencesFeature::edit);
    if (QMenu *edit = m_host.menu(WindowHost::Menu::Edit)) {
        edit->addSeparator();
        edit->addAction(m_settings);
    }
    // The cache folders of Settings, next to Open Recent.
    if (QMenu *file = m_host.menu(WindowHost::Menu::File)) {
        m_caches = new QMenu(tr("Open &Configured Cache"), file);
        file->insertMenu(file->actions().value(2), m_caches);
        connect(m_caches, &QMenu::aboutToShow, this, &PreferencesFeature::rebuildCaches);
        rebuildCaches();
    }
}

void PreferencesFeature::rebuildCaches()
{
    m_caches->clear();
    const QStringList roots = AppSettings::load().cacheRoots;
    for (const QString &root : roots)
        m_caches->addAction(root, this, [this, root] { m_host.openRoot(QFile::encodeName(root)); });
    m_caches->setEnabled(!roots.isEmpty());
}

void PreferencesFeature::edit()
{
    SettingsDialog dialog(AppSettings::load(), m_host.window());
    if (dialog.exec() != QDialog::Accepted)
        return;
    dialog.settings().save();
    // A disabled menu never shows, so aboutToShow cannot enable it: rebuilt now.
    if (m_caches)
        rebuildCaches();
}

} // namespace hfcache

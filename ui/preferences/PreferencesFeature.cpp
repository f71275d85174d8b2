// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "PreferencesFeature.h"

#include "SettingsDialog.h"
#include "common/AppSettings.h"
#include "app/MainWindow.h"

#include <QAction>
#include <QCoreApplication>
#include <QFile>
#include <QMenu>
#include <QMenuBar>

namespace hfcache {

PreferencesFeature::PreferencesFeature(MainWindow &window)
    : QObject(&window)
    , m_window(window)
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
    window.addAction(m_settings);  // reachable while the menu bar is hidden too
    m_settings->setMenuRole(QAction::PreferencesRole);
    connect(m_settings, &QAction::triggered, this, &PreferencesFeature::edit);
    if (QMenu *edit = menu(QStringLiteral("&Edit"))) {
        edit->addSeparator();
        edit->addAction(m_settings);
    }
    // The cache folders of Settings, next to Open Recent.
    if (QMenu *file = menu(QStringLiteral("&File"))) {
        m_caches = new QMenu(tr("Open &Configured Cache"), file);
        file->insertMenu(file->actions().value(2), m_caches);
        connect(m_caches, &QMenu::aboutToShow, this, &PreferencesFeature::rebuildCaches);
        rebuildCaches();
    }
}

QMenu *PreferencesFeature::menu(const QString &title) const
{
    // The menus are MainWindow's; found by their (translated) title rather than widening MainWindow.
    const QString translated = QCoreApplication::translate("hfcache::MainWindow", title.toUtf8().constData());
    for (QAction *action : m_window.menuBar()->actions())
        if (action->menu() && action->text() == translated)
            return action->menu();
    return nullptr;
}

void PreferencesFeature::rebuildCaches()
{
    m_caches->clear();
    const QStringList roots = AppSettings::load().cacheRoots;
    for (const QString &root : roots)
        m_caches->addAction(root, this, [this, root] { m_window.openRoot(QFile::encodeName(root)); });
    m_caches->setEnabled(!roots.isEmpty());
}

void PreferencesFeature::edit()
{
    SettingsDialog dialog(AppSettings::load(), &m_window);
    if (dialog.exec() != QDialog::Accepted)
        return;
    dialog.settings().save();
    // A disabled menu never shows, so aboutToShow cannot enable it: rebuilt now.
    if (m_caches)
        rebuildCaches();
}

} // namespace hfcache

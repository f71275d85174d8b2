// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "LocalDirFeature.h"

#include "common/ItemIcons.h"
#include "LocalDirList.h"
#include "common/WindowHost.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QMenu>

namespace hfcache {

LocalDirFeature::LocalDirFeature(WindowHost &host)
    : QObject(&host)
    , m_host(host)
    , m_add(new QAction(ItemIcons::named(QStringLiteral("folder-open")), tr("Add &local_dir Folder…"), this))
    , m_forget(new QMenu(tr("&Forget local_dir Folder"), host.menu(WindowHost::Menu::File)))
{
    m_add->setObjectName(QStringLiteral("addLocalDirAction"));
    m_add->setStatusTip(tr("Open a folder written by `hf download --local-dir` and list it in Open Recent"));
    connect(m_add, &QAction::triggered, this, &LocalDirFeature::chooseFolder);
    m_forget->setObjectName(QStringLiteral("forgetLocalDirMenu"));
    connect(m_forget, &QMenu::aboutToShow, this, &LocalDirFeature::rebuildForgetMenu);
    // Right after File ▸ Open Cache Folder….
    QMenu *file = host.menu(WindowHost::Menu::File);
    QAction *before = file->actions().value(1);
    file->insertAction(before, m_add);
    file->insertMenu(before, m_forget);
    rebuildForgetMenu();
}

void LocalDirFeature::chooseFolder()
{
    const QString dir = QFileDialog::getExistingDirectory(m_host.window(), tr("Add local_dir Folder"), QDir::homePath());
    if (!dir.isEmpty())
        addFolder(QFile::encodeName(QDir::cleanPath(dir)));
}

void LocalDirFeature::addFolder(const QByteArray &dir)
{
    LocalDirList::add(dir);
    rebuildForgetMenu();
    m_host.openRoot(dir);
}

void LocalDirFeature::rebuildForgetMenu()
{
    m_forget->clear();
    const QStringList dirs = LocalDirList::load();
    for (const QString &dir : dirs)
        m_forget->addAction(dir, this, [this, dir] {
            LocalDirList::remove(QFile::encodeName(dir));
            rebuildForgetMenu();
        });
    m_forget->setEnabled(!dirs.isEmpty());
}

} // namespace hfcache

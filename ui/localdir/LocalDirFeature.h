// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QByteArray>
#include <QObject>

class QAction;
class QMenu;

namespace hfcache {

class WindowHost;

// File ▸ Add local_dir Folder… and File ▸ Forget local_dir Folder: the folders written by
// snapshot_download(local_dir=...) / `hf download --local-dir` that the window offers in Open
// Recent (LocalDirList) and scans with LocalDirScan.
class LocalDirFeature : public QObject
{
    Q_OBJECT
public:
    explicit LocalDirFeature(WindowHost &host);

    // Remembers `dir` and opens it.
    void addFolder(const QByteArray &dir);

private:
    void chooseFolder();
    void rebuildForgetMenu();

    WindowHost &m_host;
    QAction *m_add;
    QMenu *m_forget;
};

} // namespace hfcache

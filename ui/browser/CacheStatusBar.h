// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "common/LatestResult.h"
#include "audit/FilesystemFacts.h"

#include <QStatusBar>

class QLabel;
class QProgressBar;
class QToolButton;

namespace hfcache {

// Bottom line of the window: scan state with a progress indicator and Cancel on the left;
// total size on disk, repo count, free space and type of the cache's file system on the right.
// Free space (QStorageInfo) and the filesystem's facts come from the thread pool (statvfs can
// hang on a dead NFS).
class CacheStatusBar : public QStatusBar
{
    Q_OBJECT
public:
    explicit CacheStatusBar(QWidget *parent = nullptr);

    // 0: unknown yet (a busy indicator); the scanner counts the repo folders first.
    void setExpectedRepos(int repos);
    void setScanning(int reposDone);
    void setIdle(const QString &state);
    void setTotals(int repos, quint64 sizeOnDisk);
    void refreshFreeSpace(const QByteArray &root);

Q_SIGNALS:
    void cancelRequested();

private:
    void showFilesystem(const FilesystemFacts &facts, const QByteArray &root);

    QLabel *m_state;
    QProgressBar *m_progress;
    QToolButton *m_cancel;
    QLabel *m_size;
    QLabel *m_repos;
    QLabel *m_free;
    QLabel *m_filesystem;
    LatestResult m_freeSpace;
    int m_expected = 0;
};

} // namespace hfcache

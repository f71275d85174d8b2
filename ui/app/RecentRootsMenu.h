// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QMenu>

namespace hfcache {

// File ▸ Open Recent: the root huggingface_hub itself would use first, then the local_dir
// folders the user added, then the other roots opened (the newest 8, kept in QSettings).
// Rebuilt each time it opens, so it follows Settings and the local_dir list.
class RecentRootsMenu : public QMenu
{
    Q_OBJECT
public:
    explicit RecentRootsMenu(QWidget *parent = nullptr);

    // Puts `root` first among the recent roots.
    static void remember(const QByteArray &root);

Q_SIGNALS:
    void openRequested(const QByteArray &root);

private:
    void rebuild();
};

} // namespace hfcache

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QByteArray>
#include <QStringList>

namespace hfcache {

// The local_dir download folders (`hf download --local-dir D`) the user added with File ▸ Add
// local_dir Folder…, newest first, kept in QSettings beside MainWindow's recent cache roots.
// The window scans these as local_dir folders even when their .cache/huggingface/ is gone.
class LocalDirList
{
public:
    static QStringList load();
    static void add(const QByteArray &dir);
    static void remove(const QByteArray &dir);
    static bool contains(const QByteArray &dir);
};

} // namespace hfcache

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "LocalDirList.h"

#include <QFile>
#include <QSettings>

namespace hfcache {

namespace {

const QString Key = QStringLiteral("localDirs");

void store(const QStringList &dirs)
{
    QSettings().setValue(Key, dirs);
}

} // namespace

QStringList LocalDirList::load()
{
    return QSettings().value(Key).toStringList();
}

void LocalDirList::add(const QByteArray &dir)
{
    QStringList dirs = load();
    dirs.removeAll(QFile::decodeName(dir));
    dirs.prepend(QFile::decodeName(dir));
    store(dirs);
}

void LocalDirList::remove(const QByteArray &dir)
{
    QStringList dirs = load();
    dirs.removeAll(QFile::decodeName(dir));
    store(dirs);
}

bool LocalDirList::contains(const QByteArray &dir)
{
    return load().contains(QFile::decodeName(dir));
}

} // namespace hfcache

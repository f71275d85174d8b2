// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "WalkedEntry.h"

namespace hfcache {

QByteArray joinedPath(const QList<QByteArray> &parts, qsizetype count)
{
    QByteArray path;
    for (qsizetype i = 0; i < count && i < parts.size(); ++i) {
        if (i > 0)
            path += '/';
        path += parts.at(i);
    }
    return path;
}

QByteArray WalkedEntry::parentPath(qsizetype count) const
{
    return joinedPath(parents, count);
}

QByteArray WalkedEntry::path() const
{
    QByteArray folder = parentPath(parents.size());
    return folder.isEmpty() ? name : folder + '/' + name;
}

} // namespace hfcache

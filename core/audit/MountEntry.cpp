// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "MountEntry.h"

namespace hfcache {

namespace {

// "key" or "key=value" among `list`: the value after '=', or "" for the bare flag.
std::optional<QString> find(const QStringList &list, const QString &key)
{
    for (const QString &o : list) {
        if (o == key)
            return QString();
        if (o.size() > key.size() && o.startsWith(key) && o[key.size()] == QLatin1Char('='))
            return o.mid(key.size() + 1);
    }
    return std::nullopt;
}

} // namespace

std::optional<QString> MountEntry::lookup(const QString &key) const
{
    if (auto value = find(superOptions, key))
        return value;
    return find(mountOptions, key);
}

} // namespace hfcache

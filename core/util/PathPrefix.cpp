// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "PathPrefix.h"

namespace hfcache::PathPrefix {

namespace {

template<typename View, typename Char>
bool under(View path, View folder, Char slash)
{
    if (path.size() <= folder.size() || !path.startsWith(folder))
        return false;
    return folder.endsWith(slash) || path.at(folder.size()) == slash;
}

} // namespace

bool isUnder(QByteArrayView path, QByteArrayView folder)
{
    return under(path, folder, '/');
}

bool isUnder(QStringView path, QStringView folder)
{
    return under(path, folder, u'/');
}

bool isSameOrUnder(QByteArrayView path, QByteArrayView folder)
{
    return path == folder || under(path, folder, '/');
}

bool isSameOrUnder(QStringView path, QStringView folder)
{
    return path == folder || under(path, folder, u'/');
}

} // namespace hfcache::PathPrefix

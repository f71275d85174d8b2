// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "HomeGroup.h"

namespace hfcache {

QString HomeGroup::detail(const QString &name) const
{
    for (const auto &[detailName, value] : details) {
        if (detailName == name)
            return value;
    }
    return {};
}

void HomeGroup::setDetail(const QString &name, const QString &value)
{
    for (auto &[detailName, old] : details) {
        if (detailName == name) {
            old = value;
            return;
        }
    }
    details.append({name, value});
}

} // namespace hfcache

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "WhyPath.h"

#include "AccessCheck.h"
#include "UserIdentity.h"
#include "util/PathText.h"

namespace hfcache {

QStringList WhyPath::lines() const
{
    QStringList owners, groups;
    int ownerWidth = 1, groupWidth = 1;
    for (const PathComponent &c : components) {
        owners << (c.known ? UserIdentity::userName(c.stat.uid) : QStringLiteral("?"));
        groups << (c.known ? UserIdentity::groupName(c.stat.gid) : QStringLiteral("?"));
        ownerWidth = qMax(ownerWidth, int(owners.last().size()));
        groupWidth = qMax(groupWidth, int(groups.last().size()));
    }
    QStringList result;
    for (int i = 0; i < components.size(); ++i) {
        const PathComponent &c = components[i];
        const qsizetype slash = c.path.lastIndexOf('/');
        const QByteArray name = c.path == "/" || slash < 0 ? c.path : c.path.mid(slash + 1);
        QString line = QStringLiteral("%1 %2 %3 %4")
                           .arg(c.known ? AccessCheck::modeString(c.stat.mode) : QStringLiteral("?"), -10)
                           .arg(owners[i], -ownerWidth)
                           .arg(groups[i], -groupWidth)
                           .arg(PathText::display(name.isEmpty() ? QByteArray("/") : name));
        if (c.stat.isSymlink())
            line += QStringLiteral(" -> ") + AccessCheck::modeString(c.target.mode);
        if (i == denied)
            line += QStringLiteral("   <- ") + reason;
        result << line;
    }
    return result;
}

} // namespace hfcache

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "SystemError.h"

#include "PathText.h"

#include <cstring>

namespace hfcache {

QString errnoText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

QString pathError(const QString &verb, const QByteArray &path, int error)
{
    return QStringLiteral("%1 %2: %3").arg(verb, PathText::display(path), errnoText(error));
}

} // namespace hfcache

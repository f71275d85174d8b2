// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QByteArray>
#include <QString>

namespace hfcache {

// "Permission denied" for EACCES: the reason half of every error message.
QString errnoText(int error);
// "cannot open /x/y: Permission denied" -- errors always carry the path and the reason.
QString pathError(const QString &verb, const QByteArray &path, int error);

} // namespace hfcache

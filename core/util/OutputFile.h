// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QByteArray>
#include <QString>

namespace hfcache {

// A file a command writes at a name the user gave (a screenshot), safe when run by root in a
// folder others can write to: the bytes go to a new temporary (O_CREAT|O_EXCL|O_NOFOLLOW) in the
// target's folder, opened once, which is then renamed over the name. Whatever was planted at
// the name (a symlink to root's file, a hard link) is replaced, never followed or written into.
namespace OutputFile {

// False with *error ("cannot write /x: reason") on failure; nothing is left behind then.
[[nodiscard]] bool write(const QByteArray &path, const QByteArray &content, QString *error);

} // namespace OutputFile

} // namespace hfcache

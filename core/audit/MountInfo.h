// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "MountEntry.h"

#include <QList>

#include <optional>

namespace hfcache {

// Parses /proc/self/mountinfo and finds the mount a file lives on.
class MountInfo
{
public:
    // nullopt for a line of unknown shape.
    static std::optional<MountEntry> parseLine(const QByteArray &line);
    static QList<MountEntry> parse(const QByteArray &text);
    // Empty when the file cannot be read.
    static QList<MountEntry> read(const QByteArray &path = "/proc/self/mountinfo");
    // The mount of a file on device major:minor whose canonical path is `realPath`: among the
    // mounts of that device, the one with the longest mount point above the path (the last one
    // mounted wins a tie, as it hides the others). nullptr when none matches.
    static const MountEntry *find(const QList<MountEntry> &mounts, int major, int minor, const QByteArray &realPath);
};

} // namespace hfcache

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "activity/FileKey.h"

#include <QByteArray>
#include <QString>

namespace hfcache::LockProbe {

enum class State { Free, Held, Refused };

// Whether some process holds the flock of the blob lock `relativePath` (".locks/<repo>/<etag>.lock")
// below the cache folder `rootFd` right now. Opens it without creating anything (a dry run
// changes nothing) through BlobLock::openLockFile, tries the lock once and releases it at once.
// Refused (with *why) for a lock file or folder that is a link, a FIFO or hard-linked.
[[nodiscard]] State probe(int rootFd, const QByteArray &rootPath, const QByteArray &relativePath, QString *why);

// The same for the lock file `name` of a lock folder the caller opened once with
// BlobLock::openLockFolder (`folderPath` for messages): one openat per lock instead of a walk
// from the root, for plans that probe every blob lock of many repos. *opened (when given) gets
// the identity of the lock file it opened, and stays untouched when none was.
[[nodiscard]] State probeIn(int folderFd, const QByteArray &folderPath, const QByteArray &name, QString *why,
                            FileKey *opened = nullptr);

} // namespace hfcache::LockProbe

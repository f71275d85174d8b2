// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "activity/FileKey.h"

#include <QByteArray>
#include <QHash>
#include <QSet>
#include <QString>

namespace hfcache {

// What an InUseChecker found.
struct InUseAnswer
{
    // For each file some other process uses: "in use by pid 1234 python3 (alice) [mapped]".
    QHash<FileKey, QString> users;
    // Files nobody we could inspect uses, while some processes could not be inspected (other
    // users' when not root) and the kernel would not tell either: whether they are in use is unknown.
    QSet<FileKey> unknown;
    // Why: "4 process(es) of alice, root could not be inspected"; empty when every one was.
    QString uninspected;
};

// Who has cached files open or mapped right now. Deletion asks before its first change and
// refuses (unless forced) to pull a file from under a running job. The interface lets tests
// stand in a fixed answer; ProcInUseChecker asks core/activity, like doctor and locks do.
class InUseChecker
{
public:
    virtual ~InUseChecker() = default;
    // `files`: key -> absolute path. A file with a path is content that must not be in use (its
    // path lets the checker ask the kernel when /proc cannot tell); lock files come without one.
    virtual InUseAnswer check(const QHash<FileKey, QByteArray> &files) const = 0;
};

} // namespace hfcache

#pragma once

#include "activity/FileKey.h"

#include <QHash>
#include <QSet>
#include <QString>

namespace hfcache {

// Who has cached files open or mapped right now. Deletion asks before its first change and
// refuses (unless forced) to pull a file from under a running job. The interface lets tests
// stand in a fixed answer; ProcInUseChecker asks core/activity, like doctor and locks do.
class InUseChecker
{
public:
    virtual ~InUseChecker() = default;
    // For each of `files` some other process uses: "in use by pid 1234 python3 (alice) [mapped]".
    virtual QHash<FileKey, QString> check(const QSet<FileKey> &files) const = 0;
};

} // namespace hfcache

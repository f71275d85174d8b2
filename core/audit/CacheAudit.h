#pragma once

#include "AuditReport.h"
#include "cache/CacheSnapshot.h"

#include <QByteArray>
#include <QString>

namespace hfcache {

// Ownership and permissions of a scanned cache, for the current user or another one, from the
// lstat the scanner kept for every entry: nothing under the root is walked or stat'ed again.
// Only the components above the root (and HF_HOME's token) are stat'ed, plus ACL reads on
// folders in shared-group mode.
class CacheAudit
{
public:
    struct Options
    {
        QString asUser;        // empty: the current user (as root: the owner of the cache's home)
        QString sharedGroup;   // empty: shared mode only when detected
        QByteArray hfHome;     // empty: the root's parent when the root is named "hub"
    };

    // Empty report root and *error set for an unknown user or group.
    static AuditReport run(const CacheSnapshot &snapshot, const Options &options, QString *error);

    // lstat (and stat for links) of "/" and every component down to `path`.
    static QList<PathComponent> statChain(const QByteArray &path);
};

} // namespace hfcache

#pragma once

#include "ActivityReport.h"
#include "ActivityTargets.h"

namespace hfcache {

// Inspects locks (/proc/locks, FLOCK and POSIX), downloads and the processes using cached
// files (/proc/*/fd, /proc/*/maps). Read-only: it takes no lock and never disturbs a holder.
class CacheActivity
{
public:
    struct Options
    {
        QByteArray procRoot = "/proc";
        QByteArray procLocks = "/proc/locks";
        // An earlier report of the same targets: download rates are computed against it.
        const ActivityReport *previous = nullptr;
        bool findUsers = true;  // scan /proc/*/fd and maps
        // Only held lock files and those someone waits on (doctor); false: every lock file (locks).
        bool activeLocksOnly = false;
    };

    static ActivityReport inspect(const ActivityTargets &targets, const Options &options);
    static ActivityReport inspect(const ActivityTargets &targets) { return inspect(targets, Options{}); }
};

} // namespace hfcache

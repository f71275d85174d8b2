#pragma once

#include <QByteArray>

namespace hfcache::LockProbe {

// Whether some process holds the flock of a blob lock file right now. Opens the file without
// creating it (a dry run changes nothing) and tries the lock once, releasing it at once.
bool isHeld(const QByteArray &lockPath);

} // namespace hfcache::LockProbe

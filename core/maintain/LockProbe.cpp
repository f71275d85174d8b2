#include "LockProbe.h"

#include "util/UniqueFd.h"

#include <cerrno>
#include <fcntl.h>
#include <sys/file.h>

namespace hfcache::LockProbe {

bool isHeld(const QByteArray &lockPath)
{
    UniqueFd fd(::open(lockPath.constData(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
    if (!fd.isValid())
        return false;  // no lock file: nobody can hold it
    if (::flock(fd.get(), LOCK_EX | LOCK_NB) == 0) {
        ::flock(fd.get(), LOCK_UN);
        return false;
    }
    return errno == EWOULDBLOCK;
}

} // namespace hfcache::LockProbe

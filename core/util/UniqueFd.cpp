#include "UniqueFd.h"

#include <unistd.h>

namespace hfcache {

void UniqueFd::reset(int fd)
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = fd;
}

} // namespace hfcache

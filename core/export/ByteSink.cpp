#include "ByteSink.h"

#include "util/SystemError.h"

#include <cerrno>
#include <unistd.h>

namespace hfcache {

bool writeFully(int fd, const char *data, size_t length, const QByteArray &path, QString *error)
{
    while (length > 0) {
        const ssize_t n = ::write(fd, data, length);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            *error = pathError(QStringLiteral("cannot write"), path, errno);
            return false;
        }
        data += n;
        length -= size_t(n);
    }
    return true;
}

} // namespace hfcache

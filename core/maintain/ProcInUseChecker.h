#pragma once

#include "InUseChecker.h"

#include <QByteArray>

namespace hfcache {

// InUseChecker over /proc/<pid>/fd and /proc/<pid>/maps (core/activity's ProcessFiles). Sees
// every process as root and the caller's own otherwise; our own process is never a user (it
// holds the blob locks).
class ProcInUseChecker : public InUseChecker
{
public:
    explicit ProcInUseChecker(QByteArray procRoot = "/proc") : m_procRoot(std::move(procRoot)) {}
    QHash<FileKey, QString> check(const QSet<FileKey> &files) const override;

private:
    QByteArray m_procRoot;
};

} // namespace hfcache

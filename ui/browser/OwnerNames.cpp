// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "OwnerNames.h"

#include "common/BackgroundTask.h"

#include <pwd.h>
#include <unistd.h>

#include <vector>

namespace hfcache {

namespace {

QString lookUp(uint uid)
{
    long bufferSize = sysconf(_SC_GETPW_R_SIZE_MAX);
    std::vector<char> buffer(bufferSize > 0 ? size_t(bufferSize) : 16384);
    passwd entry{};
    passwd *result = nullptr;
    if (getpwuid_r(uid, &entry, buffer.data(), buffer.size(), &result) == 0 && result)
        return QString::fromLocal8Bit(result->pw_name);
    return QStringLiteral("uid %1").arg(uid);
}

} // namespace

OwnerNames::OwnerNames(QObject *parent)
    : QObject(parent)
{
}

QString OwnerNames::name(uint uid)
{
    const auto it = m_names.constFind(uid);
    if (it != m_names.cend())
        return *it;
    if (!m_pending.contains(uid)) {
        m_pending.insert(uid);
        runInBackground(this, [uid] { return lookUp(uid); }, [this, uid](const QString &name) {
            m_pending.remove(uid);
            m_names.insert(uid, name);
            Q_EMIT resolved();
        });
    }
    return QStringLiteral("uid %1").arg(uid);
}

} // namespace hfcache

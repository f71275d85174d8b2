// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "HfHomePrivacy.h"

#include "AccessCheck.h"

#include <sys/stat.h>

namespace hfcache {

std::optional<Finding> HfHomePrivacy::check(const QByteArray &hfHome, const QString &sharedGroup)
{
    struct stat st;
    if (hfHome.isEmpty() || ::stat(hfHome.constData(), &st) != 0 || !S_ISDIR(st.st_mode) || (st.st_mode & 0077))
        return std::nullopt;
    const quint32 mode = st.st_mode;
    const bool hasToken = ::lstat((hfHome + "/token").constData(), &st) == 0;
    return makeFinding(Severity::Error, FindingCode::HfHomePrivate, hfHome,
                       QStringLiteral("HF_HOME is private (mode %1): members of %2 cannot reach the cache below it%3")
                           .arg(AccessCheck::octal(mode), sharedGroup,
                                hasToken ? QStringLiteral("; it holds a token, and `hf auth login` makes its "
                                                          "folder 0700: set HF_TOKEN_PATH to a per-user path")
                                         : QString()),
                       makeFix(FixAction::Chmod, hfHome, AccessCheck::octal((mode & 07777) | 02050)));
}

} // namespace hfcache

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "Finding.h"

namespace hfcache {

QString severityName(Severity severity)
{
    switch (severity) {
    case Severity::Info: return QStringLiteral("info");
    case Severity::Warning: return QStringLiteral("warning");
    case Severity::Error: return QStringLiteral("error");
    }
    return {};
}

FindingFix makeFix(FixAction action, const QByteArray &path, const QString &value)
{
    return {fixActionName(action), path, value};
}

Finding makeFinding(Severity severity, FindingCode code, const QByteArray &path, const QString &message,
                    const FindingFix &fix)
{
    return {severity, code, path, message, fix};
}

} // namespace hfcache

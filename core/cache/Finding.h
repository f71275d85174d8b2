// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "FindingCode.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace hfcache {

enum class Severity { Info, Warning, Error };

QString severityName(Severity severity);

// A machine-readable remedy for a finding: what to do (`chown`, `chgrp`, `chmod`, `setgid`,
// `default-acl`, `remove`, ...), to which absolute path, and with which value (mode, owner, group).
// Empty `action` means no automatic fix exists.
struct FindingFix
{
    QString action;
    QByteArray path;
    QString value;

    bool isEmpty() const { return action.isEmpty(); }
};

// One observation about the cache. `code` is compared as the enum; its name (findingCodeName) is the
// stable string that JSON, scripts and tests match on; `path` is absolute and raw (file names need
// not be UTF-8); `message` is for people.
struct Finding
{
    Severity severity = Severity::Info;
    FindingCode code = FindingCode::UnknownEntry;
    QByteArray path;
    QString message;
    FindingFix fix;
};

using Findings = QList<Finding>;

FindingFix makeFix(FixAction action, const QByteArray &path, const QString &value);
// A finding of `code` with a fix made by makeFix, or none.
Finding makeFinding(Severity severity, FindingCode code, const QByteArray &path, const QString &message,
                    const FindingFix &fix = {});

} // namespace hfcache

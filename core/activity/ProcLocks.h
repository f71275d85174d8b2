// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "LockRecord.h"

#include <QByteArray>
#include <QList>

namespace hfcache {

// Reads /proc/locks. Its format has grown over kernel versions (OFDLCK, DELEG, LEASE states,
// "<none>" for locks without an inode), so the parser accepts what it understands and counts
// the rest instead of failing.
class ProcLocks
{
public:
    struct Result
    {
        QList<LockRecord> records;
        int skippedLines = 0;     // lines of a shape this parser does not know
        QString error;            // set when the file could not be read at all
    };

    static Result parse(const QByteArray &text);
    static Result read(const QByteArray &path = "/proc/locks");

    // One line, e.g. "2: -> FLOCK  ADVISORY  WRITE 1234 08:01:5678 0 EOF". False when the
    // shape is unknown.
    static bool parseLine(const QByteArray &line, LockRecord *record);
};

} // namespace hfcache

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace hfcache {

// Many short byte strings (a datasets cache's million item keys) packed into shared blocks. Each
// string is a QByteArray of its own, but hundreds share one allocation, so a 74-byte key costs
// 75 bytes instead of a header and malloc's rounding each (112 bytes).
// A string holds a reference to its block, and writing to it copies it first, as for any shared
// QByteArray: strings may outlive the arena and each other.
class ByteArena
{
public:
    QByteArray add(QByteArrayView bytes);

private:
    QByteArray m_block;
    qsizetype m_used = 0;
};

} // namespace hfcache

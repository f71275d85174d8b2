// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "ByteArena.h"

#include <cstring>

namespace hfcache {

namespace {

constexpr qsizetype BlockSize = 256 * 1024;
// Bigger strings get an allocation of their own: the block's tail would be wasted too often.
constexpr qsizetype OwnAllocation = BlockSize / 64;

} // namespace

QByteArray ByteArena::add(QByteArrayView bytes)
{
    const qsizetype size = bytes.size();
    if (size == 0 || size >= OwnAllocation)
        return bytes.toByteArray();
    if (m_block.isNull() || m_used + size + 1 > m_block.size()) {
        m_block = QByteArray(BlockSize, Qt::Uninitialized);
        m_used = 0;
    }
    // data_ptr(): the block is shared by the strings made from it and must not detach here.
    QByteArray::DataPointer &block = m_block.data_ptr();
    char *start = block.data() + m_used;
    std::memcpy(start, bytes.data(), size_t(size));
    start[size] = '\0';  // QByteArray's data ends with a NUL (constData() callers rely on it)
    m_used += size + 1;
    block.d_ptr()->ref();
    return QByteArray(QByteArray::DataPointer(block.d_ptr(), start, size));
}

} // namespace hfcache

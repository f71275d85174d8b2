// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "cache/Finding.h"
#include "home/KindSnapshot.h"

#include <QProcessEnvironment>
#include <QString>

#include <optional>

namespace hfcache {

// hf_xet's soft limit on each endpoint's shard-cache/ (hf-home-reference.md §1.2: 16 GB,
// HF_XET_SHARD_CACHE_SIZE_LIMIT or its alias HF_XET_MDB_SHARD_CACHE_SIZE_LIMIT), enforced only
// when a session starts: a cache above it grew in a long session or was never trimmed since.
class XetShardCacheLimit
{
public:
    static constexpr quint64 DefaultBytes = 16ULL << 30;  // ByteSize::from("16gb") in groups/shard.rs

    quint64 bytes = DefaultBytes;
    QString source = QStringLiteral("default");  // the variable that set it

    static XetShardCacheLimit fromEnvironment(const QProcessEnvironment &env);
    // "16gb", "512M", "1048576": a number with an optional k/m/g/t suffix (binary, "b"/"ib" allowed).
    static std::optional<quint64> parseSize(const QString &text);

    // `xet-shard-cache-over-limit` for every shard-cache/ item of `xet` bigger than the limit.
    Findings check(const KindSnapshot &xet) const;
};

} // namespace hfcache

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "RepairInvoker.h"
#include "RepairOperation.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace hfcache {

// Every change one repair makes below one cache root, in order. This is the whole protocol
// between hfcache and hfcache-helper: one JSON document on the helper's stdin.
//
//   {"version": 1, "root": "/home/a/.cache/huggingface/hub", "sharedGroup": 1001,
//    "operations": [{"op": "chmod", "path": "models--gpt2/blobs/ab12", "mode": "0664"}, ...]}
//
// Paths are surrogate-escaped like PathText; "." is the root itself. sharedGroup (optional) is
// the group of a shared cache: the only group besides the invoker's primary one a plan may give.
struct RepairPlan
{
    static constexpr qsizetype kMaxJsonBytes = 64 * 1024 * 1024;
    static constexpr qsizetype kMaxOperations = 1000000;

    QByteArray root;
    qint64 sharedGroup = -1;
    QList<RepairOperation> operations;

    QByteArray toJson() const;
    // Strict: unknown keys, wrong types and sizes over the bounds are errors.
    [[nodiscard]] static bool fromJson(const QByteArray &json, RepairPlan *plan, QString *error);

    // Everything that can be checked without touching the file system: the root is canonical,
    // absolute and not a system folder; every path is relative without "."/".."; arguments fit
    // the operation; uids are the invoker's and groups the invoker's primary or the shared group
    // (of which the invoker must be a member). *error names the first offending operation.
    [[nodiscard]] bool validate(const RepairInvoker &invoker, QString *error) const;

    // Root folders a plan may never be for, nor be inside of (exact-only ones: see .cpp).
    static bool isSystemPath(const QByteArray &root);
};

} // namespace hfcache

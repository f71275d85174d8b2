// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "EntryStat.h"

#include <QByteArray>
#include <QString>

namespace hfcache {

// One file under refs/, at any depth: `name` is its path relative to refs/ ("main",
// "refs/pr/1", "feature/x"), `commit` the content with surrounding whitespace removed.
struct CachedRef
{
    QString name;
    QByteArray commit;
    EntryStat stat;
    bool hadWhitespace = false;  // huggingface_hub itself would not match such a ref
    bool valid = false;          // commit is 40 hex
};

} // namespace hfcache

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "home/CacheKind.h"

namespace hfcache {

// sentence-transformers <= 2.2.2's own cache ($SENTENCE_TRANSFORMERS_HOME, default
// $TORCH_HOME/sentence_transformers; ST v2.2.2 SentenceTransformer.py:53-63), §4: flat copies in
// <org>_<name>/ with <file>.lock beside each file. Items: one "model" per folder; a hub-layout
// models--* folder (ST >= 2.3 given SENTENCE_TRANSFORMERS_HOME) is a "hub-repo".
class SentenceTransformersKind : public CacheKind
{
public:
    QString id() const override;
    QString displayName() const override;
    QString library() const override;
    KindLocation locate(const HomeEnvironment &env) const override;
    Placement classify(KindScan &scan, const WalkedEntry &entry) const override;
    void finish(KindScan &scan) const override;
    // A legacy folder's <file>.lock guards the download of <file> (hub 0.16 cached_download).
    void judgeLocks(KindLocks &locks) const override;
};

} // namespace hfcache

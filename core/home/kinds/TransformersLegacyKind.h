// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "home/CacheKind.h"

namespace hfcache {

// transformers < 4.22's cache from before huggingface_hub 0.8's layout: $TRANSFORMERS_CACHE, else
// $PYTORCH_TRANSFORMERS_CACHE, else $PYTORCH_PRETRAINED_BERT_CACHE, else $HF_HOME/transformers
// (transformers 4.0-4.21 file_utils.py). Files <sha256(url)>.<sha256(etag)> with .json {url, etag}
// and .lock. Items: one "file" per cached URL, with the model named in its URL.
class TransformersLegacyKind : public CacheKind
{
public:
    QString id() const override;
    QString displayName() const override;
    QString library() const override;
    KindLocation locate(const HomeEnvironment &env) const override;
    Placement classify(KindScan &scan, const WalkedEntry &entry) const override;
    void finish(KindScan &scan) const override;
};

} // namespace hfcache

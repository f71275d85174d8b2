// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "BlobKind.h"

namespace hfcache {

bool isHex(const QByteArray &text, qsizetype length)
{
    if (text.size() != length)
        return false;
    for (char c : text) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    }
    return true;
}

bool isCommitHash(const QByteArray &text)
{
    return isHex(text, 40);
}

bool isCommitHash(QStringView text)
{
    return text.size() == 40 && isHex(text.toLatin1(), 40);
}

static bool isEtag(const QByteArray &text)
{
    return isHex(text, 64) || isHex(text, 40);
}

QByteArray incompleteEtag(const QByteArray &name)
{
    static const QByteArray suffix = ".incomplete";
    if (!name.endsWith(suffix))
        return {};
    QByteArray stem = name.chopped(suffix.size());
    // huggingface_hub >= 1.18 adds a process-unique ".<8 hex>" before the suffix.
    const qsizetype dot = stem.lastIndexOf('.');
    if (dot >= 0 && isHex(stem.mid(dot + 1), 8))
        stem.truncate(dot);
    return isEtag(stem) ? stem : QByteArray();
}

BlobKind classifyBlobName(const QByteArray &name)
{
    if (isHex(name, 64))
        return BlobKind::Sha256;
    if (isHex(name, 40))
        return BlobKind::GitSha1;
    if (!incompleteEtag(name).isEmpty())
        return BlobKind::Incomplete;
    return BlobKind::Invalid;
}

} // namespace hfcache

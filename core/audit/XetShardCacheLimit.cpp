// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "XetShardCacheLimit.h"

#include "util/HumanFormat.h"

#include <QFile>
#include <QRegularExpression>

namespace hfcache {

XetShardCacheLimit XetShardCacheLimit::fromEnvironment(const QProcessEnvironment &env)
{
    XetShardCacheLimit limit;
    for (const char *name : {"HF_XET_SHARD_CACHE_SIZE_LIMIT", "HF_XET_MDB_SHARD_CACHE_SIZE_LIMIT"}) {
        const QString value = env.value(QLatin1String(name));
        if (const std::optional<quint64> bytes = parseSize(value)) {
            limit.bytes = *bytes;
            limit.source = QLatin1String(name);
            break;
        }
    }
    return limit;
}

std::optional<quint64> XetShardCacheLimit::parseSize(const QString &text)
{
    static const QRegularExpression size(QStringLiteral("^\\s*(\\d+)\\s*([kmgt]?)(i?b)?\\s*$"),
                                         QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = size.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    bool ok = false;
    const quint64 number = match.captured(1).toULongLong(&ok);
    const qsizetype unit = QStringLiteral("kmgt").indexOf(match.captured(2).toLower());
    const int shift = match.captured(2).isEmpty() ? 0 : int(unit + 1) * 10;
    if (!ok || (shift > 0 && number > (~0ULL >> shift)))
        return std::nullopt;
    return number << shift;
}

Findings XetShardCacheLimit::check(const KindSnapshot &xet) const
{
    Findings findings;
    const QByteArray root = QFile::encodeName(xet.location.path);
    for (const HomeGroup &group : xet.groups) {
        if (group.type != QLatin1String("shard-cache") || group.sizeApparent <= bytes)
            continue;
        const QByteArray path = root + '/' + group.key;
        findings.append(makeFinding(
            Severity::Warning, FindingCode::XetShardCacheOverLimit, path,
            QStringLiteral("shard cache of %1 in %2 file(s), over hf_xet's soft limit of %3 (%4): hf_xet trims it only "
                           "when a session starts; downloads never read it, uploads only lose some deduplication "
                           "without it")
                .arg(HumanFormat::size(group.sizeApparent)).arg(group.count(EntryRole::Data))
                .arg(HumanFormat::size(bytes), source),
            makeFix(FixAction::Delete, path, {})));
    }
    return findings;
}

} // namespace hfcache

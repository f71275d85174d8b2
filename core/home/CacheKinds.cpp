// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "CacheKinds.h"

#include "kinds/AssetsKind.h"
#include "kinds/DatasetsKind.h"
#include "kinds/EvaluateKind.h"
#include "kinds/HubKind.h"
#include "kinds/MetricsKind.h"
#include "kinds/ModulesKind.h"
#include "kinds/SentenceTransformersKind.h"
#include "kinds/TokenKind.h"
#include "kinds/TorchHubKind.h"
#include "kinds/TransformersLegacyKind.h"
#include "kinds/XetKind.h"

#include <QStringList>

namespace hfcache {

const std::vector<std::unique_ptr<const CacheKind>> &CacheKinds::all()
{
    static const std::vector<std::unique_ptr<const CacheKind>> kinds = [] {
        std::vector<std::unique_ptr<const CacheKind>> list;
        list.push_back(std::make_unique<HubKind>());
        list.push_back(std::make_unique<XetKind>());
        list.push_back(std::make_unique<DatasetsKind>());
        list.push_back(std::make_unique<MetricsKind>());
        list.push_back(std::make_unique<EvaluateKind>());
        list.push_back(std::make_unique<ModulesKind>());
        list.push_back(std::make_unique<AssetsKind>());
        list.push_back(std::make_unique<TokenKind>());
        list.push_back(std::make_unique<SentenceTransformersKind>());
        list.push_back(std::make_unique<TransformersLegacyKind>());
        list.push_back(std::make_unique<TorchHubKind>());
        return list;
    }();
    return kinds;
}

const CacheKind *CacheKinds::find(const QString &id)
{
    for (const auto &kind : all()) {
        if (kind->id() == id)
            return kind.get();
    }
    return nullptr;
}

QString CacheKinds::displayName(const QString &id)
{
    const CacheKind *kind = find(id);
    return kind ? kind->displayName() : id;
}

QString CacheKinds::idList()
{
    QStringList ids;
    for (const auto &kind : all())
        ids << kind->id();
    return ids.join(QStringLiteral(", "));
}

} // namespace hfcache

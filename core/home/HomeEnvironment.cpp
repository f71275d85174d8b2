// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "HomeEnvironment.h"

namespace hfcache {

namespace {

const QString HfHome = QStringLiteral("HF_HOME");
const QString XdgCacheHome = QStringLiteral("XDG_CACHE_HOME");
const QString TorchHome = QStringLiteral("TORCH_HOME");
const QString Default = QStringLiteral("default");

} // namespace

HomeEnvironment::HomeEnvironment(const QProcessEnvironment &env) : m_env(env), m_hub(CacheLocations::resolve(env)) {}

QString HomeEnvironment::hfHomeSource() const
{
    return isSet(HfHome) ? HfHome : isSet(XdgCacheHome) ? XdgCacheHome : Default;
}

QString HomeEnvironment::libraryHfHome() const
{
    const QString xdg = isSet(XdgCacheHome) ? value(XdgCacheHome) : QStringLiteral("~/.cache");
    return expandUser(isSet(HfHome) ? value(HfHome) : CacheLocations::joinPath(xdg, QStringLiteral("huggingface")));
}

QString HomeEnvironment::torchHome() const
{
    const QString xdg = isSet(XdgCacheHome) ? value(XdgCacheHome) : QStringLiteral("~/.cache");
    return expandUser(isSet(TorchHome) ? value(TorchHome) : CacheLocations::joinPath(xdg, QStringLiteral("torch")));
}

QString HomeEnvironment::torchHomeSource() const
{
    return isSet(TorchHome) ? TorchHome : isSet(XdgCacheHome) ? XdgCacheHome : Default;
}

KindLocation HomeEnvironment::firstSet(const QString &kindId, const QStringList &variables, Expand expand,
                                       const QString &fallback, const QString &fallbackSource) const
{
    for (const QString &name : variables) {
        if (isSet(name))
            return {kindId, expand == Expand::User ? expandUser(value(name)) : value(name), name};
    }
    return {kindId, fallback, fallbackSource};
}

} // namespace hfcache

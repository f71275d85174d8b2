// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "HubSettings.h"

#include "cache/CacheLocations.h"

#include <QDir>
#include <QFile>

namespace hfcache {

namespace {

int secondsVariable(const QProcessEnvironment &env, const char *name, int fallbackMs)
{
    bool ok = false;
    const double seconds = env.value(QLatin1String(name)).toDouble(&ok);
    return ok && seconds > 0 ? int(seconds * 1000) : fallbackMs;
}

} // namespace

bool HubSettings::isTrue(const QString &value)
{
    const QString v = value.trimmed().toUpper();
    return v == QLatin1String("1") || v == QLatin1String("ON") || v == QLatin1String("YES") || v == QLatin1String("TRUE");
}

HubSettings HubSettings::fromEnvironment(const QProcessEnvironment &env)
{
    HubSettings s;
    s.endpoint = env.value(QStringLiteral("HF_ENDPOINT"), QStringLiteral("https://huggingface.co"));
    while (s.endpoint.endsWith(QLatin1Char('/')))
        s.endpoint.chop(1);
    s.offline = isTrue(env.value(QStringLiteral("HF_HUB_OFFLINE"))) || isTrue(env.value(QStringLiteral("TRANSFORMERS_OFFLINE")));

    s.token = env.value(QStringLiteral("HF_TOKEN")).trimmed().toUtf8();
    if (s.token.isEmpty()) {
        QFile file(CacheLocations::resolve(env).tokenPath);
        if (file.open(QIODevice::ReadOnly))
            s.token = file.read(4096).trimmed();
    }
    s.userAgent = QByteArray("hfcache/" HFCACHE_VERSION "; qt/") + qVersion();
    s.apiTimeoutMs = secondsVariable(env, "HF_HUB_ETAG_TIMEOUT", s.apiTimeoutMs);
    s.downloadTimeoutMs = secondsVariable(env, "HF_HUB_DOWNLOAD_TIMEOUT", s.downloadTimeoutMs);

    // QStandardPaths would name the folder after whichever binary runs (tests, GUI): the CLI
    // and the GUI must share one file.
    const QString xdg = env.value(QStringLiteral("XDG_CACHE_HOME"));
    const QString base = xdg.isEmpty() ? env.value(QStringLiteral("HOME"), QDir::homePath()) + QStringLiteral("/.cache") : xdg;
    s.stateDir = base + QStringLiteral("/hfcache");
    return s;
}

} // namespace hfcache

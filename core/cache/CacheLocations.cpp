// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "CacheLocations.h"

#include <QFile>
#include <QRegularExpression>

#include <pwd.h>
#include <unistd.h>

namespace hfcache {

namespace {

QString homeOfUser(const QByteArray &user)
{
    const struct passwd *pw = user.isEmpty() ? getpwuid(getuid()) : getpwnam(user.constData());
    return pw ? QFile::decodeName(pw->pw_dir) : QString();
}

} // namespace

QString CacheLocations::joinPath(const QString &base, const QString &part)
{
    if (part.startsWith(QLatin1Char('/')) || base.isEmpty())
        return part;
    return base.endsWith(QLatin1Char('/')) ? base + part : base + QLatin1Char('/') + part;
}

QString CacheLocations::expandUser(const QString &path, const QProcessEnvironment &env)
{
    if (!path.startsWith(QLatin1Char('~')))
        return path;
    qsizetype slash = path.indexOf(QLatin1Char('/'));
    if (slash < 0)
        slash = path.size();
    const QString user = path.mid(1, slash - 1);
    QString home;
    if (user.isEmpty())
        home = env.contains(QStringLiteral("HOME")) ? env.value(QStringLiteral("HOME")) : homeOfUser({});
    else
        home = homeOfUser(QFile::encodeName(user));
    if (home.isNull())
        return path;  // Python leaves an unknown ~user untouched
    if (home.endsWith(QLatin1Char('/')) && home.size() > 1)
        home.chop(1);
    return home + path.mid(slash);
}

QString CacheLocations::expandVars(const QString &path, const QProcessEnvironment &env)
{
    if (!path.contains(QLatin1Char('$')))
        return path;
    static const QRegularExpression variable(QStringLiteral(R"(\$(\w+|\{[^}]*\}))"));
    QString result;
    qsizetype last = 0;
    auto it = variable.globalMatch(path);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        QString name = match.captured(1);
        if (name.startsWith(QLatin1Char('{')))
            name = name.mid(1, name.size() - 2);
        result += path.mid(last, match.capturedStart() - last);
        result += env.contains(name) ? env.value(name) : match.captured(0);
        last = match.capturedEnd();
    }
    return result + path.mid(last);
}

CacheLocations CacheLocations::resolve(const QProcessEnvironment &env)
{
    CacheLocations loc;
    auto expand = [&env](const QString &p) { return expandVars(expandUser(p, env), env); };
    auto noteEmpty = [&env, &loc](const QString &name) {
        if (env.contains(name) && env.value(name).isEmpty())
            loc.warnings << QStringLiteral("%1 is set but empty; like huggingface_hub, hfcache then uses a "
                                           "path relative to the current folder").arg(name);
    };

    const QString defaultHome = joinPath(expandUser(QStringLiteral("~"), env), QStringLiteral(".cache"));
    const QString xdg = env.contains(QStringLiteral("XDG_CACHE_HOME")) ? env.value(QStringLiteral("XDG_CACHE_HOME"))
                                                                        : defaultHome;
    noteEmpty(QStringLiteral("XDG_CACHE_HOME"));
    noteEmpty(QStringLiteral("HF_HOME"));
    loc.hfHome = expand(env.contains(QStringLiteral("HF_HOME")) ? env.value(QStringLiteral("HF_HOME"))
                                                                : joinPath(xdg, QStringLiteral("huggingface")));

    // The variable that decided the hub cache: the first one set in huggingface_hub's order.
    loc.hubCacheSource = env.contains(QStringLiteral("HF_HOME"))          ? QStringLiteral("HF_HOME")
                         : env.contains(QStringLiteral("XDG_CACHE_HOME")) ? QStringLiteral("XDG_CACHE_HOME")
                                                                          : QStringLiteral("default");
    QString hub = joinPath(loc.hfHome, QStringLiteral("hub"));
    for (const QString &name : {QStringLiteral("HUGGINGFACE_HUB_CACHE"), QStringLiteral("HF_HUB_CACHE")}) {
        if (env.contains(name)) {
            hub = env.value(name);
            loc.hubCacheSource = name;
            noteEmpty(name);
        }
    }
    loc.hubCache = expand(hub);

    QString assets = joinPath(loc.hfHome, QStringLiteral("assets"));
    for (const QString &name : {QStringLiteral("HUGGINGFACE_ASSETS_CACHE"), QStringLiteral("HF_ASSETS_CACHE")}) {
        if (env.contains(name)) {
            assets = env.value(name);
            noteEmpty(name);
        }
    }
    loc.assetsCache = expand(assets);

    noteEmpty(QStringLiteral("HF_XET_CACHE"));
    loc.xetCache = env.contains(QStringLiteral("HF_XET_CACHE"))
                       ? expandUser(env.value(QStringLiteral("HF_XET_CACHE")), env)
                       : joinPath(loc.hfHome, QStringLiteral("xet"));
    noteEmpty(QStringLiteral("HF_TOKEN_PATH"));
    loc.tokenPath = expand(env.contains(QStringLiteral("HF_TOKEN_PATH")) ? env.value(QStringLiteral("HF_TOKEN_PATH"))
                                                                          : joinPath(loc.hfHome, QStringLiteral("token")));
    return loc;
}

} // namespace hfcache

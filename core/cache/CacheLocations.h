// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace hfcache {

// Where huggingface_hub keeps things, resolved from the environment exactly as its
// constants.py does at import time: HF_HUB_CACHE, else HUGGINGFACE_HUB_CACHE, else
// $HF_HOME/hub, else $XDG_CACHE_HOME/huggingface/hub, else ~/.cache/huggingface/hub.
// As in Python an empty variable counts as set; `~` and `$VARS` are expanded where
// huggingface_hub expands them.
struct CacheLocations
{
    QString hubCache;      // the root scan_cache_dir() scans
    QString hubCacheSource;// the variable that decided it ("HF_HUB_CACHE", ..., "HF_HOME", "XDG_CACHE_HOME" or "default")
    QString hfHome;
    QString xetCache;      // as hf_xet resolves it: HF_XET_CACHE, else $HF_HOME/xet
    QString assetsCache;
    QString tokenPath;
    QStringList warnings;  // e.g. an empty variable that makes a path relative

    static CacheLocations resolve(const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());

    // Python's os.path.expanduser and os.path.expandvars.
    static QString expandUser(const QString &path, const QProcessEnvironment &env);
    static QString expandVars(const QString &path, const QProcessEnvironment &env);
    // Python's os.path.join for two parts: an absolute second part wins, an empty first part adds nothing.
    static QString joinPath(const QString &base, const QString &part);
};

} // namespace hfcache

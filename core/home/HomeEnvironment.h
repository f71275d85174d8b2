// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "KindLocation.h"
#include "cache/CacheLocations.h"

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace hfcache {

// The environment the libraries read their cache roots from, with the few resolution rules
// they share (hf-home-reference.md §0). Each CacheKind's locate() composes these; as in Python
// a variable set to the empty string counts as set.
class HomeEnvironment
{
public:
    explicit HomeEnvironment(const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());

    const QProcessEnvironment &variables() const { return m_env; }
    // huggingface_hub's resolution (constants.py): hub cache, HF_HOME, xet, assets, token.
    const CacheLocations &hub() const { return m_hub; }
    bool isSet(const QString &name) const { return m_env.contains(name); }
    QString value(const QString &name) const { return m_env.value(name); }
    QString expandUser(const QString &path) const { return CacheLocations::expandUser(path, m_env); }

    // What decided HF_HOME: "HF_HOME", "XDG_CACHE_HOME" or "default".
    QString hfHomeSource() const;
    // HF_HOME as datasets and evaluate compute it (config.py: os.path.expanduser of HF_HOME, else
    // of $XDG_CACHE_HOME/huggingface, "~/.cache" when XDG_CACHE_HOME is unset): ~ is expanded, $VARS are not.
    QString libraryHfHome() const;
    // torch.hub._get_torch_home(): expanduser(TORCH_HOME, else $XDG_CACHE_HOME/torch, else ~/.cache/torch).
    QString torchHome() const;
    // What decided torchHome(): "TORCH_HOME", "XDG_CACHE_HOME" or "default".
    QString torchHomeSource() const;

    // The first of `variables` that is set (expanded by `expand`), else `fallback` with `fallbackSource`:
    // the shape of every "os.getenv(A, os.getenv(B, default))" chain.
    enum class Expand { None, User };
    KindLocation firstSet(const QString &kindId, const QStringList &variables, Expand expand, const QString &fallback,
                          const QString &fallbackSource) const;

private:
    QProcessEnvironment m_env;
    CacheLocations m_hub;
};

} // namespace hfcache

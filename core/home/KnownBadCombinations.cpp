// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "KnownBadCombinations.h"

namespace hfcache {

namespace {

QVersionNumber v(const char *text)
{
    return QVersionNumber::fromString(QLatin1String(text));
}

QString named(const PythonPackages::Package &p)
{
    return p.name + QLatin1Char(' ') + p.version;
}

} // namespace

QList<KnownBadCombinations::Match> KnownBadCombinations::find(const PythonPackages &installed)
{
    QList<Match> matches;
    const PythonPackages::Package *evaluate = installed.find(QStringLiteral("evaluate"));
    const PythonPackages::Package *datasets = installed.find(QStringLiteral("datasets"));
    const PythonPackages::Package *filelock = installed.find(QStringLiteral("filelock"));
    const PythonPackages::Package *hub = installed.find(QStringLiteral("huggingface-hub"));
    const PythonPackages::Package *st = installed.find(QStringLiteral("sentence-transformers"));
    // §3.3: evaluate's FileFreeLock reads filelock's state through datasets.utils.filelock, a
    // re-export of the filelock package from datasets 2.16.0 (a vendored copy before).
    if (evaluate && datasets && filelock && evaluate->number() <= v("0.4.1") && datasets->number() >= v("2.16.0")
        && filelock->number() >= v("3.12.0"))
        matches.append({{named(*evaluate), named(*datasets), named(*filelock)},
                        QStringLiteral("distributed metrics deadlock at the rendezvous and fail with \"Expected to find "
                                       "locked file ... but it doesn't exist\" (evaluate #542, #540; finding "
                                       "evaluate-filelock-mismatch)"),
                        QStringLiteral("install evaluate >= 0.4.2, or pin filelock < 3.12")});
    // §2.2, §3.3: datasets 2.16 passes no mode, filelock 3.10.7-3.23 then forces 0644.
    if (datasets && filelock && datasets->number() >= v("2.16.0") && datasets->number() < v("2.17.0")
        && filelock->number() >= v("3.10.7") && filelock->number() < v("3.24.0"))
        matches.append({{named(*datasets), named(*filelock)},
                        QStringLiteral("datasets and evaluate lock files are created 0644 whatever the umask: in a shared "
                                       "cache the next user gets PermissionError (datasets #6589, evaluate #542)"),
                        QStringLiteral("install datasets >= 2.17 (it passes the umask's mode), then make the existing "
                                       "lock files group-writable")});
    // §5: 3.21.0-3.29.4 unlink lock files on release, splitting waiters across inodes.
    if (filelock && filelock->number() >= v("3.21.0") && filelock->number() < v("3.29.5"))
        matches.append({{named(*filelock)},
                        QStringLiteral("lock files are deleted on release, so a waiter and a newcomer can hold \"the same\" "
                                       "lock on two inodes at once (filelock #574)"),
                        QStringLiteral("install filelock >= 3.29.5")});
    // §4: the legacy cache and its check-then-remove of <file>.lock.
    if (st && st->number() <= v("2.2.2"))
        matches.append({QStringList{named(*st)} + (hub ? QStringList{named(*hub)} : QStringList{}),
                        QStringLiteral("downloads into the legacy sentence_transformers folder and removes each <file>.lock "
                                       "after use: workers started together fail with FileNotFoundError (#2420)%1")
                            .arg(hub && hub->number() >= v("0.26.0")
                                     ? QStringLiteral("; with huggingface_hub >= 0.26 (no cached_download) it cannot "
                                                      "download at all")
                                     : QString()),
                        QStringLiteral("install sentence-transformers >= 2.3 (it uses the hub cache; the legacy folders "
                                       "can then be removed)")});
    // §6: the token trap.
    if (hub && hub->number() >= v("1.16.0"))
        matches.append({{named(*hub)},
                        QStringLiteral("`hf auth login` and token refresh chmod the token's folder (HF_HOME by default) "
                                       "to 0700, locking the group out of a shared HF_HOME (huggingface_hub #4234)"),
                        QStringLiteral("in a shared HF_HOME, set HF_TOKEN_PATH to a file in each user's home")});
    return matches;
}

} // namespace hfcache

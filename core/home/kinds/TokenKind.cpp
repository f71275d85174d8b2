// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "TokenKind.h"

#include "home/HomeEnvironment.h"
#include "home/KindScan.h"

#include <QFile>
#include <QFileInfo>

namespace hfcache {

QString TokenKind::id() const { return QStringLiteral("token"); }
QString TokenKind::displayName() const { return QStringLiteral("token (file)"); }
QString TokenKind::library() const { return QStringLiteral("huggingface_hub auth"); }

// constants.py:247-256: HF_TOKEN_PATH, else $HF_HOME/token (CacheLocations).
KindLocation TokenKind::locate(const HomeEnvironment &env) const
{
    const QString source = env.isSet(QStringLiteral("HF_TOKEN_PATH")) ? QStringLiteral("HF_TOKEN_PATH") : env.hfHomeSource();
    return {id(), env.hub().tokenPath, source};
}

// The folder is HF_HOME itself by default, shared with every other kind: only the token's
// own names are read (the token's content never is).
KindSnapshotPtr TokenKind::scan(const KindLocation &location, const HomeScanOptions &options) const
{
    const QByteArray path = QFile::encodeName(location.path);
    const qsizetype slash = path.lastIndexOf('/');
    const QByteArray folder = slash < 0 ? QByteArrayLiteral(".") : slash == 0 ? QByteArrayLiteral("/") : path.left(slash);
    const QByteArray name = path.mid(slash + 1);
    KindScan scan(*this, location, options, folder);
    return scan.runNames({name, QByteArrayLiteral("stored_tokens"), QByteArrayLiteral("stored_tokens.lock")});
}

// One item: the token with the stored tokens and their lock beside it.
Placement TokenKind::classify(KindScan &scan, const WalkedEntry &entry) const
{
    const qint32 group = scan.group(QFile::encodeName(QFileInfo(scan.snapshot().location.path).fileName()),
                                    QStringLiteral("token"));
    return {entry.name.endsWith(".lock") ? EntryRole::Lock : EntryRole::Data, group};
}

} // namespace hfcache

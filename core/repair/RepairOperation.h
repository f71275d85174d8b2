// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "cache/EntryStat.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace hfcache {

// One change to one entry below a cache root. Paths are relative to the root ("." is the root
// itself), raw bytes. The same value travels from the recipe to the dry-run table, the
// in-process executor and, as JSON, to hfcache-helper.
struct RepairOperation
{
    enum class Kind : quint8 {
        Chown,             // owner `uid`, and group `gid` when >= 0 (lchown for a symlink)
        Chgrp,             // group `gid` (lchgrp for a symlink)
        Chmod,             // permission bits `mode` (0..0777; files and folders only)
        SetGid,            // the setgid bit on a folder, so new entries inherit its group
        DefaultAcl,        // default ACL on a folder: group `gid` rwx, so new files stay group-writable
        RemoveIncomplete,  // delete <repo>/blobs/<etag>.incomplete while holding its blob lock
    };

    Kind kind = Kind::Chmod;
    QByteArray path;
    qint64 uid = -1;
    qint64 gid = -1;
    quint32 mode = 0;
    // What the scan saw (for the dry run and for deciding who can do it); not serialised.
    EntryStat before;

    static QString kindName(Kind kind);                 // "chown", "chgrp", ..., "remove-incomplete"
    static bool kindFromName(QByteArrayView name, Kind *kind);

    // chmod keeps a folder's setgid and sticky bits and drops setuid/setgid on files.
    static quint32 keptSpecialBits(quint32 mode);

    QString kindName() const { return kindName(kind); }
    // "operation 3 (chmod models--x/blobs/ab): <why>": how a refusal names the operation.
    QString errorText(qsizetype index, const QString &why) const;
    // "0644 -> 0664", "alice:alice -> bob:hf", ... for people.
    QString beforeText() const;
    QString afterText() const;
    // What the operation sets, in ids ("1000:1000", ":1001", "0664", "g+s", ...), for logs:
    // appended without allocating (100k of them per repair).
    void appendTargetText(QByteArray &out) const;
};

} // namespace hfcache

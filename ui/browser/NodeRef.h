// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QByteArray>
#include <QMetaType>

namespace hfcache {

// Names one row of the cache tree independently of any model index, so views (tree,
// treemap, details) can agree on an item across rescans: a repo folder, optionally a
// revision of it, optionally a path inside that revision's snapshot.
struct NodeRef
{
    enum class Kind : quint8 { None, Repo, Revision, Folder, File };

    Kind kind = Kind::None;
    QByteArray folderName;  // "models--org--name"
    QByteArray commit;      // Revision, Folder, File
    QByteArray path;        // Folder, File: relative to snapshots/<commit>/

    bool isValid() const { return kind != Kind::None; }
    friend bool operator==(const NodeRef &, const NodeRef &) = default;
};

} // namespace hfcache

Q_DECLARE_METATYPE(hfcache::NodeRef)

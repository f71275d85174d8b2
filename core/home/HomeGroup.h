// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "HomeEntry.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <array>
#include <utility>

namespace hfcache {

// One item of a cache's own structure: a datasets builder folder, a download, an evaluate
// experiment, a xet endpoint's shard cache, a module at a commit, a legacy model folder...
struct HomeGroup
{
    QByteArray key;    // relative path of the item ("org___squad/plain_text/0.0.0/ab12"), raw bytes
    QString type;      // "builder", "download", "experiment", ... (each kind documents its own)
    QList<std::pair<QString, QString>> details;  // ("url", "https://..."), ("processes", "3"), ...
    quint64 sizeOnDisk = 0;   // files counted once per (device, inode)
    quint64 sizeApparent = 0;
    qint64 lastModified = 0;
    int entries = 0;
    std::array<int, EntryRoleCount> roles{};  // entries per EntryRole

    int count(EntryRole role) const { return roles[size_t(role)]; }
    QString detail(const QString &name) const;
    void setDetail(const QString &name, const QString &value);
};

} // namespace hfcache

// QList may move groups with realloc (mremap for big lists): a million datasets downloads would
// otherwise need the old and the new array at once while the list grows.
Q_DECLARE_TYPEINFO(hfcache::HomeGroup, Q_RELOCATABLE_TYPE);

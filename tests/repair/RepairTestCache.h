// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "support/TestSupport.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

// A small hub cache the repair tests own (made world-traversable so other test users can reach
// it), and the helpers to run hfcache-helper on it and to compare trees before and after.
namespace RepairTestCache {

struct EntryState
{
    quint32 mode = 0;
    quint32 uid = 0;
    quint32 gid = 0;
    QByteArray content;  // files: their bytes; symlinks: their target
    bool operator==(const EntryState &other) const = default;
};
using TreeState = QMap<QByteArray, EntryState>;

// lstat of every entry below `dir`, never following a symlink.
TreeState treeState(const QByteArray &dir);

// <dir>/hub with models--t--repo: blobs/b0..b<n-1>, snapshots/c1/f<i> -> ../../blobs/b<i>,
// refs/main, .locks/models--t--repo/. Returns the hub path.
QByteArray makeCache(const QByteArray &dir, int files = 3);

struct HelperRun
{
    int exitCode = -1;
    QList<QJsonObject> lines;
    QByteArray err;
    QJsonObject last(const QString &event) const;
    int count(const QString &event, const QString &status = {}) const;
    // Operations with this status ("changed", "unchanged", "failed"), from the run-length
    // encoded statuses of the progress lines.
    int statusCount(const QString &status) const;
};
// Runs the build tree's hfcache-helper as root, as if started by sudo for `sudoUid`; with
// --take-ownership when `takeOwnership` (what pkexec's take-ownership action starts).
HelperRun runHelper(const QByteArray &plan, uint sudoUid, bool takeOwnership = false);
QString helperPath();

// {"op":KIND,"path":PATH,EXTRA}, and the "uid"/"gid" members EXTRA may hold.
QByteArray op(const char *kind, const QByteArray &path, const QByteArray &extra = {});
QByteArray uidArg(uint uid);
QByteArray gidArg(uint gid);
// chown -hR UID:GID DIR
void chownTree(const QByteArray &dir, uint uid, uint gid);

// {"version":1,"root":ROOT,"operations":[OPS]}
QByteArray plan(const QByteArray &root, const QList<QByteArray> &operations, qint64 sharedGroup = -1);

} // namespace RepairTestCache

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QByteArray>
#include <QSet>
#include <QString>
#include <QStringList>

// Helpers the maintenance tests share: fresh copies of the fixture caches and an independent
// oracle of what deleting a revision must remove, read from the files themselves.
namespace MaintainFixture {

// `cp -a` of <fixtures>/<name> into <into>/<copy>; returns the copy's path.
QString copyCache(const QString &fixtures, const QString &name, const QString &into, const QString &copy);
// Every path below `root`, relative to it.
QSet<QString> listing(const QString &root);
// The paths deleting `commits` of repo folder `folder` must remove, by huggingface_hub's
// strategy plus .no_exist/<commit>, trees/<commit>.json and the freed blobs' lock files.
QSet<QString> expectedRemoval(const QString &root, const QString &folder, const QStringList &commits);
// The commits under snapshots/ of a repo folder.
QStringList commitsOf(const QString &root, const QString &folder);
// Symlinks under `root` whose target does not exist.
QStringList brokenLinks(const QString &root);

} // namespace MaintainFixture

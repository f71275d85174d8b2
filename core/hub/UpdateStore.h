// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "UpdateResult.h"

#include <QHash>
#include <QList>
#include <QString>

namespace hfcache {

// The last answers of update checks, kept on disk (<stateDir>/update-checks.json) with the
// time they were given, so the GUI and `check-updates` offline show the last known state.
// Keyed by endpoint, repo and ref: a mirror's answers never mix with huggingface.co's.
class UpdateStore
{
public:
    UpdateStore(QString filePath, QString endpoint);

    // Reads the file; a missing file is an empty store, a broken one too (it is only a cache).
    void load();
    const UpdateResult *find(const UpdateTarget &target) const;
    // Every remembered answer of this endpoint: what the GUI's Updates column shows before any check.
    QList<UpdateResult> results() const { return m_results.values(); }
    void put(const UpdateResult &result);
    // Merges with what another process saved meanwhile, then replaces the file atomically.
    [[nodiscard]] bool save(QString *error);

private:
    QString key(const UpdateTarget &target) const;

    QString m_path;
    QString m_endpoint;
    QHash<QString, UpdateResult> m_results;
    QHash<QString, UpdateResult> m_changed;
};

} // namespace hfcache

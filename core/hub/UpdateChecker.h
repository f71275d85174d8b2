// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "HubClient.h"
#include "UpdateResult.h"
#include "UpdateStore.h"
#include "cache/CacheSnapshot.h"

#include <QObject>

namespace hfcache {

// Asks the Hub's revision API for the current commit of every cached ref (main, branches,
// tags, refs/pr/N), at most HubSettings::maxInFlight at once, and reports each answer as it
// comes. Definite answers are remembered in the UpdateStore; unknown ones (offline, network
// trouble) carry the last remembered answer instead.
class UpdateChecker : public QObject
{
    Q_OBJECT
public:
    UpdateChecker(HubClient *client, QObject *parent = nullptr);

    // Every valid ref of the snapshot's repos; only those named in `cacheIds` when not empty.
    static QList<UpdateTarget> targetsFor(const CacheSnapshot &snapshot, const QStringList &cacheIds = {});
    // <stateDir>/update-checks.json
    static QString storePath(const HubSettings &settings);

    void start(const QList<UpdateTarget> &targets);
    bool isFinished() const { return m_pending == 0 && m_started; }
    const QList<UpdateResult> &results() const { return m_results; }  // in the order of the targets
    QString storeError() const { return m_storeError; }

Q_SIGNALS:
    void resultReady(const hfcache::UpdateResult &result);
    void finished();

private:
    void onAnswer(int index, const HubClient::Response &response);
    void settle(int index);

    HubClient *m_client;
    UpdateStore m_store;
    QList<UpdateResult> m_results;
    int m_pending = 0;
    bool m_started = false;
    QString m_storeError;
};

} // namespace hfcache

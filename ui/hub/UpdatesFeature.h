// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "browser/CacheTreeModel.h"

#include "hub/UpdateResult.h"

#include <QHash>
#include <QSet>
#include <QObject>
#include <QPointer>

#include <optional>

class QAction;
class QLabel;

namespace hfcache {

class WindowHost;
class UpdateChecker;

// The Updates state of repos and revisions, as an icon with a tooltip in the tree's Updates
// column and, for the selection, in the status bar: the last known answers (UpdateStore) from the start, so offline still shows them, and
// fresh ones after "Check for Updates" -- on request, or after each new cache root when the
// user turned automatic checks on in Settings. The checks run on the network, never blocking.
class UpdatesFeature : public QObject
{
    Q_OBJECT
public:
    explicit UpdatesFeature(WindowHost &host);
    ~UpdatesFeature() override;

    // The answer shown for one ref (fresh, or the remembered one).
    std::optional<UpdateResult> result(RepoType type, const QString &repoId, const QString &ref) const;
    // The state to show: the fresh answer, else the last known one when the Hub was not reachable.
    static UpdateState shownState(const UpdateResult &result);

    // Checks the refs of the selected repos (every repo without a selection).
    void checkNow();

Q_SIGNALS:
    void checkFinished();

private:
    struct Summary
    {
        std::optional<UpdateState> worst;
        bool worstIsLastKnown = false;  // remembered from an earlier check, not answered now
        QStringList lines;  // one per ref, for the tooltip
        QString text() const;
        QString toolTip() const;
    };
    // The answer for `result` was not given by the Hub in this session.
    bool isLastKnown(const QString &key, const UpdateResult &result) const;
    // The refs of `repo` (those pointing at `commit` when given) that have an answer.
    Summary summarize(const CachedRepo &repo, const QByteArray &commit) const;
    CacheTreeModel::UpdatesCell cell(const CachedRepo &repo, const CachedRevision *revision) const;
    static QString key(RepoType type, const QString &repoId, const QString &ref);
    void loadStore();
    void check(const QStringList &cacheIds);  // empty: every repo
    void onResult(const UpdateResult &result);
    void onScanFinished();
    void showSelection();

    WindowHost &m_host;
    QAction *m_check;
    QLabel *m_icon;
    QLabel *m_indicator;
    QHash<QString, UpdateResult> m_results;
    QSet<QString> m_fromStore;  // keys of m_results read from disk, not checked in this session
    QPointer<UpdateChecker> m_checker;
    QPointer<CacheTreeModel> m_model;
    QByteArray m_autoCheckedRoot;
};

} // namespace hfcache

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "VerifyFeature.h"

#include "common/WindowHost.h"
#include "VerifyResultsDialog.h"
#include "common/BackgroundTask.h"
#include "common/ItemIcons.h"

#include "maintain/CacheVerifier.h"
#include "browser/CacheTreeModel.h"
#include "util/HumanFormat.h"

#include <QAction>
#include <QElapsedTimer>

#include <algorithm>

namespace hfcache {

VerifyFeature::VerifyFeature(WindowHost &host)
    : QObject(&host)
    , m_host(host)
    , m_action(new QAction(ItemIcons::named(QStringLiteral("status-ok")), tr("&Verify"), this))
{
    m_action->setObjectName(QStringLiteral("verifyAction"));
    m_action->setToolTip(tr("Hash the cached files and compare them with their names and the Hub's listing"));
    host.actions()->add(m_action, ActionRegistry::Repo | ActionRegistry::Revision, ActionRegistry::Group::Manage);
    connect(m_action, &QAction::triggered, this, &VerifyFeature::start);
}

// Runs on the hashing threads; tr() and HumanFormat are safe there.
QString VerifyFeature::progressText(quint64 done, quint64 total, qint64 elapsedMs)
{
    const double perSecond = elapsedMs > 0 ? double(done) * 1000.0 / double(elapsedMs) : 0.0;
    const QString left = perSecond > 0 ? HumanFormat::duration(qint64(double(total - std::min(done, total)) * 1000.0 / perSecond))
                                       : tr("estimating…");
    return tr("Hashed %1 of %2\n%3/s, %4 left")
        .arg(HumanFormat::size(done), HumanFormat::size(total), HumanFormat::size(quint64(perSecond)), left);
}

void VerifyFeature::start()
{
    if (m_progress)
        return;
    // One target per repo: the revisions selected, or all of it when the repo row is selected.
    QList<CacheVerifier::Target> targets;
    QList<bool> whole;
    for (const ActionRegistry::Item &item : m_host.actions()->selection()) {
        if (!item.repo)
            continue;
        qsizetype i = 0;
        while (i < targets.size() && targets[i].repo->folderName != item.repo->folderName)
            ++i;
        if (i == targets.size()) {
            targets << CacheVerifier::Target{item.repo, {}};
            whole << false;
        }
        if (item.ref.kind == NodeRef::Kind::Revision)
            targets[i].commits << item.ref.commit;
        else
            whole[i] = true;
    }
    for (qsizetype i = 0; i < targets.size(); ++i) {
        if (whole[i])
            targets[i].commits.clear();
    }
    if (targets.isEmpty())
        return;

    m_progress = new TaskProgressDialog(tr("Verifying"), tr("Hashing…"), m_host.window());
    runInBackground(
        this,
        [targets, cancel = m_progress->cancelFlag(), report = m_progress->reporter()] {
            CacheVerifier::Options options;
            options.cancel = cancel.get();
            // Called from several hashing threads: at most a few reports a second reach the GUI.
            auto last = std::make_shared<std::atomic<qint64>>(-1000);
            auto clock = std::make_shared<QElapsedTimer>();
            clock->start();
            options.progress = [report, last, clock](quint64 done, quint64 total) {
                const qint64 now = clock->elapsed();
                qint64 before = last->load();
                if (now - before < 150 || !last->compare_exchange_strong(before, now))
                    return;
                report(total ? double(done) / double(total) : 0.0, progressText(done, total, now));
            };
            return CacheVerifier::run(targets, options);
        },
        [this, root = m_host.root()](const VerifyReport &report) {
            if (m_progress)
                m_progress->finish();
            m_progress.clear();
            if (m_host.root() == root)  // not the same-named repos of another cache
                markProblems(report);
            auto *results = new VerifyResultsDialog(report, m_host.window());
            results->setAttribute(Qt::WA_DeleteOnClose);
            results->open();
            Q_EMIT finished(report);
        });
}

// The tree shows what verify found until the next scan of the repo: a green status on a file
// whose blob is corrupt would contradict the results.
void VerifyFeature::markProblems(const VerifyReport &report)
{
    for (const CachedRepoPtr &repo : m_host.model()->repos()) {
        const Findings found = report.findingsIn(*repo);
        auto marked = std::make_shared<CachedRepo>(*repo);
        for (const Finding &finding : found) {
            const bool known = std::any_of(repo->findings.cbegin(), repo->findings.cend(), [&](const Finding &f) {
                return f.code == finding.code && f.path == finding.path;
            });
            if (!known)
                marked->findings << finding;
        }
        if (marked->findings.size() > repo->findings.size())
            m_host.showRepo(marked);
    }
}

} // namespace hfcache

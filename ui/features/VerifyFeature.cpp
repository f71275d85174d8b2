#include "VerifyFeature.h"

#include "widgets/MainWindow.h"
#include "dialogs/VerifyResultsDialog.h"
#include "models/BackgroundTask.h"
#include "models/ItemIcons.h"

#include "maintain/CacheVerifier.h"
#include "util/HumanFormat.h"

#include <QAction>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProgressDialog>

namespace hfcache {

VerifyFeature::VerifyFeature(MainWindow &window)
    : QObject(&window)
    , m_window(window)
    , m_action(new QAction(ItemIcons::named(QStringLiteral("status-ok")), tr("&Verify"), this))
{
    m_action->setObjectName(QStringLiteral("verifyAction"));
    m_action->setToolTip(tr("Hash the cached files and compare them with their names and the Hub's listing"));
    window.actions()->add(m_action, ActionRegistry::Repo | ActionRegistry::Revision, ActionRegistry::Group::Manage);
    connect(m_action, &QAction::triggered, this, &VerifyFeature::start);
}

VerifyFeature::~VerifyFeature()
{
    if (m_cancel)
        m_cancel->store(true);
}

void VerifyFeature::start()
{
    if (m_cancel)
        return;
    // One target per repo: the revisions selected, or all of it when the repo row is selected.
    QList<CacheVerifier::Target> targets;
    QList<bool> whole;
    for (const ActionRegistry::Item &item : m_window.actions()->selection()) {
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

    m_progress = new QProgressDialog(tr("Hashing…"), tr("Cancel"), 0, 1000, &m_window);
    m_progress->setWindowTitle(tr("Verifying"));
    m_progress->setAttribute(Qt::WA_DeleteOnClose);
    m_progress->setAutoClose(false);
    m_progress->setAutoReset(false);
    m_progress->setMinimumDuration(0);
    m_progress->setMinimumWidth(380);
    m_progress->setWindowModality(Qt::WindowModal);
    m_progress->setValue(0);
    m_cancel = std::make_shared<std::atomic_bool>(false);
    // Closing the dialog at the end emits canceled() too: only a running job is cancelled.
    connect(m_progress, &QProgressDialog::canceled, this, [this] {
        if (!m_cancel)
            return;
        m_cancel->store(true);
        if (m_progress)
            m_progress->setLabelText(tr("Cancelling…"));
    });

    QPointer<VerifyFeature> self(this);
    runInBackground(
        this,
        [targets, cancel = m_cancel, self] {
            CacheVerifier::Options options;
            options.cancel = cancel.get();
            // Called from several hashing threads: at most a few reports a second reach the GUI.
            auto last = std::make_shared<std::atomic<qint64>>(-1000);
            auto clock = std::make_shared<QElapsedTimer>();
            clock->start();
            options.progress = [self, last, clock](quint64 done, quint64 total) {
                const qint64 now = clock->elapsed();
                qint64 before = last->load();
                if (now - before < 150 || !last->compare_exchange_strong(before, now))
                    return;
                QMetaObject::invokeMethod(qApp, [self, done, total] { if (self) self->onProgress(done, total); }, Qt::QueuedConnection);
            };
            return CacheVerifier::run(targets, options);
        },
        [this](const VerifyReport &report) {
            m_cancel.reset();
            if (m_progress)
                m_progress->close();
            m_results = new VerifyResultsDialog(report, &m_window);
            m_results->setAttribute(Qt::WA_DeleteOnClose);
            m_results->open();
            Q_EMIT finished(report);
        });
}

void VerifyFeature::onProgress(quint64 done, quint64 total)
{
    if (!m_progress || !m_cancel || m_cancel->load())
        return;
    m_progress->setValue(total ? int(double(done) / double(total) * 1000) : 0);
    m_progress->setLabelText(tr("Hashed %1 of %2").arg(HumanFormat::size(done), HumanFormat::size(total)));
}

} // namespace hfcache

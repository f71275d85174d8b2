#pragma once

#include "dialogs/VerifyResultsDialog.h"
#include "maintain/VerifyReport.h"

#include <QObject>
#include <QPointer>

#include <atomic>
#include <memory>

class QAction;
#include <QProgressDialog>

namespace hfcache {

class MainWindow;


// Verify on repos and revisions: CacheVerifier on the thread pool behind a progress dialog
// with Cancel, then VerifyResultsDialog.
class VerifyFeature : public QObject
{
    Q_OBJECT
public:
    explicit VerifyFeature(MainWindow &window);
    ~VerifyFeature() override;

    QAction *action() const { return m_action; }
    QProgressDialog *progressDialog() const { return m_progress; }
    VerifyResultsDialog *results() const { return m_results; }

Q_SIGNALS:
    void finished(const hfcache::VerifyReport &report);

private:
    void start();
    void onProgress(quint64 done, quint64 total);

    MainWindow &m_window;
    QAction *m_action;
    QPointer<QProgressDialog> m_progress;
    QPointer<VerifyResultsDialog> m_results;
    std::shared_ptr<std::atomic_bool> m_cancel;  // set while a verify runs
};

} // namespace hfcache

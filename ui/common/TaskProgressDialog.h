// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QProgressDialog>

#include <atomic>
#include <functional>
#include <memory>

class QPushButton;

namespace hfcache {

// The window-modal progress dialog of one task on a worker thread. It owns the cancel flag the
// worker polls. Cancel, Escape and the close button only raise that flag: the dialog stays up
// and says "Cancelling…" until the worker has stopped and the feature calls finish(), so it
// never vanishes while files are still being written. Going away (its window closes) cancels too.
class TaskProgressDialog : public QProgressDialog
{
    Q_OBJECT
public:
    TaskProgressDialog(const QString &title, const QString &label, QWidget *parent);
    ~TaskProgressDialog() override;

    // The worker keeps its own reference: the flag outlives the dialog.
    const std::shared_ptr<std::atomic_bool> &cancelFlag() const { return m_cancel; }
    bool isCancelling() const { return m_cancel->load(); }

    // For the worker: callable from any thread, it queues report() on the GUI thread and is
    // dropped there once the dialog is gone.
    using Reporter = std::function<void(double fraction, const QString &text)>;
    Reporter reporter();
    // fraction in [0, 1]; ignored once cancelling, so "Cancelling…" stays on screen.
    void report(double fraction, const QString &text);

    // The task has ended (done, failed or cancelled): closes and deletes the dialog.
    void finish();

protected:
    void reject() override;
    void closeEvent(QCloseEvent *event) override;

private:
    void requestCancel();

    QPushButton *m_cancelButton;
    std::shared_ptr<std::atomic_bool> m_cancel = std::make_shared<std::atomic_bool>(false);
    bool m_finished = false;
};

} // namespace hfcache

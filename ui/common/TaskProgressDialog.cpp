// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "TaskProgressDialog.h"

#include <QCloseEvent>
#include <QCoreApplication>
#include <QPointer>
#include <QPushButton>

namespace hfcache {

namespace {
constexpr int Steps = 1000;
}

TaskProgressDialog::TaskProgressDialog(const QString &title, const QString &label, QWidget *parent)
    : QProgressDialog(label, QString(), 0, Steps, parent)
    , m_cancelButton(new QPushButton(tr("Cancel"), this))
{
    setObjectName(QStringLiteral("taskProgressDialog"));
    setWindowTitle(title);
    setCancelButton(m_cancelButton);
    // QProgressDialog hides itself on canceled() (a string-based connection, so it is undone the
    // same way): the dialog has to stay until the worker has really stopped.
    disconnect(this, SIGNAL(canceled()), this, SLOT(cancel()));
    connect(this, &QProgressDialog::canceled, this, &TaskProgressDialog::requestCancel);
    setAttribute(Qt::WA_DeleteOnClose);
    setAutoClose(false);
    setAutoReset(false);
    setMinimumDuration(0);
    setMinimumWidth(420);
    setWindowModality(Qt::WindowModal);
    setValue(0);
}

TaskProgressDialog::~TaskProgressDialog()
{
    // Deleted with its window while the task runs: stop the worker rather than let it run on unseen.
    if (!m_finished)
        m_cancel->store(true);
}

TaskProgressDialog::Reporter TaskProgressDialog::reporter()
{
    return [dialog = QPointer<TaskProgressDialog>(this)](double fraction, const QString &text) {
        // qApp, not the dialog, as the context: the dialog may be deleted before this call.
        QMetaObject::invokeMethod(
            qApp, [dialog, fraction, text] { if (dialog) dialog->report(fraction, text); }, Qt::QueuedConnection);
    };
}

void TaskProgressDialog::report(double fraction, const QString &text)
{
    if (m_finished || isCancelling())
        return;
    setLabelText(text);
    setValue(int(qBound(0.0, fraction, 1.0) * Steps));
}

void TaskProgressDialog::finish()
{
    m_finished = true;
    close();
}

void TaskProgressDialog::reject()
{
    if (m_finished)
        QProgressDialog::reject();
    else
        requestCancel();
}

void TaskProgressDialog::closeEvent(QCloseEvent *event)
{
    if (m_finished) {
        QProgressDialog::closeEvent(event);
        return;
    }
    event->ignore();
    requestCancel();
}

void TaskProgressDialog::requestCancel()
{
    // QProgressDialog's own closeEvent() emits canceled() too, also when finish() closes it.
    if (m_finished || isCancelling())
        return;
    m_cancel->store(true);
    m_cancelButton->setEnabled(false);
    setLabelText(tr("Cancelling…"));
}

} // namespace hfcache

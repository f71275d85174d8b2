// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "ClusterLocksFeature.h"

#include "ClusterLocksDialog.h"
#include "common/BackgroundTask.h"
#include "common/WindowHost.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QMenu>
#include <QMessageBox>

#include <algorithm>

namespace hfcache {

ClusterLocksFeature::ClusterLocksFeature(WindowHost &host)
    : QObject(&host)
    , m_host(host)
    , m_open(new QAction(tr("Open Cluster &Locks Report…"), this))
{
    m_open->setObjectName(QStringLiteral("openClusterLocksAction"));
    m_open->setStatusTip(tr("Show the lock holders of every node from gathered `hfcache locks --json` outputs "
                            "(srun, pdsh or clush)"));
    connect(m_open, &QAction::triggered, this, &ClusterLocksFeature::chooseReport);
    // With the other Open items: before the separator that precedes Quit.
    QMenu *file = m_host.menu(WindowHost::Menu::File);
    const QList<QAction *> items = file->actions();
    const auto separator = std::find_if(items.crbegin(), items.crend(), [](QAction *a) { return a->isSeparator(); });
    file->insertAction(separator == items.crend() ? nullptr : *separator, m_open);
}

void ClusterLocksFeature::chooseReport()
{
    const QString path = QFileDialog::getOpenFileName(m_host.window(), tr("Open Cluster Locks Report"), QDir::homePath(),
                                                      tr("Lock reports (*.json *.txt *.out);;All files (*)"));
    if (!path.isEmpty())
        openReport(path);
}

void ClusterLocksFeature::openReport(const QString &path)
{
    m_host.showStatusMessage(tr("Reading %1…").arg(path), 0);
    runInBackground(
        this,
        [path] {
            QString error;
            LocksMerge merge = ClusterLocksDialog::load(path, &error);
            return std::make_pair(std::move(merge), error);
        },
        [this, path](const std::pair<LocksMerge, QString> &result) {
            m_host.showStatusMessage(QString(), 0);
            if (!result.second.isEmpty()) {
                // open(), not exec(): the window stays responsive behind the message.
                auto *box = new QMessageBox(QMessageBox::Warning, tr("Open Cluster Locks Report"), result.second,
                                            QMessageBox::Close, m_host.window());
                box->setAttribute(Qt::WA_DeleteOnClose);
                box->open();
                return;
            }
            auto *dialog = new ClusterLocksDialog(result.first, path, m_host.window());
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            dialog->show();
        });
}

} // namespace hfcache

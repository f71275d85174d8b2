// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "FetchDialog.h"

#include "util/HumanFormat.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace hfcache {

FetchDialog::FetchDialog(HubClient *client, const QByteArray &cacheRoot, RepoType type, const QString &repoId,
                         const QString &revision, HubFetch::Options options, QWidget *parent)
    : QDialog(parent)
    , m_fetch(new HubFetch(client, cacheRoot, type, repoId, revision, options, this))
    , m_stage(new QLabel(tr("Starting…"), this))
    , m_bar(new QProgressBar(this))
    , m_rate(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this))
{
    setWindowTitle(options.missingOnly ? tr("Download Missing Files — %1").arg(repoId)
                                       : tr("Repair Corrupt Files — %1").arg(repoId));
    m_stage->setWordWrap(true);
    m_rate->setObjectName(QStringLiteral("rate"));
    m_rate->setWordWrap(true);
    m_bar->setRange(0, 0);
    m_cancel = m_buttons->button(QDialogButtonBox::Cancel);
    connect(m_cancel, &QPushButton::clicked, m_fetch, &HubFetch::cancel);
    connect(m_buttons, &QDialogButtonBox::rejected, this, [this] {
        if (m_fetch->isFinished())
            reject();
    });
    connect(m_fetch, &HubFetch::stageChanged, this, [this](const QString &stage) {
        // core words its stages for a log line ("fetching 2 blob(s)"); a dialog starts with a capital.
        m_stage->setText(stage.left(1).toUpper() + stage.mid(1));
    });
    connect(m_fetch, &HubFetch::waitingForLock, this, [this](const QByteArray &lock) {
        m_stage->setText(tr("Waiting for another program to release %1").arg(QString::fromUtf8(lock)));
    });
    connect(m_fetch, &HubFetch::progress, this, &FetchDialog::onProgress);
    connect(m_fetch, &HubFetch::finished, this, &FetchDialog::onFinished);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_stage);
    layout->addWidget(m_bar);
    layout->addWidget(m_rate);
    layout->addWidget(m_buttons);
    resize(440, sizeHint().height());
}

void FetchDialog::start()
{
    m_clock.start();
    m_fetch->start();
}

void FetchDialog::onProgress(qint64 received, qint64 planned, int filesDone, int filesPlanned)
{
    // Permille keeps the bar in int range for files of many GB.
    m_bar->setRange(0, 1000);
    m_bar->setValue(planned > 0 ? int(received * 1000 / planned) : 1000);
    const qint64 elapsedMs = qMax<qint64>(1, m_clock.elapsed());
    m_rate->setText(tr("%1 of %2 · file %3 of %4 · %5/s")
                        .arg(HumanFormat::size(quint64(received)), HumanFormat::size(quint64(planned)))
                        .arg(filesDone)
                        .arg(filesPlanned)
                        .arg(HumanFormat::size(quint64(received * 1000 / elapsedMs))));
}

QString FetchDialog::summary() const
{
    if (!m_fetch->fatalError().isEmpty())
        return m_fetch->fatalError();
    int downloaded = 0;
    int linked = 0;
    int failed = 0;
    QString firstError;
    for (const HubFetch::FileResult &file : m_fetch->files()) {
        downloaded += file.action == HubFetch::Action::Downloaded;
        linked += file.action == HubFetch::Action::Linked;
        failed += file.action == HubFetch::Action::Failed;
        if (firstError.isEmpty())
            firstError = file.error;
    }
    QString text = tr("Downloaded: %1 · linked: %2 · failed: %3").arg(downloaded).arg(linked).arg(failed);
    // The first reason is usually the reason of all (offline, no access, disk full).
    if (!firstError.isEmpty())
        text += QLatin1Char('\n') + firstError;
    return text;
}

void FetchDialog::onFinished()
{
    m_bar->setRange(0, 1000);
    m_bar->setValue(m_fetch->ok() ? 1000 : m_bar->value());
    m_stage->setText(m_fetch->ok() ? tr("Done.") : tr("Stopped."));
    m_rate->setText(summary());
    m_buttons->setStandardButtons(QDialogButtonBox::Close);
    // An error may need more lines than the progress did.
    layout()->activate();
    const int needed = layout()->hasHeightForWidth() ? layout()->totalHeightForWidth(width()) : sizeHint().height();
    resize(width(), qMax(height(), needed));
    Q_EMIT fetchFinished();
}

} // namespace hfcache

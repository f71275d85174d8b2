// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "hub/HubFetch.h"

#include <QDialog>
#include <QElapsedTimer>

class QDialogButtonBox;
class QLabel;
class QProgressBar;
class QPushButton;

namespace hfcache {

// Runs one HubFetch (download missing files, or repair corrupt ones) of a revision and shows
// its stage, progress and rate; Cancel stops it, keeping what is complete. Modeless: the
// window stays usable while the network works.
class FetchDialog : public QDialog
{
    Q_OBJECT
public:
    FetchDialog(HubClient *client, const QByteArray &cacheRoot, RepoType type, const QString &repoId,
                const QString &revision, HubFetch::Options options, QWidget *parent = nullptr);

    void start();

Q_SIGNALS:
    void fetchFinished();

private:
    // What the fetch did, or why it failed: shown in place of the rate once it ends.
    QString summary() const;
    void onProgress(qint64 received, qint64 planned, int filesDone, int filesPlanned);
    void onFinished();

    HubFetch *m_fetch;
    QLabel *m_stage;
    QProgressBar *m_bar;
    QLabel *m_rate;
    QPushButton *m_cancel;
    QDialogButtonBox *m_buttons;
    QElapsedTimer m_clock;
};

} // namespace hfcache

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace hfcache {

class WhyPath;

// The inline message over the browser (like KMessageWidget): no cache at the root, an empty
// cache, the demo cache, a local_dir folder, a root the user may not open. Its buttons offer
// what helps: the demo cache, another folder, a repair.
class CacheBanner : public QFrame
{
    Q_OBJECT
public:
    enum class Offer { OpenFolder, Demo };

    explicit CacheBanner(QWidget *parent = nullptr);

    void showMessage(const QString &text, Offer offer = Offer::OpenFolder);
    // `user` may not open `root`: the why-path's lines say which folder denies it, Repair… is offered.
    void showDenied(const QString &user, const QString &root, const QStringList &whyPath);

Q_SIGNALS:
    void demoRequested();
    void openFolderRequested();
    void repairRequested();

private:
    QLabel *m_text;
    QPushButton *m_demo;
    QPushButton *m_repair = nullptr;
};

} // namespace hfcache

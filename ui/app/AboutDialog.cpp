// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "AboutDialog.h"

#include "AppInfo.h"
#include "common/ItemIcons.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace hfcache {

AboutDialog::AboutDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("About %1").arg(QString::fromUtf8(AppInfo::kDisplayName)));

    auto *icon = new QLabel(this);
    icon->setPixmap(ItemIcons::named(QStringLiteral("app/hfcache")).pixmap(96, 96));
    icon->setAlignment(Qt::AlignTop);

    const QString homepage = QString::fromLatin1(AppInfo::kHomepage);
    const QString bugs = QString::fromLatin1(AppInfo::kBugTracker);
    const QString about = tr("<h2>%1</h2>"
                             "<p>Version %2</p>"
                             "<p>Browse, diagnose, repair and export the Hugging Face Hub cache.</p>"
                             "<p>License: %3</p>"
                             "<p><a href=\"%4\">%4</a><br><a href=\"%5\">Report a problem</a></p>"
                             "<p><small>Built with Qt %6, running on Qt %7.</small></p>")
                              .arg(QString::fromUtf8(AppInfo::kDisplayName), QString::fromLatin1(AppInfo::kVersion),
                                   QString::fromLatin1(AppInfo::kLicense), homepage, bugs, QStringLiteral(QT_VERSION_STR),
                                   QString::fromLatin1(qVersion()));
    auto *text = new QLabel(about, this);
    text->setObjectName(QStringLiteral("aboutText"));
    text->setTextFormat(Qt::RichText);
    text->setOpenExternalLinks(true);
    text->setTextInteractionFlags(Qt::TextBrowserInteraction);
    text->setWordWrap(true);
    text->setMinimumWidth(320);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *row = new QHBoxLayout;
    row->addWidget(icon);
    row->addSpacing(12);
    row->addWidget(text, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addWidget(buttons);
}

} // namespace hfcache

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
// The About dialog names the program, its version, license, homepage and bug tracker. It is
// also rendered to PNG (HFCACHE_SCREENSHOT_DIR) so people can look at it.
#include "WindowFixture.h"

#include "app/AboutDialog.h"

#include "AppInfo.h"

#include <QLabel>
#include <QTest>

using namespace hfcache;

class tst_AboutDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aboutDialogContent();
};

void tst_AboutDialog::aboutDialogContent()
{
    AboutDialog dialog;
    const QString text = dialog.findChild<QLabel *>(QStringLiteral("aboutText"))->text();
    QVERIFY(text.contains(QString::fromUtf8(AppInfo::kDisplayName)));
    QVERIFY(text.contains(QString::fromLatin1(AppInfo::kVersion)));
    QVERIFY(text.contains(QString::fromLatin1(AppInfo::kLicense)));
    QVERIFY(text.contains(QString::fromLatin1(AppInfo::kHomepage)));
    QVERIFY(text.contains(QString::fromLatin1(AppInfo::kBugTracker)));
    QVERIFY(QByteArray(AppInfo::kHomepage).startsWith("https://"));
    QVERIFY(dialog.windowTitle().contains(QString::fromUtf8(AppInfo::kDisplayName)));
    WindowFixture::saveDialogShot(&dialog, QStringLiteral("about.png"));
}

QTEST_MAIN(tst_AboutDialog)
#include "tst_AboutDialog.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
// The Settings dialog: its fields edit and return the settings, and in the real window Ctrl+,
// opens it and a cache added there is offered at once. Rendered to PNG (HFCACHE_SCREENSHOT_DIR).
#include "WindowFixture.h"

#include "app/MainWindow.h"
#include "common/AppSettings.h"
#include "preferences/PreferencesFeature.h"
#include "preferences/SettingsDialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QSpinBox>
#include <QTest>
#include <QTimer>
#include <QTreeView>

using namespace hfcache;

class tst_SettingsDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void settingsDialogEditsAndReturns();
    void settingsShortcutAndConfiguredCaches();

private:
    WindowFixture m_fixture;
};

void tst_SettingsDialog::initTestCase()
{
    m_fixture.setUp(QStringLiteral("tst_SettingsDialog"));
}

void tst_SettingsDialog::init()
{
    WindowFixture::forgetSettings();
}

void tst_SettingsDialog::settingsDialogEditsAndReturns()
{
    AppSettings s;
    s.cacheRoots = {QStringLiteral("/srv/hf/hub")};
    s.exportLevel = 5;
    SettingsDialog dialog(s);
    QCOMPARE(dialog.settings(), s);

    dialog.findChild<QLineEdit *>()->setText(QStringLiteral("  research  "));
    dialog.findChild<QCheckBox *>()->setChecked(true);
    auto *compression = dialog.findChild<QComboBox *>();
    auto *level = dialog.findChild<QSpinBox *>();
    compression->setCurrentIndex(compression->findData(QStringLiteral("none")));
    QVERIFY(!level->isEnabled());  // no level without compression
    compression->setCurrentIndex(compression->findData(QStringLiteral("zstd")));
    QVERIFY(level->isEnabled());
    level->setValue(12);
    dialog.findChild<QCheckBox *>(QStringLiteral("exportVerify"))->setChecked(true);
    dialog.findChild<QListWidget *>()->addItem(QStringLiteral("/scratch/hub"));

    const AppSettings edited = dialog.settings();
    QCOMPARE(edited.sharedGroup, QStringLiteral("research"));
    QVERIFY(edited.automaticUpdateChecks);
    QCOMPARE(edited.exportCompression, QStringLiteral("zstd"));
    QCOMPARE(edited.exportLevel, 12);
    QVERIFY(edited.exportVerify);
    QCOMPARE(edited.cacheRoots, (QStringList{QStringLiteral("/srv/hf/hub"), QStringLiteral("/scratch/hub")}));
    edited.save();
    QCOMPARE(AppSettings::load(), edited);
    WindowFixture::saveDialogShot(&dialog, QStringLiteral("settings.png"));
    AppSettings{}.save();
}

// D34: Ctrl+, did nothing; Open Configured Cache stayed disabled until a restart.
void tst_SettingsDialog::settingsShortcutAndConfiguredCaches()
{
    MainWindow window;
    WindowFixture::open(window, m_fixture.freshDemo(QStringLiteral("settings")));
    auto *feature = window.findChild<PreferencesFeature *>();
    QVERIFY(feature);
    QMenu *caches = nullptr;
    for (QMenu *menu : WindowFixture::fileMenu(window)->findChildren<QMenu *>()) {
        if (menu->title().contains(QStringLiteral("Configured")))
            caches = menu;
    }
    QVERIFY(caches);
    QVERIFY(!caches->isEnabled());

    const QString added = m_fixture.freshDemo(QStringLiteral("configured"));
    bool dialogSeen = false;
    QTimer::singleShot(200, [&] {
        auto *dialog = qobject_cast<SettingsDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        dialogSeen = true;
        dialog->findChild<QListWidget *>()->addItem(added);
        dialog->accept();
    });
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QTest::keyClick(WindowFixture::tree(window), Qt::Key_Comma, Qt::ControlModifier);
    QVERIFY(dialogSeen);
    QVERIFY(caches->isEnabled());
    QCOMPARE(caches->actions().size(), 1);
    QCOMPARE(caches->actions().first()->text(), added);
    AppSettings{}.save();
}

QTEST_MAIN(tst_SettingsDialog)
#include "tst_SettingsDialog.moc"

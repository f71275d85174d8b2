// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
// Settings, About and single-instance behaviour of hfcache-gui, offscreen. The dialogs are
// also rendered to PNG (HFCACHE_SCREENSHOT_DIR) so people can look at them.
#include "support/TestSupport.h"

#include "app/AboutDialog.h"
#include "preferences/SettingsDialog.h"
#include "common/AppSettings.h"
#include "app/SingleInstance.h"

#include "AppInfo.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QListWidget>
#include <QLocalServer>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace hfcache;

class tst_GuiApp : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void settingsRoundTrip();
    void settingsDialogEditsAndReturns();
    void brokenSettingsFallBack();
    void aboutDialogContent();
    void secondLaunchRaisesFirst();
    void staleSocketIsReplaced();

private:
    void saveShot(QWidget &widget, const QString &name);
    QTemporaryDir m_tmp;
};

void tst_GuiApp::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_tmp.filePath(QStringLiteral("config")));
    QCoreApplication::setOrganizationName(QStringLiteral("hfcache"));
    QCoreApplication::setApplicationName(QStringLiteral("hfcache"));
}

void tst_GuiApp::saveShot(QWidget &widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("HFCACHE_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    widget.show();
    QVERIFY(QTest::qWaitForWindowExposed(&widget));
    QVERIFY(widget.grab().save(dir + QLatin1Char('/') + name));
}

void tst_GuiApp::settingsRoundTrip()
{
    AppSettings defaults = AppSettings::load();
    QCOMPARE(defaults, AppSettings{});
    QVERIFY(!defaults.automaticUpdateChecks);  // the Hub is only asked when the user wants

    AppSettings s;
    s.cacheRoots = {QStringLiteral("/srv/hf/hub"), QStringLiteral("/data/with space/hub")};
    s.sharedGroup = QStringLiteral("ml-users");
    s.automaticUpdateChecks = true;
    s.exportCompression = QStringLiteral("gzip");
    s.exportLevel = 9;
    s.exportVerify = true;
    s.save();
    QSettings().sync();
    QVERIFY(QFile::exists(QSettings().fileName()));
    QVERIFY(QSettings().fileName().startsWith(m_tmp.path()));
    QCOMPARE(AppSettings::load(), s);

    // A separate file too (what a test or a second profile uses).
    QSettings other(m_tmp.filePath(QStringLiteral("other.ini")), QSettings::IniFormat);
    s.save(other);
    other.sync();
    QCOMPARE(AppSettings::load(QSettings(other.fileName(), QSettings::IniFormat)), s);
    AppSettings{}.save();
}

void tst_GuiApp::settingsDialogEditsAndReturns()
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
    saveShot(dialog, QStringLiteral("settings.png"));
    AppSettings{}.save();
}

void tst_GuiApp::brokenSettingsFallBack()
{
    QSettings settings(m_tmp.filePath(QStringLiteral("broken.ini")), QSettings::IniFormat);
    settings.setValue(QStringLiteral("preferences/exportCompression"), QStringLiteral("lzma9000"));
    settings.setValue(QStringLiteral("preferences/exportLevel"), 400);
    settings.setValue(QStringLiteral("preferences/automaticUpdateChecks"), QStringLiteral("garbage"));
    settings.setValue(QStringLiteral("preferences/exportVerify"), QStringLiteral("garbage"));
    const AppSettings s = AppSettings::load(settings);
    QCOMPARE(s.exportCompression, QStringLiteral("zstd"));
    QCOMPARE(s.exportLevel, 19);
    QVERIFY(!s.automaticUpdateChecks);
    QVERIFY(!s.exportVerify);
}

void tst_GuiApp::aboutDialogContent()
{
    AboutDialog dialog;
    const QString text = dialog.text();
    QVERIFY(text.contains(QString::fromUtf8(AppInfo::kDisplayName)));
    QVERIFY(text.contains(QString::fromLatin1(AppInfo::kVersion)));
    QVERIFY(text.contains(QString::fromLatin1(AppInfo::kLicense)));
    QVERIFY(text.contains(QString::fromLatin1(AppInfo::kHomepage)));
    QVERIFY(text.contains(QString::fromLatin1(AppInfo::kBugTracker)));
    QVERIFY(QByteArray(AppInfo::kHomepage).startsWith("https://"));
    QVERIFY(dialog.windowTitle().contains(QString::fromUtf8(AppInfo::kDisplayName)));
    saveShot(dialog, QStringLiteral("about.png"));
}

void tst_GuiApp::secondLaunchRaisesFirst()
{
    // The key comes from the user and the display: a display of our own keeps this test away
    // from a real session's hfcache-gui.
    const QByteArray display = ":tst-" + QByteArray::number(QCoreApplication::applicationPid());
    qputenv("DISPLAY", display);
    qunsetenv("WAYLAND_DISPLAY");
    SingleInstance first;
    QVERIFY(first.key().contains(QString::number(::getuid())));
    QVERIFY(first.claim());
    QSignalSpy raised(&first, &SingleInstance::raiseRequested);

    // A real second hfcache-gui: it must hand over and quit without a window of its own.
    QProcess second;
    second.start(QStringLiteral(HFCACHE_GUI), {QStringLiteral("--cache-dir"), m_tmp.filePath(QStringLiteral("none"))});
    QVERIFY(second.waitForStarted());
    QTRY_COMPARE_WITH_TIMEOUT(raised.count(), 1, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(second.state(), QProcess::NotRunning, 20000);
    QCOMPARE(second.exitStatus(), QProcess::NormalExit);
    QCOMPARE(second.exitCode(), 0);
    // The first window is asked to open the cache the second launch was given.
    QCOMPARE(raised.first().first().toByteArray(), QFile::encodeName(m_tmp.filePath(QStringLiteral("none"))));

    // Without --cache-dir, and with a name no text protocol would survive.
    SingleInstance third;
    QVERIFY(!third.claim());
    QTRY_COMPARE(raised.count(), 2);
    QVERIFY(raised.at(1).first().toByteArray().isEmpty());
    const QByteArray odd("/tmp/a\nb \xff");
    QVERIFY(!SingleInstance().claim(odd));
    QTRY_COMPARE(raised.count(), 3);
    QCOMPARE(raised.at(2).first().toByteArray(), odd);

    // Another display is another session: it gets its own instance.
    qputenv("DISPLAY", display + "-other");
    SingleInstance elsewhere;
    QVERIFY(elsewhere.key() != first.key());
    QVERIFY(elsewhere.claim());
    QCOMPARE(raised.count(), 3);
}

void tst_GuiApp::staleSocketIsReplaced()
{
    const QString key = QStringLiteral("hfcache-tst-stale-%1").arg(QCoreApplication::applicationPid());
    {
        // A socket file nobody listens on, as a crashed instance leaves it.
        QLocalServer crashed;
        crashed.setSocketOptions(QLocalServer::UserAccessOption);
        QVERIFY(crashed.listen(key));
        const QString path = crashed.fullServerName();
        crashed.close();
        QFile stale(path);
        QVERIFY(stale.open(QIODevice::WriteOnly));
    }
    SingleInstance instance(key);
    QVERIFY(instance.claim());
    SingleInstance second(key);
    QSignalSpy raised(&instance, &SingleInstance::raiseRequested);
    QVERIFY(!second.claim());
    QTRY_COMPARE(raised.count(), 1);
}

QTEST_MAIN(tst_GuiApp)
#include "tst_GuiApp.moc"

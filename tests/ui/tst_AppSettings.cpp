// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
// The window's settings: saved and loaded back, in the user's file or another one, and a file
// with broken values falls back to the defaults.
#include "common/AppSettings.h"

#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace hfcache;

class tst_AppSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void settingsRoundTrip();
    void brokenSettingsFallBack();

private:
    QTemporaryDir m_tmp;
};

void tst_AppSettings::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_tmp.filePath(QStringLiteral("config")));
    QCoreApplication::setOrganizationName(QStringLiteral("hfcache"));
    QCoreApplication::setApplicationName(QStringLiteral("hfcache"));
}

void tst_AppSettings::settingsRoundTrip()
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

void tst_AppSettings::brokenSettingsFallBack()
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

QTEST_GUILESS_MAIN(tst_AppSettings)
#include "tst_AppSettings.moc"

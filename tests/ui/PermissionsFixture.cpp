// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "PermissionsFixture.h"

#include "app/MainWindow.h"

#include <QDir>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>

#include <sys/stat.h>
#include <unistd.h>

namespace hfcache {

void PermissionsFixture::setUp(const QString &testName)
{
    WindowFixture::setUp(testName);
    // Not root: this binary run again by a test as the second user.
    m_child = ::geteuid() != 0;
    if (m_child)
        return;
    user = TestSupport::ensureUser(QStringLiteral("hfct-gui-b"));
    QVERIFY(user);
    // The build tree's helper (the test binary is not next to it).
    qputenv("HFCACHE_HELPER", HFCACHE_BINARY_DIR "/app/hfcache-helper");
}

void PermissionsFixture::makeCache()
{
    const QByteArray function = QTest::currentTestFunction();
    hub = QFile::encodeName(tmp().path()) + "/" + function + "/hub";
    repo = hub + "/models--t--repo";
    for (const QByteArray &sub : {hub, repo + "/blobs", repo + "/refs", repo + "/snapshots/c1", hub + "/.locks/models--t--repo"})
        QVERIFY(QDir().mkpath(QFile::decodeName(sub)));
    writeFile(repo + "/refs/main", "c1");
    for (const QByteArray n : {"0", "1"}) {
        writeFile(repo + "/blobs/b" + n, "blob " + n);
        ::chmod((repo + "/blobs/b" + n).constData(), 0644);
        QCOMPARE(::symlink(("../../blobs/b" + n).constData(), (repo + "/snapshots/c1/f" + n).constData()), 0);
    }
    writeFile(hub + "/.locks/models--t--repo/b0.lock", "");
    ::chmod(tmp().path().toLocal8Bit().constData(), 0755);
    ::chmod(QFile::encodeName(tmp().path() + QLatin1Char('/') + QLatin1String(function)).constData(), 0755);
}

void PermissionsFixture::openWindow()
{
    window = std::make_unique<MainWindow>();
    QSignalSpy finished(window.get(), &MainWindow::scanFinished);
    window->resize(1200, 800);
    window->show();
    window->openRoot(hub);
    QVERIFY(finished.wait(20000));
}

void PermissionsFixture::grab(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("HFCACHE_SCREENSHOT_DIR", tmp().path());
    QVERIFY(widget->grab().save(dir + QLatin1Char('/') + name));
}

QTreeWidget *PermissionsFixture::ownershipTree() const
{
    return window->findChild<QTreeWidget *>(QStringLiteral("ownershipTree"));
}

void PermissionsFixture::writeFile(const QByteArray &path, const QByteArray &data)
{
    QFile file(QFile::decodeName(path));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(data);
}

mode_t PermissionsFixture::modeOf(const QByteArray &path)
{
    struct stat st {};
    return ::lstat(path.constData(), &st) == 0 ? st.st_mode & 07777 : 0;
}

} // namespace hfcache

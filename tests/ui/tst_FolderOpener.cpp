// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
// Open in File Manager in the real window, offscreen, where no file manager can start.
#include "WindowFixture.h"

#include "app/MainWindow.h"
#include "browser/CacheTreeModel.h"
#include "common/ActionRegistry.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QMessageBox>
#include <QPushButton>
#include <QTest>

using namespace hfcache;

class tst_FolderOpener : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void openFolderWithoutFileManagerSaysSo();

private:
    WindowFixture m_fixture;
};

void tst_FolderOpener::initTestCase()
{
    m_fixture.setUp(QStringLiteral("tst_FolderOpener"));
}

void tst_FolderOpener::init()
{
    WindowFixture::forgetSettings();
}

// D33: Open in File Manager did nothing without a launcher.
void tst_FolderOpener::openFolderWithoutFileManagerSaysSo()
{
    MainWindow window;
    WindowFixture::open(window, m_fixture.freshDemo(QStringLiteral("files")));
    const CachedRepoPtr repo = WindowFixture::model(window)->repos().first();
    QVERIFY(window.select({NodeRef::Kind::Repo, repo->folderName, {}, {}}));
    QAction *openAction = nullptr;
    for (QAction *candidate : WindowFixture::actions(window)->actions(ActionRegistry::Group::Open)) {
        if (candidate->text().contains(QStringLiteral("File Manager")))
            openAction = candidate;
    }
    QVERIFY(openAction);
    // The offscreen platform has no file manager to start, as a desktop without xdg-open.
    openAction->trigger();
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = window.findChild<QMessageBox *>(QStringLiteral("openFolderFailed"))) != nullptr);
    QVERIFY(box->isVisible());
    QVERIFY(box->informativeText().contains(QFile::decodeName(repo->path)));
    QAbstractButton *copy = box->defaultButton();
    QVERIFY(copy && copy->text().contains(QStringLiteral("Copy")));
    QApplication::clipboard()->clear();
    copy->click();
    QCOMPARE(QApplication::clipboard()->text(), QFile::decodeName(repo->path));
}

QTEST_MAIN(tst_FolderOpener)
#include "tst_FolderOpener.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "support/PythonPeer.h"
#include "support/TestSupport.h"
#include "WindowFixture.h"

#include "localdir/LocalDirFeature.h"
#include "browser/CacheTreeModel.h"
#include "localdir/LocalDirList.h"
#include "common/ActionRegistry.h"
#include "browser/CacheStatusBar.h"
#include "browser/DetailsPane.h"
#include "export/ExportFeature.h"
#include "permissions/LocksPane.h"
#include "app/MainWindow.h"
#include "browser/TreemapView.h"

#include <QAction>
#include <QApplication>
#include <QDirIterator>
#include <QLabel>
#include <QMenu>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>

using namespace hfcache;

// local_dir folders in the window, on a copy of the folder the real huggingface_hub 1.28 wrote:
// File menu and Open Recent, opening (added or by path), the tree, details and status bar,
// the cache-only actions disabled with their reason, Export, and the Locks pane.
class tst_LocalDirFeature : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void fileMenuAndOpenRecent();
    void openedLikeARepo();
    void cacheOnlyActionsDisabled();
    void exportWorks();
    void locksPaneSeesAHeldLock();
    void locksPaneSeesASoftLock();
    void liveUpdateFromAnotherProcess();

private:
    static QAction *actionNamed(MainWindow &window, const QString &text);

    WindowFixture m_fixture;
    QString m_fixtures;
    QByteArray m_localDir;
    QByteArray m_hubCache;
};

void tst_LocalDirFeature::initTestCase()
{
    m_fixture.setUp(QStringLiteral("tst_LocalDirFeature"));
    QSettings().clear();
    m_fixtures = TestSupport::extractFixtures(m_fixture.tmp());
    QVERIFY(!m_fixtures.isEmpty());
    m_localDir = QFile::encodeName(m_fixture.tmp().filePath(QStringLiteral("bert-mini")));
    QCOMPARE(TestSupport::runProgram(QStringLiteral("cp"), {QStringLiteral("-a"), m_fixtures + QStringLiteral("/fixture-localdir-v1.28/bert-mini"),
                                                           QFile::decodeName(m_localDir)}), 0);
    m_hubCache = QFile::encodeName(m_fixtures + QStringLiteral("/fixture-cache"));
    qputenv("HF_HUB_CACHE", m_hubCache);
}

QAction *tst_LocalDirFeature::actionNamed(MainWindow &window, const QString &text)
{
    for (ActionRegistry::Group group : {ActionRegistry::Group::Open, ActionRegistry::Group::Copy,
                                        ActionRegistry::Group::Manage, ActionRegistry::Group::View}) {
        for (QAction *action : WindowFixture::actions(window)->actions(group)) {
            if (action->text().remove(QLatin1Char('&')).startsWith(text))
                return action;
        }
    }
    return nullptr;
}

void tst_LocalDirFeature::fileMenuAndOpenRecent()
{
    QSettings().setValue(QStringLiteral("recentRoots"), QStringList{QFile::decodeName(m_localDir), QStringLiteral("/srv/other-cache"),
                                                                  QFile::decodeName(m_hubCache)});
    MainWindow window;
    auto *feature = window.findChild<LocalDirFeature *>();
    QVERIFY(feature);
    // File ▸ Open Cache Folder…, Add local_dir Folder…, Forget local_dir Folder ▸, Open Recent ▸, ...
    const QList<QAction *> file = WindowFixture::fileMenu(window)->actions();
    QCOMPARE(file.at(1), feature->findChild<QAction *>(QStringLiteral("addLocalDirAction")));
    QCOMPARE(file.at(2)->menu(), window.findChild<QMenu *>(QStringLiteral("forgetLocalDirMenu")));
    QCOMPARE(file.at(3)->menu(), WindowFixture::recentMenu(window));
    QVERIFY(!window.findChild<QMenu *>(QStringLiteral("forgetLocalDirMenu"))->isEnabled());

    QSignalSpy finished(&window, &MainWindow::scanFinished);
    feature->addFolder(m_localDir);
    QVERIFY(finished.wait(20000));
    QCOMPARE(window.root(), m_localDir);
    QCOMPARE(LocalDirList::load(), QStringList{QFile::decodeName(m_localDir)});

    // Hub cache from the environment, then the local_dir folders, then the other recent roots.
    Q_EMIT WindowFixture::recentMenu(window)->aboutToShow();
    QStringList texts;
    for (QAction *action : WindowFixture::recentMenu(window)->actions())
        texts << (action->isSeparator() ? QStringLiteral("--") : action->text());
    QCOMPARE(texts, (QStringList{QStringLiteral("%1 (from HF_HUB_CACHE)").arg(QFile::decodeName(m_hubCache)), QStringLiteral("--"),
                                 QStringLiteral("%1 (local_dir)").arg(QFile::decodeName(m_localDir)), QStringLiteral("--"),
                                 QStringLiteral("/srv/other-cache")}));

    // Open Recent opens the hub cache again, as a cache.
    WindowFixture::recentMenu(window)->actions().first()->trigger();
    QVERIFY(finished.wait(20000));
    QVERIFY(!window.snapshot()->isLocalDir());
    QVERIFY(WindowFixture::model(window)->repoCount() > 1);

    // Forgetting it drops it from both menus.
    Q_EMIT window.findChild<QMenu *>(QStringLiteral("forgetLocalDirMenu"))->aboutToShow();
    QCOMPARE(window.findChild<QMenu *>(QStringLiteral("forgetLocalDirMenu"))->actions().size(), 1);
    window.findChild<QMenu *>(QStringLiteral("forgetLocalDirMenu"))->actions().first()->trigger();
    QVERIFY(LocalDirList::load().isEmpty());
    QVERIFY(!window.findChild<QMenu *>(QStringLiteral("forgetLocalDirMenu"))->isEnabled());
    Q_EMIT WindowFixture::recentMenu(window)->aboutToShow();
    for (QAction *action : WindowFixture::recentMenu(window)->actions())
        QVERIFY(!action->text().endsWith(QStringLiteral("(local_dir)")));
}

void tst_LocalDirFeature::openedLikeARepo()
{
    // As `hfcache-gui --cache-dir D` does: not added, recognised by its .cache/huggingface/.
    MainWindow window;
    WindowFixture::open(window, m_localDir);
    QVERIFY(window.snapshot()->isLocalDir());
    QCOMPARE(WindowFixture::model(window)->repoCount(), 1);
    QVERIFY(WindowFixture::bannerText(window).contains(QStringLiteral("local_dir download folder")));
    bool reposShown = false;
    for (QLabel *label : WindowFixture::cacheStatusBar(window)->findChildren<QLabel *>())
        reposShown |= label->text() == QStringLiteral("1 repo(s)");
    QVERIFY(reposShown);

    // repo -> revision (the commit of the metadata) -> files
    const CacheTreeModel *model = WindowFixture::model(window);
    const QModelIndex repo = model->index(0, 0);
    QCOMPARE(repo.data().toString(), QStringLiteral("bert-mini"));
    QCOMPARE(model->rowCount(repo), 1);
    const QModelIndex revision = model->index(0, 0, repo);
    QCOMPARE(model->nodeRef(revision).commit, QByteArray("8d3cf433466ffeb5a55801526b5c79624edcd887"));
    QCOMPARE(model->rowCount(revision), 5);
    QCOMPARE(model->absolutePath(revision), m_localDir);

    const NodeRef weights{NodeRef::Kind::File, model->nodeRef(repo).folderName, model->nodeRef(revision).commit, "model.safetensors"};
    window.select(weights);
    QCOMPARE(window.currentRef(), weights);
    QCOMPARE(WindowFixture::treemapSelection(*WindowFixture::treemap(window)), weights);
    const QString details = WindowFixture::detailsText(window);
    QVERIFY2(details.contains(QStringLiteral("251581ab03fc031741a24afcdf95c56e7e51c3abbc456a03d559a344d738846b")), qPrintable(details));
    QVERIFY2(details.contains(QStringLiteral("current: huggingface_hub trusts the etag")), qPrintable(details));
    QCOMPARE(model->absolutePath(model->indexOf(weights)), m_localDir + "/model.safetensors");
}

void tst_LocalDirFeature::cacheOnlyActionsDisabled()
{
    MainWindow window;
    WindowFixture::open(window, m_localDir);
    const CachedRepoPtr repo = window.snapshot()->repos.first();
    window.select({NodeRef::Kind::Revision, repo->folderName, repo->revisions.first().commit, {}});
    const QStringList cacheOnly{QStringLiteral("Delete"), QStringLiteral("Prune"), QStringLiteral("Repair..."),
                                QStringLiteral("Download Missing Files"), QStringLiteral("Repair Corrupt Files"),
                                QStringLiteral("Check for Updates"), QStringLiteral("Verify")};
    for (const QString &text : cacheOnly) {
        QAction *action = actionNamed(window, text);
        QVERIFY2(action, qPrintable(text));
        QVERIFY2(!action->isEnabled(), qPrintable(text));
        QCOMPARE(action->toolTip(), ActionRegistry::localDirReason());
    }
    for (const QString &text : {QStringLiteral("Export"), QStringLiteral("Copy Path"), QStringLiteral("Open in File Manager"),
                                QStringLiteral("Refresh")}) {
        QAction *action = actionNamed(window, text);
        QVERIFY2(action && action->isEnabled(), qPrintable(text));
        QVERIFY(action->toolTip() != ActionRegistry::localDirReason());
    }
    // The context menu keeps them, disabled, so the reason can be read.
    QMenu menu;
    WindowFixture::actions(window)->populate(&menu);
    QVERIFY(menu.toolTipsVisible());
    QVERIFY(menu.actions().contains(actionNamed(window, QStringLiteral("Delete"))));

    // Back on a hub cache they work again, with their own tooltips.
    WindowFixture::open(window, m_hubCache);
    const CachedRepoPtr cached = window.snapshot()->repo(QStringLiteral("model/gpt2"));
    QVERIFY(cached);
    window.select({NodeRef::Kind::Revision, cached->folderName, cached->revisions.first().commit, {}});
    for (const QString &text : cacheOnly) {
        QAction *action = actionNamed(window, text);
        QVERIFY2(action->isEnabled(), qPrintable(text));
        QVERIFY(action->toolTip() != ActionRegistry::localDirReason());
    }
}

void tst_LocalDirFeature::exportWorks()
{
    MainWindow window;
    WindowFixture::open(window, m_localDir);
    const CachedRepoPtr repo = window.snapshot()->repos.first();
    window.select({NodeRef::Kind::Repo, repo->folderName, {}, {}});
    auto *feature = window.findChild<ExportFeature *>();
    QVERIFY(feature && feature->action()->isEnabled());
    ExportJob::Options options;
    options.target = QFile::encodeName(m_fixture.tmp().filePath(QStringLiteral("exported")));
    options.verify = true;
    QSignalSpy finished(feature, &ExportFeature::finished);
    feature->start(repo, repo->revisions.first().commit, options);
    QVERIFY(finished.wait(30000));
    const auto result = finished.first().first().value<ExportJob::Result>();
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.files, 5);  // the files, not the .cache/huggingface/ bookkeeping
    QVERIFY(result.verified);
    QVERIFY(QFileInfo::exists(m_fixture.tmp().filePath(QStringLiteral("exported/model.safetensors"))));
    QVERIFY(!QFileInfo::exists(m_fixture.tmp().filePath(QStringLiteral("exported/.cache"))));
}

void tst_LocalDirFeature::locksPaneSeesAHeldLock()
{
    // A real huggingface_hub peer's lock: python3-filelock holds download/config.json.lock.
    const QByteArray lockPath = m_localDir + "/.cache/huggingface/download/config.json.lock";
    PythonPeer holder(PythonPeer::FileLockHolder, lockPath);
    QVERIFY(holder.waitFor("locked"));

    MainWindow window;
    WindowFixture::open(window, m_localDir);
    WindowFixture::showLocksPane(window);
    QTRY_VERIFY(WindowFixture::locksPaneLive(window));
    const auto heldRow = [&] { return WindowFixture::lockRowIn(window, lockPath, QStringLiteral("held")); };
    QTRY_VERIFY_WITH_TIMEOUT(heldRow(), 10000);
    QVERIFY(heldRow()->text(LocksPane::DetailColumn).contains(QStringLiteral("pid %1").arg(holder.pid())));
}

void tst_LocalDirFeature::locksPaneSeesASoftLock()
{
    // filelock 3.32.3's SoftFileLock: a marker naming its holder's pid and host, no flock at all.
    const QByteArray lockPath = m_localDir + "/.cache/huggingface/download/soft.json.lock";
    PythonPeer holder(PythonPeer::SoftLockHolder, lockPath, QStringLiteral("3.32.3"));
    QVERIFY(holder.waitFor("locked"));

    MainWindow window;
    WindowFixture::open(window, m_localDir);
    WindowFixture::showLocksPane(window);
    QTRY_VERIFY(WindowFixture::locksPaneLive(window));
    const auto softRow = [&] { return WindowFixture::lockRowIn(window, lockPath, QStringLiteral("soft lock, held")); };
    QTRY_VERIFY_WITH_TIMEOUT(softRow(), 10000);
    QVERIFY(softRow()->text(LocksPane::DetailColumn).contains(QStringLiteral("pid %1").arg(holder.pid())));
    holder.next();
    QVERIFY(holder.waitFor("released"));
}

void tst_LocalDirFeature::liveUpdateFromAnotherProcess()
{
    const QByteArray dir = QFile::encodeName(m_fixture.tmp().filePath(QStringLiteral("live")));
    QCOMPARE(TestSupport::runProgram(QStringLiteral("cp"), {QStringLiteral("-a"), QFile::decodeName(m_localDir), QFile::decodeName(dir)}), 0);
    MainWindow window;
    WindowFixture::open(window, dir);
    const QModelIndex revision = WindowFixture::model(window)->index(0, 0, WindowFixture::model(window)->index(0, 0));
    QCOMPARE(WindowFixture::model(window)->rowCount(revision), 5);

    // Another process finishes a download the way huggingface_hub does: the file, then its metadata.
    const QString script = QStringLiteral(
        "import sys, os, time\n"
        "d = sys.argv[1]\n"
        "os.makedirs(os.path.join(d, 'extra'))\n"
        "open(os.path.join(d, 'extra', 'added.txt'), 'w').write('new file')\n"
        "os.makedirs(os.path.join(d, '.cache/huggingface/download/extra'))\n"
        "open(os.path.join(d, '.cache/huggingface/download/extra/added.txt.metadata'), 'w').write("
        "'8d3cf433466ffeb5a55801526b5c79624edcd887\\n0123456789abcdef0123456789abcdef01234567\\n%f\\n' % time.time())\n");
    QCOMPARE(TestSupport::runProgram(QStringLiteral("/usr/bin/python3"), {QStringLiteral("-c"), script, QFile::decodeName(dir)}), 0);
    QTRY_COMPARE_WITH_TIMEOUT(window.snapshot() ? WindowFixture::model(window)->repos().first()->revisions.first().nbFiles : 0, 6, 10000);
    const CachedRepoPtr repo = WindowFixture::model(window)->repos().first();
    QVERIFY(repo->isLocalDir);
    QVERIFY(repo->localDirRecord("extra/added.txt"));
    QVERIFY(WindowFixture::actions(window)->isLocalDir());
}

QTEST_MAIN(tst_LocalDirFeature)
#include "tst_LocalDirFeature.moc"

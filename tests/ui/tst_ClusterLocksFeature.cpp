// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
// File ▸ Open Cluster Locks Report… in the real window: a gathered pdsh-style report of two
// nodes opens read-only, each holder under its lock with its node; a file that is no report
// gets a message, not a dialog.
#include "WindowFixture.h"
#include "app/MainWindow.h"
#include "permissions/ClusterLocksDialog.h"
#include "permissions/ClusterLocksFeature.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QTreeWidget>
#include <QtTest>

using namespace hfcache;

namespace {

// What `pdsh -w node-a,node-b hfcache locks --json` prints: each line prefixed "node: ".
QByteArray gatheredReport()
{
    const QByteArray a = R"({"node": "node-a", "cache_key": "srv:/hf/hub", "locks": [{"rel_path": ".locks/models--org--m/a.lock",
        "repo_id": "org/m", "kind": "flock", "holders": [{"pid": 41, "process": "python3", "cmdline": "python3 train.py",
        "user": "alice", "host": null}], "waiters": [{"pid": 42, "process": "python3", "cmdline": "python3 eval.py",
        "user": "bob"}]}], "downloads": [], "in_use": [], "free_locks": 3})";
    const QByteArray b = R"({"node": "node-b", "cache_key": "srv:/hf/hub", "locks": [{"rel_path": ".locks/models--org--m/b.lock",
        "repo_id": "org/m", "kind": "flock", "holders": [{"pid": 7, "process": "python3", "cmdline": "python3 serve.py",
        "user": "carol", "host": null}], "waiters": []}], "downloads": [], "in_use": [], "free_locks": 3})";
    return "node-a: " + QByteArray(a).replace("\n", "\nnode-a: ") + "\nnode-b: " + QByteArray(b).replace("\n", "\nnode-b: ") + '\n';
}

// The visible top-level widget of type T, if any.
template <typename T>
T *shownTopLevel()
{
    for (QWidget *w : QApplication::topLevelWidgets())
        if (auto *t = qobject_cast<T *>(w); t && t->isVisible())
            return t;
    return nullptr;
}

} // namespace

class TestClusterLocksWindow : public QObject
{
    Q_OBJECT
private:
    WindowFixture m_fixture;

private Q_SLOTS:
    void initTestCase() { m_fixture.setUp(QStringLiteral("tst_ClusterLocksFeature")); }
    void init() { WindowFixture::forgetSettings(); }

    void reportOfTwoNodes()
    {
        MainWindow window;
        WindowFixture::open(window, m_fixture.freshDemo(QStringLiteral("demo")));
        auto *action = window.findChild<QAction *>(QStringLiteral("openClusterLocksAction"));
        QVERIFY(action);
        QVERIFY(WindowFixture::fileMenu(window)->actions().contains(action));
        const QString path = m_fixture.tmp().filePath(QStringLiteral("locks-gathered.txt"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(gatheredReport());
        file.close();

        auto *feature = window.findChild<ClusterLocksFeature *>();
        QVERIFY(feature);
        feature->openReport(path);
        ClusterLocksDialog *dialog = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((dialog = shownTopLevel<ClusterLocksDialog>()) != nullptr, 10000);
        // The first section of the dialog's tree: the locks.
        auto *tree = dialog->findChild<QTreeWidget *>(QStringLiteral("clusterLocksTree"));
        QVERIFY(tree);
        QTreeWidgetItem *locks = tree->topLevelItem(0);
        QCOMPARE(locks->childCount(), 2);
        QTreeWidgetItem *a = locks->child(0);
        QCOMPARE(a->text(ClusterLocksDialog::ItemColumn), QStringLiteral(".locks/models--org--m/a.lock"));
        QCOMPARE(a->childCount(), 2);  // the holder, then the waiter
        QCOMPARE(a->child(0)->text(ClusterLocksDialog::NodeColumn), QStringLiteral("node-a"));
        QCOMPARE(a->child(0)->text(ClusterLocksDialog::UserColumn), QStringLiteral("alice"));
        QCOMPARE(a->child(1)->text(ClusterLocksDialog::ItemColumn), QStringLiteral("waiting"));
        QCOMPARE(locks->child(1)->child(0)->text(ClusterLocksDialog::NodeColumn), QStringLiteral("node-b"));
        QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("clusterLocksSummary"))->text().contains(QLatin1String("node-a, node-b")));
        dialog->resize(800, 460);
        WindowFixture::saveShot(dialog, QStringLiteral("cluster-locks-800x460.png"));
        dialog->close();
    }

    void notAReport()
    {
        MainWindow window;
        WindowFixture::open(window, m_fixture.freshDemo(QStringLiteral("demo2")));
        const QString path = m_fixture.tmp().filePath(QStringLiteral("garbage.txt"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("this is not json\n");
        file.close();
        window.findChild<ClusterLocksFeature *>()->openReport(path);
        QMessageBox *box = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((box = shownTopLevel<QMessageBox>()) != nullptr, 10000);
        QVERIFY2(box->text().contains(QLatin1String("garbage.txt")), qPrintable(box->text()));
        box->close();
        for (QWidget *w : QApplication::topLevelWidgets())
            QVERIFY(!qobject_cast<ClusterLocksDialog *>(w) || !w->isVisible());
    }
};

QTEST_MAIN(TestClusterLocksWindow)
#include "tst_ClusterLocksFeature.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
// The progress dialog of the window's long tasks, on its own, offscreen.
#include "WindowFixture.h"

#include "common/TaskProgressDialog.h"

#include "util/HumanFormat.h"

#include <QPointer>
#include <QPushButton>
#include <QtConcurrent/QtConcurrentRun>
#include <QTest>

using namespace hfcache;

class tst_TaskProgressDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void taskProgressDialogReportsAcrossThreads();

private:
    WindowFixture m_fixture;
};

void tst_TaskProgressDialog::initTestCase()
{
    m_fixture.setUp(QStringLiteral("tst_TaskProgressDialog"));
}

void tst_TaskProgressDialog::init()
{
    WindowFixture::forgetSettings();
}

// TaskProgressDialog on its own: reports from a worker thread arrive through the event loop and
// are dropped once the dialog is gone; Cancel, Escape and the close button leave it on screen;
// finish() is no cancel, but a dialog deleted with its window while running is.
void tst_TaskProgressDialog::taskProgressDialogReportsAcrossThreads()
{
    QWidget window;
    window.resize(640, 400);
    window.show();
    auto *dialog = new TaskProgressDialog(QStringLiteral("Verifying"), QStringLiteral("Hashing…"), &window);
    QCOMPARE(dialog->windowTitle(), QStringLiteral("Verifying"));
    QCOMPARE(dialog->windowModality(), Qt::WindowModal);
    QTRY_VERIFY(dialog->isVisible());
    const TaskProgressDialog::Reporter report = dialog->reporter();
    const QString text = QStringLiteral("Hashed %1 of %2").arg(HumanFormat::size(1300000000), HumanFormat::size(3400000000));
    QtConcurrent::run([report, text] { report(0.38, text); }).waitForFinished();
    QTRY_COMPARE(dialog->labelText(), text);
    QCOMPARE(dialog->value(), 380);
    QVERIFY(!dialog->isCancelling());
    WindowFixture::saveDialogShot(dialog, QStringLiteral("verify-progress.png"));

    const std::shared_ptr<std::atomic_bool> finishedFlag = dialog->cancelFlag();
    QPointer<TaskProgressDialog> guard(dialog);
    dialog->finish();
    QVERIFY(!dialog->isVisible());
    QTRY_VERIFY(guard.isNull());
    QVERIFY(!finishedFlag->load());
    QtConcurrent::run([report] { report(1.0, QStringLiteral("after the end")); }).waitForFinished();
    QTest::qWait(20);

    auto *cancelled = new TaskProgressDialog(QStringLiteral("Exporting"), QStringLiteral("Preparing…"), &window);
    QTRY_VERIFY(cancelled->isVisible());
    cancelled->report(0.25, QStringLiteral("256 MB of 1.0 GB (3 of 12 files)\n120 MB/s, 7 s left"));
    WindowFixture::saveDialogShot(cancelled, QStringLiteral("export-progress.png"));
    auto *cancel = cancelled->findChild<QPushButton *>();
    QVERIFY(cancel);
    QTest::mouseClick(cancel, Qt::LeftButton);
    QTest::keyClick(cancelled, Qt::Key_Escape);
    QVERIFY(!cancelled->close());
    QTest::qWait(20);
    QVERIFY(cancelled->isVisible());
    QVERIFY(cancelled->isCancelling());
    QVERIFY(!cancel->isEnabled());
    QCOMPARE(cancelled->labelText(), QStringLiteral("Cancelling…"));
    QCOMPARE(cancelled->value(), 250);
    WindowFixture::saveDialogShot(cancelled, QStringLiteral("export-cancelling.png"));
    cancelled->finish();

    // The window goes away while a task runs: the worker is told to stop.
    std::shared_ptr<std::atomic_bool> orphanFlag;
    {
        QWidget other;
        orphanFlag = (new TaskProgressDialog(QStringLiteral("Exporting"), QStringLiteral("…"), &other))->cancelFlag();
        QVERIFY(!orphanFlag->load());
    }
    QVERIFY(orphanFlag->load());
}

QTEST_MAIN(tst_TaskProgressDialog)
#include "tst_TaskProgressDialog.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
//
// Export… of a datasets builder item in the HF_HOME tab, driven through the window's widgets by
// object name, on a datasets cache from tests/support/gen_hf_home.py: the hub browser's export
// dialog (map caches offered and off), the archive read back by Python's tarfile, and the action
// off on rows that are no builder.
#include "WindowFixture.h"
#include "support/TestSupport.h"

#include "app/MainWindow.h"
#include "export/ExportRunner.h"
#include "home/HomeTreeModel.h"
#include "home/HomeView.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

using namespace hfcache;

namespace {

const char *const RootVariables[] = {
    "HF_HOME", "HF_HUB_CACHE", "HUGGINGFACE_HUB_CACHE", "HF_XET_CACHE", "HF_DATASETS_CACHE", "HF_METRICS_CACHE",
    "HF_EVALUATE_CACHE", "HF_MODULES_CACHE", "HF_ASSETS_CACHE", "HUGGINGFACE_ASSETS_CACHE", "HF_TOKEN_PATH",
    "SENTENCE_TRANSFORMERS_HOME", "TORCH_HOME", "TRANSFORMERS_CACHE", "PYTORCH_TRANSFORMERS_CACHE",
    "PYTORCH_PRETRAINED_BERT_CACHE",
};

// The names in a tar archive, as Python's tarfile reads them (regular files only).
QStringList tarNames(const QString &archive)
{
    QByteArray out, err;
    TestSupport::runProgram(QStringLiteral("/usr/bin/python3"),
                            {QStringLiteral("-c"),
                             QStringLiteral("import sys, tarfile\n"
                                            "for m in tarfile.open(sys.argv[1]):\n"
                                            "    print(m.name if m.isfile() else 'NOT-A-FILE ' + m.name)\n"),
                             archive},
                            &out, &err);
    QStringList names = QString::fromUtf8(out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    names.sort();
    return names;
}

} // namespace

class tst_DatasetExportAction : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void exportsTheBuilderAsAnArchive();
    void onlyOnBuilderRows();

private:
    // The row of the datasets item whose key contains `part`, made and selected.
    QModelIndex selectItem(MainWindow &window, const QString &part);

    WindowFixture m_fixture;
    QString m_home;
};

void tst_DatasetExportAction::initTestCase()
{
    m_fixture.setUp(QStringLiteral("tst_DatasetExportAction"));
    const QString dir = m_fixture.tmp().filePath(QStringLiteral("home"));
    m_home = dir + QStringLiteral("/cache/huggingface");
    QByteArray err;
    QVERIFY2(TestSupport::runProgram(QStringLiteral("/usr/bin/python3"),
                                     {TestSupport::sourceDir() + QStringLiteral("/tests/support/gen_hf_home.py"),
                                      QStringLiteral("generate"), m_home, QStringLiteral("--kinds"), QStringLiteral("datasets")},
                                     nullptr, &err) == 0,
             err.constData());
    for (const char *name : RootVariables)
        qunsetenv(name);
    qputenv("XDG_CACHE_HOME", QFile::encodeName(dir + QStringLiteral("/cache")));
}

QModelIndex tst_DatasetExportAction::selectItem(MainWindow &window, const QString &part)
{
    auto *tree = window.findChild<QTreeView *>(QStringLiteral("homeTree"));
    auto *model = qobject_cast<HomeTreeModel *>(tree->model());
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex kind = model->index(row, HomeTreeModel::NameColumn);
        if (kind.data().toString() != QLatin1String("datasets cache"))
            continue;
        tree->expand(kind);
        while (model->canFetchMore(kind))
            model->fetchMore(kind);
        for (int item = 0; item < model->rowCount(kind); ++item) {
            const QModelIndex index = model->index(item, HomeTreeModel::NameColumn, kind);
            if (index.data().toString().contains(part)) {
                tree->setCurrentIndex(index);
                return index;
            }
        }
    }
    return {};
}

void tst_DatasetExportAction::exportsTheBuilderAsAnArchive()
{
    MainWindow window;
    WindowFixture::openHomeView(window);
    QVERIFY(selectItem(window, QStringLiteral("org___squad/plain_text/0.0.0/")).isValid());
    auto *button = window.findChild<QToolButton *>(QStringLiteral("homeExportButton"));
    QVERIFY(button && button->isEnabled());
    button->click();
    QDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = window.findChild<QDialog *>(QStringLiteral("exportDialog"))) && dialog->isVisible());
    QVERIFY2(dialog->windowTitle().contains(QLatin1String("org/squad (plain_text, 0.0.0)")), qPrintable(dialog->windowTitle()));
    auto *mapCaches = dialog->findChild<QCheckBox *>(QStringLiteral("exportMapCaches"));
    QVERIFY(mapCaches && mapCaches->isVisible() && !mapCaches->isChecked());
    // Into the datasets cache: refused by the dialog, as by the CLI.
    auto *destination = dialog->findChild<QLineEdit *>(QStringLiteral("exportDestination"));
    destination->setText(m_home + QStringLiteral("/datasets/squad.tar"));
    auto *buttons = dialog->findChild<QDialogButtonBox *>();
    QPushButton *exportButton = nullptr;
    for (QAbstractButton *b : buttons->buttons()) {
        if (buttons->buttonRole(b) == QDialogButtonBox::AcceptRole)
            exportButton = qobject_cast<QPushButton *>(b);
    }
    QVERIFY(exportButton);
    QVERIFY(!exportButton->isEnabled());
    const QString archive = m_fixture.tmp().filePath(QStringLiteral("squad.tar.gz"));
    destination->setText(archive);
    QVERIFY(exportButton->isEnabled());
    WindowFixture::saveShot(dialog, QStringLiteral("home-export-dataset.png"));

    // Verified: datasets keeps no hash of its Arrow files, and the summary must not claim one matched.
    dialog->findChild<QCheckBox *>(QStringLiteral("exportVerify"))->setChecked(true);
    auto *runner = WindowFixture::homeView(window)->findChild<ExportRunner *>();
    QVERIFY(runner);
    QSignalSpy finished(runner, &ExportRunner::finished);
    exportButton->click();
    QVERIFY(finished.wait(60000));
    const auto result = finished.first().first().value<ExportJob::Result>();
    QVERIFY2(result.ok, qPrintable(result.error));
    QVERIFY(result.verified);
    QCOMPARE(result.unverifiable, 4);
    QMessageBox *summary = nullptr;
    QTRY_VERIFY((summary = window.findChild<QMessageBox *>(QStringLiteral("exportSummary"))));
    QVERIFY2(summary->text().contains(QLatin1String("4 file(s) have no hash to check against"))
                 && !summary->text().contains(QLatin1String("matched its hash")),
             qPrintable(summary->text()));
    QCOMPARE(tarNames(archive), (QStringList{QStringLiteral("dataset_info.json"), QStringLiteral("squad-train-00000-of-00002.arrow"),
                                             QStringLiteral("squad-train-00001-of-00002.arrow"),
                                             QStringLiteral("squad-validation.arrow")}));
    summary->close();
}

void tst_DatasetExportAction::onlyOnBuilderRows()
{
    MainWindow window;
    WindowFixture::openHomeView(window);
    auto *button = window.findChild<QToolButton *>(QStringLiteral("homeExportButton"));
    QVERIFY(button);
    QVERIFY(!button->isEnabled());  // nothing selected
    QVERIFY(selectItem(window, QStringLiteral("downloads/")).isValid());
    QVERIFY(!button->isEnabled());  // a download is no dataset
    QVERIFY(selectItem(window, QStringLiteral(".incomplete")).isValid());
    QVERIFY(!button->isEnabled());  // a killed download_and_prepare
    QVERIFY(selectItem(window, QStringLiteral("org___orphaned/default/0.0.0/")).isValid());
    QVERIFY(button->isEnabled());
}

QTEST_MAIN(tst_DatasetExportAction)
#include "tst_DatasetExportAction.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
//
// The Export dialog typed into as a user would (issue 15 A7): the format follows the archive
// extension typed, whatever the combo said, for every extension, and the bytes written are the
// format the name says; names and targets no export may have are refused in the dialog by the
// core's rule; the "leave out missing files" choice reaches the source options.
#include "export/ExportDialog.h"
#include "export/ExportJob.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCryptographicHash>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace hfcache;

namespace {

// The first bytes each format starts with (tar: "ustar" at 257).
bool looksLike(const QString &path, ExportJob::Format format)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QByteArray head = file.read(512);
    switch (format) {
    case ExportJob::Format::TarGz: return head.startsWith("\x1f\x8b");
    case ExportJob::Format::TarZst: return head.startsWith("\x28\xb5\x2f\xfd");
    case ExportJob::Format::Tar: return head.mid(257, 5) == "ustar";
    case ExportJob::Format::Folder: return false;
    }
    return false;
}

} // namespace

class tst_ExportDialog : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_tmp;
    QByteArray m_repo;
    QByteArray m_commit = QByteArray(40, 'a');

    // Clears the destination and types `text` key by key, as a user does.
    static void type(ExportDialog &dialog, const QString &text)
    {
        auto *edit = dialog.findChild<QLineEdit *>();
        edit->selectAll();
        QTest::keyClick(edit, Qt::Key_Backspace);
        QTest::keyClicks(edit, text);
    }
    static QPushButton *exportButton(ExportDialog &dialog)
    {
        for (QPushButton *button : dialog.findChildren<QPushButton *>())
            if (button->text() == QLatin1String("&Export"))
                return button;
        return nullptr;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        // One small cached revision to export: blobs/<sha256> linked from the snapshot.
        m_repo = QFile::encodeName(m_tmp.filePath(QStringLiteral("hub/models--org--model")));
        const QByteArray content(64 << 10, 'm');
        const QByteArray blob = QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex();
        QVERIFY(QDir().mkpath(QFile::decodeName(m_repo + "/blobs")) && QDir().mkpath(QFile::decodeName(m_repo + "/snapshots/" + m_commit)));
        QFile blobFile(QFile::decodeName(m_repo + "/blobs/" + blob));
        QVERIFY(blobFile.open(QIODevice::WriteOnly) && blobFile.write(content) == content.size());
        blobFile.close();
        QVERIFY(::symlink(("../../blobs/" + blob).constData(), (m_repo + "/snapshots/" + m_commit + "/model.bin").constData()) == 0);
    }

    void formatFollowsTheTypedExtension_data()
    {
        QTest::addColumn<int>("comboFormat");
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("expected");
        const QList<QPair<QString, ExportJob::Format>> names = {
            {QStringLiteral("model.tar.gz"), ExportJob::Format::TarGz},  {QStringLiteral("model.tgz"), ExportJob::Format::TarGz},
            {QStringLiteral("model.tar.zst"), ExportJob::Format::TarZst}, {QStringLiteral("model.tzst"), ExportJob::Format::TarZst},
            {QStringLiteral("model.tar"), ExportJob::Format::Tar},
        };
        for (const ExportJob::Format combo : {ExportJob::Format::Folder, ExportJob::Format::TarZst, ExportJob::Format::TarGz, ExportJob::Format::Tar}) {
            for (const auto &[name, format] : names)
                QTest::addRow("%s typed under %s", qPrintable(name), qPrintable(ExportJob::formatName(combo)))
                    << int(combo) << name << int(format);
        }
    }
    void formatFollowsTheTypedExtension()
    {
        QFETCH(int, comboFormat);
        QFETCH(QString, name);
        QFETCH(int, expected);
        ExportDialog dialog(QStringLiteral("org/model@aaaaaaa"), QStringLiteral("org--model-aaaaaaa"));
        dialog.setSourceOrigin(QFile::encodeName(m_tmp.filePath(QStringLiteral("hub"))));
        dialog.show();
        auto *combo = dialog.findChild<QComboBox *>();
        combo->setCurrentIndex(combo->findData(comboFormat));
        const QString out = m_tmp.filePath(QStringLiteral("out-%1-%2").arg(comboFormat).arg(name));
        QVERIFY(QDir().mkpath(out));
        type(dialog, out + u'/' + name);
        QCOMPARE(int(dialog.format()), expected);
        QCOMPARE(combo->currentData().toInt(), expected);
        QCOMPARE(dialog.target(), out + u'/' + name);  // the name typed is kept as typed
        QCOMPARE(dialog.problem(), QString());
        QVERIFY(exportButton(dialog)->isEnabled());

        // What the job writes under that name is that format.
        QString error;
        const auto source = ExportSource::fromSnapshot(m_repo, m_commit, dialog.sourceOptions(), &error);
        QVERIFY2(source, qPrintable(error));
        const auto result = ExportJob(*source, dialog.options()).run();
        QVERIFY2(result.ok, qPrintable(result.error));
        QVERIFY(looksLike(out + u'/' + name, ExportJob::Format(expected)));
    }

    // A folder name under a folder format stays a folder; an archive format with a name that
    // is no archive is refused; a format the name contradicts is refused by the job too.
    void namesThatAreNoArchive()
    {
        ExportDialog dialog(QStringLiteral("org/model@aaaaaaa"), QStringLiteral("org--model-aaaaaaa"));
        dialog.show();
        auto *combo = dialog.findChild<QComboBox *>();
        combo->setCurrentIndex(combo->findData(int(ExportJob::Format::Folder)));
        type(dialog, m_tmp.filePath(QStringLiteral("plain-folder")));
        QCOMPARE(dialog.format(), ExportJob::Format::Folder);
        QCOMPARE(dialog.problem(), QString());
        combo->setCurrentIndex(combo->findData(int(ExportJob::Format::TarZst)));
        QCOMPARE(dialog.target(), m_tmp.filePath(QStringLiteral("plain-folder.tar.zst")));  // the suffix follows a chosen format
        type(dialog, m_tmp.filePath(QStringLiteral("no-extension")));
        QCOMPARE(dialog.format(), ExportJob::Format::TarZst);
        QVERIFY2(dialog.problem().contains(QLatin1String(".tar.zst")), qPrintable(dialog.problem()));
        QVERIFY(!exportButton(dialog)->isEnabled());

        ExportJob::Options options;
        options.target = QFile::encodeName(m_tmp.filePath(QStringLiteral("mismatch.tar.gz")));
        options.format = ExportJob::Format::TarZst;
        QString error;
        const auto source = ExportSource::fromSnapshot(m_repo, m_commit, {}, &error);
        const auto result = ExportJob(*source, options).run();
        QVERIFY(!result.ok);
        QVERIFY2(result.error.contains(QLatin1String("does not match")), qPrintable(result.error));
        QVERIFY(!QFileInfo::exists(m_tmp.filePath(QStringLiteral("mismatch.tar.gz"))));
    }

    // The core's rule on targets, in the dialog: never into the cache, never the home folder.
    void forbiddenTargetsAndSkipMissing()
    {
        ExportDialog dialog(QStringLiteral("org/model@aaaaaaa"), QStringLiteral("org--model-aaaaaaa"));
        dialog.setSourceOrigin(QFile::encodeName(m_tmp.filePath(QStringLiteral("hub"))));
        dialog.show();
        auto *combo = dialog.findChild<QComboBox *>();
        combo->setCurrentIndex(combo->findData(int(ExportJob::Format::Folder)));
        type(dialog, m_tmp.filePath(QStringLiteral("hub/models--org--model/copy")));
        QVERIFY2(dialog.problem().contains(QLatin1String("inside")), qPrintable(dialog.problem()));
        QVERIFY(!exportButton(dialog)->isEnabled());

        auto *skip = dialog.findChild<QCheckBox *>();
        for (QCheckBox *box : dialog.findChildren<QCheckBox *>())
            if (box->text().contains(QLatin1String("not in the cache")))
                skip = box;
        QVERIFY(skip->text().contains(QLatin1String("not in the cache")));
        QVERIFY(!dialog.sourceOptions().skipMissing);
        QTest::mouseClick(skip, Qt::LeftButton, {}, QPoint(4, skip->height() / 2));
        QVERIFY(dialog.sourceOptions().skipMissing);
    }
};

QTEST_MAIN(tst_ExportDialog)
#include "tst_ExportDialog.moc"

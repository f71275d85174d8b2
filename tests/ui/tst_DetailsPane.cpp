// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
// The details pane in the real window, offscreen: long paths are elided, never broken inside a word.
#include "WindowFixture.h"
#include "support/TestSupport.h"

#include "app/MainWindow.h"
#include "browser/CacheTreeModel.h"
#include "browser/DetailsPane.h"

#include <QFile>
#include <QScrollBar>
#include <QTest>
#include <QTextBlock>

using namespace hfcache;

class tst_DetailsPane : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void detailsElideInsteadOfBreakingWords();

private:
    WindowFixture m_fixture;
    QString m_fixtures;
};

void tst_DetailsPane::initTestCase()
{
    m_fixture.setUp(QStringLiteral("tst_DetailsPane"));
    m_fixtures = TestSupport::extractFixtures(m_fixture.tmp());
    QVERIFY(!m_fixtures.isEmpty());
}

void tst_DetailsPane::init()
{
    WindowFixture::forgetSettings();
}

// D29: "model.safetenso rs", ".ca/che/": the details pane broke inside words.
void tst_DetailsPane::detailsElideInsteadOfBreakingWords()
{
    MainWindow window;
    WindowFixture::open(window, m_fixtures + QStringLiteral("/fixture-cache"), {800, 600});
    const NodeRef file = WindowFixture::firstFile(window, "models--fixture-org--tiny-model");
    QVERIFY(window.select(file));
    DetailsPane *details = WindowFixture::details(window);
    const QByteArray fullPath = WindowFixture::model(window)->absolutePath(WindowFixture::model(window)->indexOf(file));
    QVERIFY(WindowFixture::detailsText(window).contains(QFile::decodeName(fullPath)));
    QCOMPARE(details->wordWrapMode(), QTextOption::WordWrap);
    // Nothing wider than the pane (an unbreakable path would be), and the elided path has the
    // whole one as its tooltip.
    QTRY_VERIFY(details->horizontalScrollBar()->maximum() == 0);
    QVERIFY(!details->toPlainText().contains(QFile::decodeName(fullPath)));
    bool tooltip = false;
    for (QTextBlock block = details->document()->begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            if (it.fragment().charFormat().toolTip() == QFile::decodeName(fullPath))
                tooltip = it.fragment().text().contains(QChar(0x2026));
        }
    }
    QVERIFY(tooltip);
    // Every word of the plain text is one of the full text's: none was cut in two.
    details->resize(details->width() + 1, details->height());
    for (QTextBlock block = details->document()->begin(); block.isValid(); block = block.next()) {
        const QTextLayout *layout = block.layout();
        const QString text = block.text();
        for (int i = 0; i < layout->lineCount(); ++i) {
            const QTextLine line = layout->lineAt(i);
            const int end = line.textStart() + line.textLength();
            if (end > 0 && end < text.size())
                QVERIFY2(text.at(end - 1).isSpace() || text.at(end).isSpace() || text.at(end - 1) == QLatin1Char('-'),
                         qPrintable(text));
        }
    }
    WindowFixture::saveShot(&window, QStringLiteral("details-800x600.png"));
}

QTEST_MAIN(tst_DetailsPane)
#include "tst_DetailsPane.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "support/TestSupport.h"
#include "util/PathText.h"

#include <QJsonDocument>
#include <QJsonArray>
#include <QtTest>

using namespace hfcache;

class TestPathText : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void display_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<QString>("shown");
        QTest::newRow("plain") << QByteArray("config.json") << QStringLiteral("config.json");
        QTest::newRow("space") << QByteArray("my file.bin") << QStringLiteral("my file.bin");
        QTest::newRow("unicode") << QByteArray("mod\xc3\xa8le.bin") << QString::fromUtf8("mod\xc3\xa8le.bin");
        QTest::newRow("newline") << QByteArray("a\nb") << QStringLiteral("a\\nb");
        QTest::newRow("latin1 byte") << QByteArray("caf\xe9") << QStringLiteral("caf\\xe9");
        QTest::newRow("backslash") << QByteArray("a\\b") << QStringLiteral("a\\\\b");
        QTest::newRow("truncated utf8") << QByteArray("x\xe2\x82") << QStringLiteral("x\\xe2\\x82");
        QTest::newRow("escape sequence") << QByteArray("a\x1b[31mb\x07") << QStringLiteral("a\\x1b[31mb\\x07");
        QTest::newRow("DEL") << QByteArray("a\x7f") << QStringLiteral("a\\x7f");
        QTest::newRow("C1 as UTF-8") << QByteArray("a\xc2\x9b" "2J\xc2\x85") << QStringLiteral("a\\u009b2J\\u0085");
        QTest::newRow("C1 raw byte") << QByteArray("a\x9b" "2J") << QStringLiteral("a\\x9b2J");
        QTest::newRow("bidi override") << QByteArray("a\xe2\x80\xae" "b") << QStringLiteral("a\\u202eb");
        QTest::newRow("line separator") << QByteArray("a\xe2\x80\xa8" "b") << QStringLiteral("a\\u2028b");
    }
    void display()
    {
        QFETCH(QByteArray, raw);
        QFETCH(QString, shown);
        QCOMPARE(PathText::display(raw), shown);
    }

    void decodedNamesStayDistinct()
    {
        const QByteArray a("org/a\xff"), b("org/a\xfe");
        QVERIFY(PathText::decode(a) != PathText::decode(b));
        QCOMPARE(PathText::encode(PathText::decode(a)), a);
        QCOMPARE(PathText::encode(PathText::decode("mod\xc3\xa8le\xe2\x82")), QByteArray("mod\xc3\xa8le\xe2\x82"));
        QCOMPARE(PathText::display(PathText::decode(a)), QStringLiteral("org/a\\xff"));
    }

    // The CLI's one rule for text: control characters escaped wherever they come from, line
    // breaks and backslashes of the message itself kept.
    void terminalText()
    {
        const QString text = PathText::decode("ok \\n\x1b]0;t\x07\r\xc2\x9b\x9b\nnext line\n");
        QCOMPARE(PathText::terminalText(text), QStringLiteral("ok \\n\\x1b]0;t\\x07\\r\\u009b\\x9b\nnext line\n"));
        QCOMPARE(PathText::terminalLine(QStringLiteral("a\nb")), QStringLiteral("a\\nb"));
    }

    void jsonRoundTrip_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::newRow("plain") << QByteArray("models--org--name");
        QTest::newRow("quote and control") << QByteArray("a\"b\x01\tc");
        QTest::newRow("non-utf8") << QByteArray("caf\xe9\xff\x80");
        QTest::newRow("utf8") << QByteArray("\xe6\xa8\xa1\xe5\x9e\x8b");
        QTest::newRow("encoded surrogate is not utf8") << QByteArray("\xed\xb3\xa9");
    }
    void jsonRoundTrip()
    {
        QFETCH(QByteArray, raw);
        QByteArray json = "[";
        PathText::appendJsonString(json, raw);
        json += "]";
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(PathText::fromJsonString(doc.array().at(0).toString()), raw);
        QCOMPARE(PathText::isValidUtf8(raw), !json.contains("\\udc"));
        QByteArray ascii = "[";
        PathText::appendJsonString(ascii, raw, PathText::JsonEscape::Ascii);
        ascii += "]";
        QCOMPARE(PathText::fromJsonString(QJsonDocument::fromJson(ascii).array().at(0).toString()), raw);
    }

    // As Python's json.dumps writes it with the default ensure_ascii=True (what huggingface_hub's
    // json.dump leaves in trees/<commit>.json).
    void asciiLikePython_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("latin") << QByteArray("caf\xc3\xa9") << QByteArray("\"caf\\u00e9\"");
        QTest::newRow("cjk") << QByteArray("\xe6\xa8\xa1") << QByteArray("\"\\u6a21\"");
        QTest::newRow("astral") << QByteArray("\xf0\x9f\x98\x80") << QByteArray("\"\\ud83d\\ude00\"");
        QTest::newRow("controls") << QByteArray("a\bb\fc\x01\x7f\"\\") << QByteArray("\"a\\bb\\fc\\u0001\\u007f\\\"\\\\\"");
    }
    void asciiLikePython()
    {
        QFETCH(QByteArray, raw);
        QFETCH(QByteArray, expected);
        QByteArray out;
        PathText::appendJsonString(out, raw, PathText::JsonEscape::Ascii);
        QCOMPARE(out, expected);
        QByteArray python;
        QCOMPARE(TestSupport::runProgram(QStringLiteral("/usr/bin/python3"),
                                         {QStringLiteral("-c"), QStringLiteral("import json, sys; sys.stdout.write(json.dumps(bytes.fromhex(sys.argv[1]).decode()))"),
                                          QString::fromLatin1(raw.toHex())}, &python), 0);
        QCOMPARE(out, python);
    }
};

QTEST_GUILESS_MAIN(TestPathText)
#include "tst_PathText.moc"

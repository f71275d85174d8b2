// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
// Names a local user controls (repo folders, refs, files, a lock holder's process name and
// command line) must reach root's terminal escaped in every command's text output, and stay
// lossless in JSON; two folders whose names differ only in bytes that are not UTF-8 stay two repos.
#include "support/CacheBuilder.h"
#include "support/TestSupport.h"
#include "util/PathText.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

using namespace hfcache;

namespace {

// What a terminal would act on or could not show: C0 but '\n', DEL, C1 (UTF-8 encoded or raw),
// and any byte that is not UTF-8.
QString rawControl(const QByteArray &text)
{
    const QString decoded = PathText::decode(text);
    for (qsizetype i = 0; i < decoded.size(); ++i) {
        const char16_t u = decoded.at(i).unicode();
        if ((u < 0x20 && u != '\n') || u == 0x7f || (u >= 0x80 && u <= 0x9f) || (u >= 0xdc80 && u <= 0xdcff))
            return QStringLiteral("U+%1 in: %2").arg(uint(u), 4, 16, QLatin1Char('0')).arg(PathText::display(decoded.mid(std::max<qsizetype>(0, i - 40), 80)));
    }
    return {};
}

const QByteArray kEvil = "e\x1b]0;pwned\x07vil\x1b[31m\r\xc2\x9b" "2J\x9b" "x";  // OSC title, SGR, CR, C1 CSI (UTF-8 and raw)
const QByteArray kFakeLine = "ok\nFAKE LINE";

} // namespace

class TestHostileNames : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QByteArray m_root;
    QByteArray m_repo;

    void checkText(const QStringList &args, int expectedExit = -1)
    {
        const auto result = TestSupport::runCli(args);
        if (expectedExit >= 0)
            QVERIFY2(result.exitCode == expectedExit, qPrintable(args.join(' ') + ": " + QString::fromUtf8(result.err)));
        for (const QByteArray &stream : {result.out, result.err}) {
            const QString problem = rawControl(stream);
            QVERIFY2(problem.isEmpty(), qPrintable(args.join(' ') + ": " + problem));
            for (const QByteArray &line : stream.split('\n'))
                QVERIFY2(!line.startsWith("FAKE LINE"), qPrintable(args.join(' ') + ": a name started a line"));
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_root = QFile::encodeName(m_dir.path()) + "/hub";
        CacheBuilder cache(m_root);
        m_repo = "models--org--" + kEvil + "\n" + "FAKE LINE";
        const QByteArray commit = CacheBuilder::commit("a");
        const QByteArray blob = cache.addBlob(m_repo, "content");
        cache.linkBlob(m_repo, commit, "w" + kEvil + ".bin", blob);
        cache.linkBlob(m_repo, commit, kFakeLine + ".json", blob);
        cache.writeRef(m_repo, "main", commit);
        cache.writeRef(m_repo, "v" + kEvil, commit);
        cache.writeRef(m_repo, kFakeLine, commit);
        cache.writeFile(".locks/" + m_repo + "/" + blob + ".lock", {});
        // A blob whose content does not match: verify and doctor name it.
        cache.writeFile(m_repo + "/blobs/" + QByteArray(40, 'a'), "x");
        cache.linkBlob(m_repo, commit, "bad" + kEvil, QByteArray(40, 'a'));
        // Two folders that differ only in a byte that is not UTF-8.
        const QByteArray c2 = CacheBuilder::commit("b");
        for (const QByteArray &folder : {QByteArray("models--org--a\xff"), QByteArray("models--org--a\xfe")}) {
            cache.linkBlob(folder, c2, "f", cache.addBlob(folder, folder));
            cache.writeRef(folder, "main", c2);
        }
    }

    void cleanupTestCase() { TestSupport::removeTree(m_dir.path()); }

    void textOutputIsEscaped_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("scan") << QStringList{"scan", "--revisions", "--files"};
        QTest::newRow("doctor") << QStringList{"doctor"};
        QTest::newRow("verify") << QStringList{"verify"};
        QTest::newRow("prune") << QStringList{"prune", "--dry-run", "--orphans"};
        QTest::newRow("locks") << QStringList{"locks"};
        QTest::newRow("repair") << QStringList{"repair", "--dry-run", "--mine"};
        QTest::newRow("rm by id") << QStringList{"rm", "--dry-run", PathText::decode("model/org/" + kEvil + "\nFAKE LINE")};
        QTest::newRow("rm unknown") << QStringList{"rm", "--dry-run", PathText::decode("org/x" + kEvil + "\nFAKE LINE")};
        QTest::newRow("verify unknown") << QStringList{"verify", PathText::decode("org/x" + kEvil + "\nFAKE LINE@v" + kEvil)};
    }
    void textOutputIsEscaped()
    {
        QFETCH(QStringList, args);
        checkText(args + QStringList{"--cache-dir", QFile::decodeName(m_root)});
    }

    void jsonRoundTripsNames()
    {
        const auto result = TestSupport::runCli({"scan", "--json", "--files", "--cache-dir", QFile::decodeName(m_root)});
        QJsonParseError error;
        const QJsonObject scan = QJsonDocument::fromJson(result.out, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QSet<QByteArray> paths, ids, refs;
        for (const QJsonValue &repo : scan[QStringLiteral("repos")].toArray()) {
            ids.insert(PathText::fromJsonString(repo[QStringLiteral("repo_id")].toString()));
            paths.insert(PathText::fromJsonString(repo[QStringLiteral("repo_path")].toString()));
            for (const QJsonValue &revision : repo[QStringLiteral("revisions")].toArray())
                for (const QJsonValue &ref : revision[QStringLiteral("refs")].toArray())
                    refs.insert(PathText::fromJsonString(ref.toString()));
        }
        QVERIFY(paths.contains(m_root + '/' + m_repo));
        QVERIFY(ids.contains("org/" + kEvil + "\nFAKE LINE"));
        QVERIFY(ids.contains("org/a\xff"));
        QVERIFY(ids.contains("org/a\xfe"));
        QVERIFY(refs.contains("v" + kEvil));
        QVERIFY(refs.contains(kFakeLine));
    }

    // Issue 15 A3: "rm --dry-run" of one of two folders whose names decode to the same lossy
    // text planned the other one.
    void nonUtf8IdsStayDistinct()
    {
        for (const QByteArray &id : {QByteArray("org/a\xff"), QByteArray("org/a\xfe")}) {
            const auto result = TestSupport::runCli({"rm", "--dry-run", "--json", PathText::decode(id), "--cache-dir",
                                                     QFile::decodeName(m_root)});
            QVERIFY2(result.exitCode == 0, result.err.constData());
            const QByteArray folder = "models--" + QByteArray(id).replace('/', "--");
            const QByteArray other = folder.endsWith('\xff') ? folder.chopped(1) + '\xfe' : folder.chopped(1) + '\xff';
            const QJsonObject plan = QJsonDocument::fromJson(result.out).object();
            const QByteArray text = QJsonDocument(plan).toJson();
            QVERIFY(!text.isEmpty());
            bool found = false;
            for (const QJsonValue &item : plan[QStringLiteral("plan")][QStringLiteral("items")].toArray()) {
                for (const QJsonValue &op : item[QStringLiteral("operations")].toArray()) {
                    const QByteArray path = PathText::fromJsonString(op[QStringLiteral("path")].toString());
                    QVERIFY2(!path.startsWith(other), path.constData());
                    found = found || path.startsWith(folder);
                }
            }
            QVERIFY2(found, text.constData());
        }
        // The form scan shows (\xff) names the same repo.
        const auto shown = TestSupport::runCli({"rm", "--dry-run", QStringLiteral("org/a\\xff"), "--cache-dir",
                                                QFile::decodeName(m_root)});
        QVERIFY2(shown.exitCode == 0, shown.err.constData());
        QVERIFY(shown.out.contains("a\\xff"));
        QVERIFY(!shown.out.contains("a\\xfe"));
    }

    // A lock holder's process name (comm) and command line are set by whoever runs it.
    void lockHolderNamesAreEscaped()
    {
        const QByteArray lock = m_root + "/.locks/" + m_repo + "/held.lock";
        QFile(QFile::decodeName(lock)).open(QIODevice::WriteOnly);
        QProcess holder;
        holder.start(QStringLiteral("python3"),
                     {QStringLiteral("-c"),
                      QStringLiteral("import ctypes, fcntl, os, sys, time\n"
                                     "ctypes.CDLL(None).prctl(15, b'\\x1b[2Jx\\r\\xc2\\x9b', 0, 0, 0)\n"
                                     "f = open(os.fsdecode(bytes.fromhex(sys.argv[1])), 'a')\n"
                                     "fcntl.flock(f, fcntl.LOCK_EX)\n"
                                     "print('ready', flush=True)\n"
                                     "time.sleep(60)\n"),
                      QString::fromLatin1(lock.toHex()), QString::fromUtf8("\x1b[31marg\nFAKE LINE\r\xc2\x9b")});
        QVERIFY(holder.waitForReadyRead(10000));
        checkText({"locks", "--cache-dir", QFile::decodeName(m_root)}, 0);
        checkText({"rm", "--dry-run", PathText::decode("model/org/" + kEvil + "\nFAKE LINE"), "--cache-dir",
                   QFile::decodeName(m_root)});
        const auto json = TestSupport::runCli({"locks", "--json", "--cache-dir", QFile::decodeName(m_root)});
        QJsonParseError error;
        QJsonDocument::fromJson(json.out, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QVERIFY2(json.out.contains("\\u001b[2Jx\\r"), json.out.constData());
        holder.kill();
        holder.waitForFinished();
    }
};

QTEST_GUILESS_MAIN(TestHostileNames)
#include "tst_HostileNames.moc"

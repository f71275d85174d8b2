// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
// Update checks against a real fakehub on 127.0.0.1: every ref kind, offline, gated, gone,
// renamed, proxies, an unreachable Hub, and the on-disk store of last known states.
#include "FakeHub.h"
#include "cache/CacheScan.h"
#include "hub/HubClient.h"
#include "hub/UpdateChecker.h"
#include "support/TestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QSignalSpy>
#include <QtTest>

#include <memory>

using namespace hfcache;

namespace {

const QByteArray tinyMain = "fe41806b3d4354a9974595d721ead54df06a4ef7";
const QByteArray tinyDev = "54f3d8f6613ad3fee121298dd11fa3e96aa769de";

void writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY2(file.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(path));
    file.write(content);
}

// "model/org/name@ref" -> the JSON object check-updates printed for it.
QHash<QString, QJsonObject> resultsByRef(const QByteArray &json)
{
    QHash<QString, QJsonObject> byRef;
    const QJsonArray results = QJsonDocument::fromJson(json).object().value(QLatin1String("results")).toArray();
    for (const QJsonValue &v : results) {
        const QJsonObject o = v.toObject();
        byRef.insert(o.value(QLatin1String("repo")).toString() + QLatin1Char('@') + o.value(QLatin1String("ref")).toString(), o);
    }
    return byRef;
}

} // namespace

class tst_HubUpdates : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_tmp;
    QString m_cache;
    FakeHub m_hub;

    QString repoDir(const char *folder) const { return m_cache + QLatin1Char('/') + QLatin1String(folder); }
    TestSupport::CliResult checkUpdates(const QStringList &extra = {})
    {
        return TestSupport::runCli(QStringList{QStringLiteral("check-updates"), QStringLiteral("--json"),
                                               QStringLiteral("--cache-dir"), m_cache} + extra);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_hub.start());
        for (const char *name : {"HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_TOKEN", "HF_TOKEN_PATH", "http_proxy",
                                 "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY", "no_proxy", "NO_PROXY"})
            qunsetenv(name);
        qputenv("HF_ENDPOINT", m_hub.endpoint().toUtf8());
    }

    void init()
    {
        m_tmp = std::make_unique<QTemporaryDir>();
        QVERIFY(!TestSupport::extractFixtures(*m_tmp).isEmpty());
        m_cache = m_tmp->filePath(QStringLiteral("fixture-cache-v1.28"));
        qputenv("HF_HOME", m_tmp->filePath(QStringLiteral("home")).toUtf8());
        qputenv("XDG_CACHE_HOME", m_tmp->filePath(QStringLiteral("xdg")).toUtf8());
        qunsetenv("HF_HUB_OFFLINE");
    }

    void everyRefKind()
    {
        // The fixture was written against this very fakehub: move some local refs back and add
        // refs and a repo the Hub does not know.
        const QString tiny = repoDir("models--fixture-org--tiny-model");
        writeFile(tiny + QStringLiteral("/refs/main"), tinyDev);  // branch behind
        writeFile(tiny + QStringLiteral("/refs/v1.0"), tinyMain);  // tag moved on the Hub side
        writeFile(tiny + QStringLiteral("/refs/refs/pr/7"), tinyMain);
        writeFile(tiny + QStringLiteral("/refs/feature/x"), tinyMain);
        writeFile(repoDir("models--private-org--secret") + QStringLiteral("/refs/main"), tinyMain);

        const auto result = checkUpdates();
        QCOMPARE(result.exitCode, 1);  // not everything is up to date
        const auto byRef = resultsByRef(result.out);
        auto state = [&](const char *key) { return byRef.value(QLatin1String(key)).value(QLatin1String("state")).toString(); };
        QCOMPARE(state("model/fixture-org/tiny-model@main"), QStringLiteral("update-available"));
        QCOMPARE(byRef.value(QStringLiteral("model/fixture-org/tiny-model@main")).value(QLatin1String("remote_commit")).toString(),
                 QString::fromLatin1(tinyMain));
        QCOMPARE(state("model/fixture-org/tiny-model@dev"), QStringLiteral("up-to-date"));
        QCOMPARE(state("model/fixture-org/tiny-model@v1.0"), QStringLiteral("update-available"));
        QCOMPARE(state("model/fixture-org/tiny-model@refs/pr/1"), QStringLiteral("up-to-date"));
        QCOMPARE(state("model/fixture-org/tiny-model@refs/pr/7"), QStringLiteral("gone"));
        QCOMPARE(state("model/fixture-org/tiny-model@feature/x"), QStringLiteral("gone"));
        QCOMPARE(state("model/gpt2@main"), QStringLiteral("up-to-date"));
        QCOMPARE(state("dataset/fixture-org/tiny-dataset@main"), QStringLiteral("up-to-date"));
        // fakehub answers an unknown repo as the Hub does anonymously: 401 + X-Error-Code RepoNotFound,
        // which huggingface_hub reads as RepositoryNotFoundError, not as a gated repo.
        QCOMPARE(state("model/private-org/secret@main"), QStringLiteral("gone"));
        QVERIFY(byRef.value(QStringLiteral("model/private-org/secret@main")).value(QLatin1String("detail")).toString()
                    .contains(QLatin1String("RepoNotFound")));
        QCOMPARE(state("model/old-org/renamed-model@main"), QStringLiteral("up-to-date"));
        QCOMPARE(byRef.value(QStringLiteral("model/old-org/renamed-model@main")).value(QLatin1String("renamed_to")).toString(),
                 QStringLiteral("fixture-org/bert-mini"));
        // Revision API with the PR ref encoded as one segment, as huggingface_hub sends it.
        QCOMPARE(m_hub.count("/api/models/fixture-org/tiny-model/revision/refs%2Fpr%2F1 "), 1);

        // The answers are remembered with a time stamp.
        QFile store(m_tmp->filePath(QStringLiteral("xdg/hfcache/update-checks.json")));
        QVERIFY(store.open(QIODevice::ReadOnly));
        const QJsonArray entries = QJsonDocument::fromJson(store.readAll()).object().value(QLatin1String("entries")).toArray();
        QCOMPARE(entries.size(), byRef.size());
        for (const QJsonValue &v : entries)
            QVERIFY(v.toObject().value(QLatin1String("checked_at_ms")).toDouble() > 1.7e12);
    }

    void selectedRepoAndRef()
    {
        const auto result = checkUpdates({QStringLiteral("fixture-org/tiny-model@refs/pr/1"), QStringLiteral("gpt2")});
        QCOMPARE(result.exitCode, 0);
        const auto byRef = resultsByRef(result.out);
        QCOMPARE(byRef.size(), 2);
        QVERIFY(byRef.contains(QStringLiteral("model/fixture-org/tiny-model@refs/pr/1")));
        QVERIFY(byRef.contains(QStringLiteral("model/gpt2@main")));
        QCOMPARE(checkUpdates({QStringLiteral("nope/nothing")}).exitCode, 2);
    }

    void offlineOpensNoSocket()
    {
        QCOMPARE(checkUpdates().exitCode, 0);  // online once: the store knows every ref
        const int before = int(m_hub.requests().size());
        QVERIFY(before > 0);

        qputenv("HF_HUB_OFFLINE", "1");
        HubClient client(HubSettings::fromEnvironment());
        UpdateChecker checker(&client);
        QSignalSpy finished(&checker, &UpdateChecker::finished);
        ScanError error;
        const auto snapshot = CacheScan::run(QFile::encodeName(m_cache), {}, {}, nullptr, &error);
        QVERIFY(snapshot);
        checker.start(UpdateChecker::targetsFor(*snapshot));
        QVERIFY(finished.wait(5000));
        QVERIFY(!client.findChild<QNetworkAccessManager *>());  // no network manager, hence no socket
        QCOMPARE(int(m_hub.requests().size()), before);  // not one request reached the Hub
        QVERIFY(!checker.results().isEmpty());
        for (const UpdateResult &r : checker.results()) {
            QCOMPARE(r.state, UpdateState::Unknown);
            QVERIFY(r.detail.contains(QLatin1String("HF_HUB_OFFLINE")));
            QCOMPARE(r.lastKnownState, std::optional<UpdateState>(UpdateState::UpToDate));
            QVERIFY(r.lastKnownAtMs > 0);
        }

        const auto result = checkUpdates();
        QCOMPARE(result.exitCode, 1);
        QVERIFY(result.err.contains("offline"));
        const auto byRef = resultsByRef(result.out);
        QCOMPARE(byRef.value(QStringLiteral("model/gpt2@main")).value(QLatin1String("state")).toString(), QStringLiteral("unknown"));
        QCOMPARE(byRef.value(QStringLiteral("model/gpt2@main")).value(QLatin1String("last_known_state")).toString(),
                 QStringLiteral("up-to-date"));
        QCOMPARE(int(m_hub.requests().size()), before);  // the server saw nothing
        // And the offline run did not forget what was known.
        QCOMPARE(resultsByRef(checkUpdates().out).value(QStringLiteral("model/gpt2@main")).value(QLatin1String("last_known_state")).toString(),
                 QStringLiteral("up-to-date"));
    }

    void systemProxyExceptLoopback()
    {
        qputenv("http_proxy", "http://10.255.255.1:3128");
        const QList<QNetworkProxy> remote = HubClient::proxiesFor(QUrl(QStringLiteral("http://hub.example.org/api/models")));
        const QList<QNetworkProxy> loopback = HubClient::proxiesFor(QUrl(m_hub.endpoint()));
        const QList<QNetworkProxy> localhost = HubClient::proxiesFor(QUrl(QStringLiteral("http://localhost:8080/")));
        qunsetenv("http_proxy");
        QVERIFY(!remote.isEmpty());
        QCOMPARE(remote.first().type(), QNetworkProxy::HttpProxy);  // the environment is honoured ...
        QCOMPARE(remote.first().port(), quint16(3128));
        QCOMPARE(loopback.first().type(), QNetworkProxy::NoProxy);  // ... but never for 127.0.0.1
        QCOMPARE(localhost.first().type(), QNetworkProxy::NoProxy);
    }

    void proxyIgnoredForLoopback()
    {
        // A proxy nobody listens on: if it were used for 127.0.0.1 every answer would be unknown.
        for (const char *name : {"http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"})
            qputenv(name, "http://127.0.0.1:9");
        const auto result = checkUpdates({QStringLiteral("gpt2")});
        for (const char *name : {"http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"})
            qunsetenv(name);
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(resultsByRef(result.out).value(QStringLiteral("model/gpt2@main")).value(QLatin1String("state")).toString(),
                 QStringLiteral("up-to-date"));
    }

    void localhostNameAlsoBypassesProxy()
    {
        qputenv("http_proxy", "http://127.0.0.1:9");
        qputenv("HF_ENDPOINT", m_hub.endpoint().replace(QLatin1String("127.0.0.1"), QLatin1String("localhost")).toUtf8());
        const auto result = checkUpdates({QStringLiteral("gpt2")});
        qunsetenv("http_proxy");
        qputenv("HF_ENDPOINT", m_hub.endpoint().toUtf8());
        QCOMPARE(result.exitCode, 0);
    }

    void unreachableHubIsUnknownAfterRetries()
    {
        HubSettings settings = HubSettings::fromEnvironment();
        settings.endpoint = QStringLiteral("http://127.0.0.1:9");  // discard port: connection refused
        settings.retryBaseMs = 10;
        HubClient client(settings);
        UpdateChecker checker(&client);
        QSignalSpy finished(&checker, &UpdateChecker::finished);
        checker.start({UpdateTarget{RepoType::Model, QStringLiteral("gpt2"), QStringLiteral("main"), tinyMain}});
        QVERIFY(finished.wait(10000));
        const UpdateResult r = checker.results().value(0);
        QCOMPARE(r.state, UpdateState::Unknown);
        QVERIFY2(r.detail.contains(QLatin1String("gave up after 4 attempts")), qPrintable(r.detail));
    }

    // The error code decides, as in hf_raise_for_status: 401 + RepoNotFound is gone, 403 +
    // GatedRepo and a 401 without a code are gated. A tiny server gives the answers fakehub has not.
    void errorCodesAsTheClientReadsThem()
    {
        const char *const server = R"(
import http.server, sys
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        answers = {"deleted-org": (401, "RepoNotFound", "Repository Not Found"),
                   "gated-org": (403, "GatedRepo", "Access to model gated-org/model is restricted"),
                   "private-org": (401, None, "Unauthorized"),
                   "badtoken-org": (401, None, "Invalid credentials in Authorization header")}
        status, code, message = answers.get(self.path.split("/")[3], (404, None, "Not Found"))
        self.send_response(status)
        if code:
            self.send_header("X-Error-Code", code)
        self.send_header("X-Error-Message", message)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"{}")
    def log_message(self, *args):
        pass
s = http.server.HTTPServer(("127.0.0.1", 0), H)
print(s.server_address[1], flush=True)
s.serve_forever()
)";
        QProcess python;
        python.start(QStringLiteral("/usr/bin/python3"), {QStringLiteral("-c"), QString::fromLatin1(server)});
        QVERIFY(python.waitForReadyRead(10000));
        const QByteArray port = python.readLine().trimmed();
        qputenv("HF_ENDPOINT", "http://127.0.0.1:" + port);
        for (const char *folder : {"models--deleted-org--model", "models--gated-org--model", "models--private-org--model",
                                   "models--badtoken-org--model"})
            writeFile(repoDir(folder) + QStringLiteral("/refs/main"), tinyMain);
        const auto result = checkUpdates({QStringLiteral("deleted-org/model"), QStringLiteral("gated-org/model"),
                                          QStringLiteral("private-org/model"), QStringLiteral("badtoken-org/model")});
        qputenv("HF_ENDPOINT", m_hub.endpoint().toUtf8());
        python.kill();
        python.waitForFinished();
        const auto byRef = resultsByRef(result.out);
        auto state = [&](const char *key) { return byRef.value(QLatin1String(key)).value(QLatin1String("state")).toString(); };
        QCOMPARE(state("model/deleted-org/model@main"), QStringLiteral("gone"));
        QCOMPARE(state("model/gated-org/model@main"), QStringLiteral("gated"));
        QCOMPARE(state("model/private-org/model@main"), QStringLiteral("gone"));  // the client: RepositoryNotFoundError
        QCOMPARE(state("model/badtoken-org/model@main"), QStringLiteral("gated"));
    }

    void cleanupTestCase()
    {
        m_hub.stop();
    }
};

QTEST_GUILESS_MAIN(tst_HubUpdates)
#include "tst_HubUpdates.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
// HubClient's manners on the wire, against scripted loopback HTTP servers: what fakehub cannot
// do (5xx, 429 with Retry-After) and what it cannot see (headers: token, user agent).
#include "hub/HubClient.h"

#include <QElapsedTimer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QtTest>

using namespace hfcache;

namespace {

// Answers each request with the next scripted response (the last one repeats), `holdMs` after
// it came, and keeps the request heads it received and the most it held unanswered at once.
class ScriptedServer : public QObject
{
public:
    explicit ScriptedServer(QList<QByteArray> responses, int holdMs = 0)
        : m_responses(std::move(responses)), m_holdMs(holdMs)
    {
        m_server.listen(QHostAddress::LocalHost);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
                    m_buffers[socket] += socket->readAll();
                    if (!m_buffers[socket].contains("\r\n\r\n"))
                        return;
                    heads.append(m_buffers.take(socket));
                    mostWaiting = qMax(mostWaiting, ++m_waiting);
                    const QByteArray answer = m_responses.value(qMin(heads.size(), m_responses.size()) - 1);
                    QTimer::singleShot(m_holdMs, socket, [this, socket, answer] {
                        --m_waiting;
                        socket->write(answer);
                        socket->disconnectFromHost();
                    });
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }
    QString url() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()); }

    QList<QByteArray> heads;
    int mostWaiting = 0;

private:
    QTcpServer m_server;
    QList<QByteArray> m_responses;
    int m_holdMs = 0;
    int m_waiting = 0;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

QByteArray response(int status, const QByteArray &extraHeaders = {}, const QByteArray &body = {})
{
    return "HTTP/1.1 " + QByteArray::number(status) + " X\r\nConnection: close\r\nContent-Length: "
         + QByteArray::number(body.size()) + "\r\n" + extraHeaders + "\r\n" + body;
}

HubSettings settingsFor(const QString &endpoint)
{
    HubSettings s;
    s.endpoint = endpoint;
    s.token = "hf_secret";
    s.userAgent = "hfcache/test";
    s.retryBaseMs = 50;
    s.apiTimeoutMs = 2000;
    return s;
}

HubClient::Response get(HubClient &client, const QUrl &url)
{
    HubClient::Response result;
    bool done = false;
    HubClient::Request request;
    request.url = url;
    client.send(request, [&](const HubClient::Response &r) {
        result = r;
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, 20000))
        qWarning("no answer");
    return result;
}

} // namespace

class tst_HubClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void retriesServerErrorsWithBackoff()
    {
        ScriptedServer server({response(503), response(502), response(200, {}, "{\"sha\":\"x\"}")});
        HubClient client(settingsFor(server.url()));
        QElapsedTimer clock;
        clock.start();
        const auto r = get(client, QUrl(server.url() + QStringLiteral("/api/models/m/revision/main")));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.attempts, 3);
        QCOMPARE(r.body, QByteArray("{\"sha\":\"x\"}"));
        QVERIFY(clock.elapsed() >= 50 + 100);  // base, then twice the base
    }

    void honoursRetryAfterOn429()
    {
        ScriptedServer server({response(429, "Retry-After: 1\r\n"), response(200)});
        HubClient client(settingsFor(server.url()));
        QElapsedTimer clock;
        clock.start();
        const auto r = get(client, QUrl(server.url() + QStringLiteral("/x")));
        QVERIFY(r.ok());
        QVERIFY(clock.elapsed() >= 1000);
    }

    void givesUpWithTheLastReason()
    {
        ScriptedServer server({response(500, "X-Error-Message: boom\r\n")});
        HubClient client(settingsFor(server.url()));
        const auto r = get(client, QUrl(server.url() + QStringLiteral("/x")));
        QVERIFY(!r.ok());
        QCOMPARE(r.attempts, 4);
        QCOMPARE(server.heads.size(), 4);
        QVERIFY2(r.error.contains(QLatin1String("HTTP 500")) && r.error.contains(QLatin1String("gave up after 4 attempts")),
                 qPrintable(r.error));
    }

    void clientErrorsAreNotRetried()
    {
        ScriptedServer server({response(404, "X-Error-Code: RevisionNotFound\r\nX-Error-Message: Invalid rev id: x\r\n")});
        HubClient client(settingsFor(server.url()));
        const auto r = get(client, QUrl(server.url() + QStringLiteral("/x")));
        QCOMPARE(r.status, 404);
        QCOMPARE(server.heads.size(), 1);
        QCOMPARE(r.hubError(), QStringLiteral("RevisionNotFound: Invalid rev id: x"));
    }

    void tokenStaysWithTheEndpoint()
    {
        ScriptedServer cdn({response(200, {}, "blob")});
        ScriptedServer hub({response(302, "Location: " + cdn.url().toLatin1() + "/blob\r\n")});
        HubClient client(settingsFor(hub.url()));
        const auto r = get(client, QUrl(hub.url() + QStringLiteral("/m/resolve/main/f")));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.body, QByteArray("blob"));
        QCOMPARE(r.redirects.size(), 1);
        QCOMPARE(hub.heads.size(), 1);
        QCOMPARE(cdn.heads.size(), 1);
        QVERIFY(hub.heads.first().contains("Authorization: Bearer hf_secret\r\n"));
        QVERIFY(hub.heads.first().contains("User-Agent: hfcache/test\r\n"));
        QVERIFY(!cdn.heads.first().contains("Authorization"));  // another origin never sees the token
    }

    void silentServerTimesOut()
    {
        QTcpServer silent;  // accepts, never answers
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        HubSettings settings = settingsFor(QStringLiteral("http://127.0.0.1:%1").arg(silent.serverPort()));
        settings.apiTimeoutMs = 300;
        settings.maxRetries = 1;
        HubClient client(settings);
        QElapsedTimer clock;
        clock.start();
        const auto r = get(client, QUrl(settings.endpoint + QStringLiteral("/x")));
        QVERIFY(!r.ok());
        QVERIFY2(r.error.contains(QLatin1String("timeout")), qPrintable(r.error));
        QVERIFY(clock.elapsed() < 5000);
    }

    // At most maxInFlight requests on the wire: the server, holding every answer a while, never
    // has more waiting at once; the others wait in the client's queue.
    void boundedRequestsInFlight()
    {
        ScriptedServer server({response(200, {}, "{}")}, 200);
        HubSettings settings = settingsFor(server.url());
        settings.maxInFlight = 2;
        HubClient client(settings);
        int done = 0;
        for (int i = 0; i < 10; ++i) {
            HubClient::Request request;
            request.url = client.apiUrl(RepoType::Model, QStringLiteral("gpt2"), "/revision/main");
            client.send(request, [&](const HubClient::Response &r) { done += r.ok() ? 1 : 0; });
        }
        QTRY_COMPARE_WITH_TIMEOUT(done, 10, 20000);
        QCOMPARE(server.heads.size(), 10);
        QCOMPARE(server.mostWaiting, 2);
    }

    void cancelAllReportsCancelled()
    {
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        HubClient client(settingsFor(QStringLiteral("http://127.0.0.1:%1").arg(silent.serverPort())));
        int cancelled = 0;
        for (int i = 0; i < 3; ++i) {
            HubClient::Request request;
            request.url = QUrl(client.settings().endpoint + QStringLiteral("/x"));
            client.send(request, [&](const HubClient::Response &r) { cancelled += r.cancelled ? 1 : 0; });
        }
        QTest::qWait(100);
        client.cancelAll();
        QTRY_COMPARE(cancelled, 3);
    }
};

QTEST_GUILESS_MAIN(tst_HubClient)
#include "tst_HubClient.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "HubSettings.h"
#include "cache/RepoType.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QNetworkProxy>
#include <QObject>
#include <QUrl>

#include <deque>
#include <functional>
#include <memory>

class QNetworkAccessManager;

namespace hfcache {

// The one door to the Hub: a queue over QNetworkAccessManager with huggingface_hub's manners
// (endpoint, token, user agent) plus what a long-running app needs: at most N requests on the
// wire, retries with exponential backoff on 429/5xx and dropped connections, an inactivity
// timeout, redirects followed by hand (so a token never leaves the endpoint's origin and a
// 307 rename is visible), the system proxy except for loopback. Offline (HF_HUB_OFFLINE=1)
// it never creates the network manager, so not one socket is opened.
//
// Asynchronous only: callbacks run later in the client's thread, never inside send().
class HubClient : public QObject
{
    Q_OBJECT
public:
    struct Response
    {
        int status = 0;                         // HTTP status of the final answer; 0 when none came
        QHash<QByteArray, QByteArray> headers;  // of the final answer, names in lower case
        QByteArray body;                        // empty for streamed requests
        QUrl url;                               // after redirects
        QList<QUrl> redirects;                  // every Location followed, in order
        QString error;                          // empty on 2xx; else method, URL and reason
        bool offline = false;
        bool cancelled = false;
        int attempts = 0;

        bool ok() const { return error.isEmpty() && status >= 200 && status < 300; }
        QByteArray header(const char *lowerName) const { return headers.value(QByteArray(lowerName)); }
        // X-Error-Code / X-Error-Message of the Hub, for messages ("RevisionNotFound: Invalid rev id: x").
        QString hubError() const;
        // As huggingface_hub's hf_raise_for_status reads an error: X-Error-Code first (the Hub
        // answers a deleted repo with 401 + RepoNotFound to anonymous users), then the status.
        bool notFound() const;  // 404, RepoNotFound / RevisionNotFound / EntryNotFound, an API 401 without code
        bool denied() const;    // 401/403 that is not a "not found": gated, private, no access
    };
    using Callback = std::function<void(const Response &)>;

    struct Request
    {
        QUrl url;
        bool download = false;  // streamed: onData gets the body of the final 2xx answer
        // Streaming only: before each attempt, the byte offset to resume from (Range) -- 0 for none.
        std::function<qint64()> resumeOffset;
        // Streaming only: the final answer's status and headers; false aborts the request.
        std::function<bool(const Response &)> onHeaders;
        std::function<bool(const QByteArray &)> onData;
    };

    explicit HubClient(HubSettings settings, QObject *parent = nullptr);
    ~HubClient() override;

    const HubSettings &settings() const { return m_settings; }
    // Queues a request; the id is for cancel().
    quint64 send(Request request, Callback done);
    // Aborts one request, queued or on the wire: its callback reports `cancelled`. No-op when done.
    void cancel(quint64 id);
    // Aborts everything queued or on the wire.
    void cancelAll();

    // {endpoint}/api/{type}s/{repo id}{tail}; tail is already URL-encoded ("/revision/refs%2Fpr%2F1").
    QUrl apiUrl(RepoType type, const QString &repoId, const QByteArray &encodedTail) const;
    // {endpoint}/[datasets/|spaces/]{repo id}/resolve/{revision}/{path}
    QUrl resolveUrl(RepoType type, const QString &repoId, const QString &revision, const QByteArray &path) const;
    // The proxies a request to `url` goes through: the system's (environment, desktop
    // settings), never one for loopback.
    static QList<QNetworkProxy> proxiesFor(const QUrl &url);
    // Python's urllib.parse.quote(text, safe=""), as huggingface_hub encodes revisions.
    static QByteArray quote(const QByteArray &text, const QByteArray &safe = {});

private:
    struct Job;
    using JobPtr = std::shared_ptr<Job>;

    void pump();
    void startAttempt(const JobPtr &job);
    void onReadyRead(const JobPtr &job);
    void onFinished(const JobPtr &job);
    void retryLater(const JobPtr &job, const QString &reason, int delayMs);
    void complete(const JobPtr &job);
    void abort(const JobPtr &job);
    bool sameOriginAsEndpoint(const QUrl &url) const;
    QNetworkAccessManager *manager();

    HubSettings m_settings;
    QUrl m_endpointUrl;
    QNetworkAccessManager *m_nam = nullptr;
    std::deque<JobPtr> m_queue;
    QList<JobPtr> m_active;  // on the wire or waiting for a retry
    int m_onWire = 0;
    quint64 m_lastId = 0;
};

} // namespace hfcache

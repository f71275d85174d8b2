// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "HubClient.h"

#include "HubLog.h"

#include <QHostAddress>
#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

namespace hfcache {

namespace {

// The system proxy (http_proxy, https_proxy, no_proxy ...) except for loopback: a fake Hub or
// a local mirror on 127.0.0.1 must never be sent through a proxy that cannot reach it.
class LoopbackAwareProxyFactory : public QNetworkProxyFactory
{
public:
    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery &query) override
    {
        return HubClient::proxiesFor(query.url());
    }
};

bool isRedirect(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

constexpr int maxRedirects = 10;
constexpr qsizetype maxApiBody = 256 * 1024 * 1024;  // a tree listing of a huge repo fits; garbage does not
constexpr int maxRetryAfterMs = 30000;
constexpr qint64 downloadBufferBytes = 4 * 1024 * 1024;

} // namespace

struct HubClient::Job
{
    quint64 id = 0;
    Request request;
    Callback done;
    QUrl url;                 // current hop
    QNetworkReply *reply = nullptr;
    QTimer idle;              // inactivity timeout of the current attempt
    Response response;
    bool headersSeen = false;
    bool timedOut = false;
    bool cancelled = false;
    bool abortedByCaller = false;
};

QString HubClient::Response::hubError() const
{
    const QByteArray code = header("x-error-code");
    const QByteArray message = header("x-error-message");
    if (code.isEmpty())
        return QString::fromUtf8(message);
    return message.isEmpty() ? QString::fromUtf8(code) : QString::fromUtf8(code + ": " + message);
}

bool HubClient::Response::notFound() const
{
    const QByteArray code = header("x-error-code");
    if (status == 404 || code == "RepoNotFound" || code == "RevisionNotFound" || code == "EntryNotFound")
        return true;
    // A 401 of the repo API without a code is "not found" to huggingface_hub as well (missing and
    // private repos look alike to anonymous users), unless the token itself was refused.
    return status == 401 && code.isEmpty() && url.path().startsWith(QLatin1String("/api/"))
           && header("x-error-message") != "Invalid credentials in Authorization header";
}

bool HubClient::Response::denied() const
{
    return (status == 401 || status == 403) && !notFound();
}

HubClient::HubClient(HubSettings settings, QObject *parent)
    : QObject(parent), m_settings(std::move(settings)), m_endpointUrl(m_settings.endpoint)
{
}

HubClient::~HubClient()
{
    // Nobody is left to hear about it: abort without calling back into owners being destroyed.
    for (const JobPtr &job : std::as_const(m_active))
        job->done = nullptr;
    cancelAll();
}

QNetworkAccessManager *HubClient::manager()
{
    if (!m_nam) {
        m_nam = new QNetworkAccessManager(this);
        m_nam->setProxyFactory(new LoopbackAwareProxyFactory);
        m_nam->setAutoDeleteReplies(false);
    }
    return m_nam;
}

QList<QNetworkProxy> HubClient::proxiesFor(const QUrl &url)
{
    const QString host = url.host();
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0 || QHostAddress(host).isLoopback())
        return {QNetworkProxy(QNetworkProxy::NoProxy)};
    return QNetworkProxyFactory::systemProxyForQuery(QNetworkProxyQuery(url));
}

QByteArray HubClient::quote(const QByteArray &text, const QByteArray &safe)
{
    return text.toPercentEncoding(safe);
}

QUrl HubClient::apiUrl(RepoType type, const QString &repoId, const QByteArray &encodedTail) const
{
    return QUrl::fromEncoded(m_settings.endpoint.toUtf8() + "/api/" + repoTypeFolderPrefix(type).toUtf8() + '/'
                             + quote(repoId.toUtf8(), "/") + encodedTail);
}

QUrl HubClient::resolveUrl(RepoType type, const QString &repoId, const QString &revision, const QByteArray &path) const
{
    const QByteArray prefix = type == RepoType::Model ? QByteArray() : repoTypeFolderPrefix(type).toUtf8() + '/';
    return QUrl::fromEncoded(m_settings.endpoint.toUtf8() + '/' + prefix + quote(repoId.toUtf8(), "/") + "/resolve/"
                             + quote(revision.toUtf8()) + '/' + quote(path, "/"));
}

bool HubClient::sameOriginAsEndpoint(const QUrl &url) const
{
    return url.scheme() == m_endpointUrl.scheme() && url.host() == m_endpointUrl.host()
        && url.port(url.scheme() == QLatin1String("https") ? 443 : 80)
               == m_endpointUrl.port(m_endpointUrl.scheme() == QLatin1String("https") ? 443 : 80);
}

quint64 HubClient::send(Request request, Callback done)
{
    auto job = std::make_shared<Job>();
    job->id = ++m_lastId;
    job->url = request.url;
    job->request = std::move(request);
    job->done = std::move(done);
    if (m_settings.offline) {
        // Never touch the network manager: its creation alone may read proxy settings.
        QTimer::singleShot(0, this, [job] {
            job->response.offline = true;
            job->response.url = job->url;
            job->response.error = QStringLiteral("offline (HF_HUB_OFFLINE=1): not requesting %1")
                                      .arg(job->url.toDisplayString());
            job->done(job->response);
        });
        return job->id;
    }
    job->idle.setSingleShot(true);
    connect(&job->idle, &QTimer::timeout, this, [weak = std::weak_ptr<Job>(job)] {
        if (auto j = weak.lock(); j && j->reply) {
            j->timedOut = true;
            j->reply->abort();
        }
    });
    m_active.append(job);
    m_queue.push_back(job);
    QTimer::singleShot(0, this, &HubClient::pump);
    return job->id;
}

void HubClient::abort(const JobPtr &job)
{
    job->cancelled = true;
    if (job->reply) {
        job->reply->abort();  // onFinished completes it
        return;
    }
    std::erase(m_queue, job);
    complete(job);            // queued or waiting for a retry
}

void HubClient::cancel(quint64 id)
{
    for (const JobPtr &job : std::as_const(m_active)) {
        if (job->id == id)
            return abort(JobPtr(job));
    }
}

void HubClient::cancelAll()
{
    const QList<JobPtr> active = m_active;
    for (const JobPtr &job : active)
        abort(job);
}

void HubClient::pump()
{
    while (m_onWire < qMax(1, m_settings.maxInFlight) && !m_queue.empty()) {
        JobPtr job = m_queue.front();
        m_queue.pop_front();
        if (job->cancelled)
            continue;
        ++job->response.attempts;
        startAttempt(job);
    }
}

void HubClient::startAttempt(const JobPtr &job)
{
    // Without the query: a CDN location carries a signature.
    qCDebug(lcHub) << "GET" << job->url.toDisplayString(QUrl::RemoveQuery) << "attempt" << job->response.attempts;
    QNetworkRequest request(job->url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setHeader(QNetworkRequest::UserAgentHeader, m_settings.userAgent);
    if (!m_settings.token.isEmpty() && sameOriginAsEndpoint(job->url))
        request.setRawHeader("Authorization", "Bearer " + m_settings.token);
    if (job->request.download) {
        // Raw bytes: Content-Length and Range must count what lands in the blob.
        request.setRawHeader("Accept-Encoding", "identity");
        const qint64 offset = job->request.resumeOffset ? job->request.resumeOffset() : 0;
        if (offset > 0)
            request.setRawHeader("Range", "bytes=" + QByteArray::number(offset) + '-');
    }
    job->headersSeen = false;
    job->timedOut = false;
    job->response.headers.clear();
    job->response.body.clear();
    job->response.status = 0;

    ++m_onWire;
    job->reply = manager()->get(request);
    if (job->request.download)
        job->reply->setReadBufferSize(downloadBufferBytes);  // back-pressure: a fast server must not fill RAM
    job->idle.start(job->request.download ? m_settings.downloadTimeoutMs : m_settings.apiTimeoutMs);
    connect(job->reply, &QNetworkReply::readyRead, this, [this, job] { onReadyRead(job); });
    connect(job->reply, &QNetworkReply::finished, this, [this, job] { onFinished(job); });
}

void HubClient::onReadyRead(const JobPtr &job)
{
    QNetworkReply *reply = job->reply;
    if (!reply || job->abortedByCaller)
        return;
    job->idle.start();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (isRedirect(status)) {
        reply->readAll();
        return;
    }
    const bool streaming = job->request.download && status >= 200 && status < 300;
    if (!job->headersSeen) {
        job->headersSeen = true;
        job->response.status = status;
        for (const auto &pair : reply->rawHeaderPairs())
            job->response.headers.insert(pair.first.toLower(), pair.second);
        if (streaming && job->request.onHeaders && !job->request.onHeaders(job->response)) {
            job->abortedByCaller = true;
            reply->abort();
            return;
        }
    }
    const QByteArray data = reply->readAll();
    if (streaming) {
        if (job->request.onData && !job->request.onData(data)) {
            job->abortedByCaller = true;
            reply->abort();
        }
    } else if (job->response.body.size() + data.size() <= maxApiBody) {
        job->response.body.append(data);
    }
}

void HubClient::onFinished(const JobPtr &job)
{
    QNetworkReply *reply = job->reply;
    if (!reply)
        return;
    --m_onWire;
    job->idle.stop();
    if (!job->abortedByCaller && !job->cancelled && !job->timedOut && reply->error() == QNetworkReply::NoError)
        onReadyRead(job);  // the last bytes may come with finished() alone
    job->reply = nullptr;
    reply->deleteLater();
    QTimer::singleShot(0, this, &HubClient::pump);

    const QString method = QStringLiteral("GET %1").arg(job->url.toDisplayString());
    Response &response = job->response;
    if (job->cancelled) {
        response.cancelled = true;
        response.error = method + QStringLiteral(": cancelled");
        return complete(job);
    }
    if (job->abortedByCaller) {
        if (response.error.isEmpty())
            response.error = method + QStringLiteral(": aborted");
        return complete(job);
    }
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 0 || (status >= 200 && status < 300 && reply->error() != QNetworkReply::NoError)) {
        // No answer, or an answer cut short: both are worth another attempt.
        const QString reason = job->timedOut
            ? QStringLiteral("no data for %1 s (timeout)")
                  .arg((job->request.download ? m_settings.downloadTimeoutMs : m_settings.apiTimeoutMs) / 1000.0)
            : reply->errorString();
        return retryLater(job, reason, m_settings.retryBaseMs << qMin(response.attempts - 1, 6));
    }
    if (isRedirect(status)) {
        const QByteArray location = reply->rawHeader("Location");
        if (location.isEmpty() || response.redirects.size() >= maxRedirects) {
            response.status = status;
            response.error = method + (location.isEmpty() ? QStringLiteral(": HTTP %1 without Location").arg(status)
                                                          : QStringLiteral(": more than %1 redirects").arg(maxRedirects));
            return complete(job);
        }
        job->url = job->url.resolved(QUrl::fromEncoded(location));
        response.redirects.append(job->url);
        return startAttempt(job);  // a hop keeps its slot and is not a new attempt
    }
    if (!job->headersSeen) {
        response.status = status;
        for (const auto &pair : reply->rawHeaderPairs())
            response.headers.insert(pair.first.toLower(), pair.second);
    }
    if (status == 429 || status >= 500) {
        bool ok = false;
        const int retryAfter = response.header("retry-after").toInt(&ok);
        const int backoff = m_settings.retryBaseMs << qMin(response.attempts - 1, 6);
        return retryLater(job, QStringLiteral("HTTP %1").arg(status),
                          ok ? qBound(0, retryAfter * 1000, maxRetryAfterMs) : backoff);
    }
    if (status < 200 || status >= 300) {
        const QString detail = response.hubError();
        response.error = method + QStringLiteral(": HTTP %1").arg(status)
                       + (detail.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(detail));
    }
    complete(job);
}

void HubClient::retryLater(const JobPtr &job, const QString &reason, int delayMs)
{
    if (job->response.attempts > m_settings.maxRetries) {
        job->response.error = QStringLiteral("GET %1: %2 (gave up after %3 attempts)")
                                  .arg(job->url.toDisplayString(), reason, QString::number(job->response.attempts));
        return complete(job);
    }
    qCDebug(lcHub) << "retrying" << job->request.url.toDisplayString(QUrl::RemoveQuery) << "in" << delayMs << "ms:" << reason;
    // Start over from the first URL: a CDN location may be signed and short-lived.
    job->url = job->request.url;
    job->response.redirects.clear();
    QTimer::singleShot(delayMs, this, [this, job] {
        if (job->cancelled)
            return;  // cancelAll() completed it
        m_queue.push_front(job);
        pump();
    });
}

void HubClient::complete(const JobPtr &job)
{
    if (!m_active.removeOne(job))
        return;  // already completed
    job->response.url = job->url;
    qCDebug(lcHub) << "done" << job->url.toDisplayString(QUrl::RemoveQuery) << "status" << job->response.status
                   << job->response.error;
    if (job->done)
        job->done(job->response);
}

} // namespace hfcache

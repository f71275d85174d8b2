// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>

namespace hfcache {

// How hfcache talks to the Hub, read from the same variables huggingface_hub reads so that
// both see the same endpoint, token and offline switch.
struct HubSettings
{
    QString endpoint;           // HF_ENDPOINT without trailing '/', default https://huggingface.co
    QByteArray token;           // HF_TOKEN, else the token file (HF_TOKEN_PATH, else $HF_HOME/token)
    bool offline = false;       // HF_HUB_OFFLINE / TRANSFORMERS_OFFLINE: no request at all
    QByteArray userAgent;       // "hfcache/<version>"
    int apiTimeoutMs = 10000;   // HF_HUB_ETAG_TIMEOUT (seconds): silence allowed on API calls
    int downloadTimeoutMs = 10000;  // HF_HUB_DOWNLOAD_TIMEOUT (seconds): silence allowed mid-download
    int maxRetries = 3;         // on 429, 5xx and dropped connections
    int retryBaseMs = 500;      // backoff: base, 2*base, 4*base ...
    int maxInFlight = 8;        // requests on the wire at once
    QString stateDir;           // hfcache's own cache ($XDG_CACHE_HOME/hfcache): update-check results

    static HubSettings fromEnvironment(const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());
    // Python's truthy spelling of boolean variables: 1, ON, YES, TRUE (any case).
    static bool isTrue(const QString &value);
};

} // namespace hfcache

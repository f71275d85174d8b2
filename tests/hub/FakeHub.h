// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>

// ../shared/tools/fakehub.py on 127.0.0.1 with a port of its choosing (--port-file), its
// request log kept in a file so tests can count what reached the server.
class FakeHub
{
public:
    ~FakeHub() { stop(); }

    // `config`: fakehub's JSON ({"repos": [...], "aliases": {...}}); empty: its built-in repos.
    bool start(const QByteArray &config = {});
    void stop();
    QString endpoint() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_port); }

    // Request lines ("GET /api/models/x/revision/main HTTP/1.1" 200) logged so far.
    QList<QByteArray> requests() const;
    int count(const QByteArray &substring) const;

    // The built-in config (--dump-default-config), for tests that tweak one repo.
    static QByteArray defaultConfig();

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    int m_port = 0;
};

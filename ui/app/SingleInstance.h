// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QObject>
#include <QString>

class QLocalServer;

namespace hfcache {

// One hfcache-gui per user and display: the first launch listens on a local socket, a later
// launch sends it "raise <hex of the cache it was asked to open>" and quits, so the desktop
// shows the window already open (with that cache). The socket lives in a folder only this
// user can enter ($XDG_RUNTIME_DIR, else <tmp>/hfcache-<uid>, both checked to be ours and
// 0700), and both ends check the other's uid (SO_PEERCRED): another user can neither squat
// the name nor receive the cache folder.
class SingleInstance : public QObject
{
    Q_OBJECT
public:
    // `key` empty: serverName() of this user and display.
    explicit SingleInstance(QString key = {}, QObject *parent = nullptr);

    // True when this process is the first one (it now listens); false when another answered
    // and was asked to raise its window and open `root` (when not empty).
    bool claim(const QByteArray &root = {});
    QString key() const { return m_key; }
    // "<private folder>/hfcache-<uid>-<hash of DISPLAY / WAYLAND_DISPLAY>"; empty (no single
    // instance) when no private folder could be found or made.
    static QString serverName();

Q_SIGNALS:
    void raiseRequested(const QByteArray &root);

private:
    void onConnection();

    QString m_key;
    QLocalServer *m_server = nullptr;
};

} // namespace hfcache

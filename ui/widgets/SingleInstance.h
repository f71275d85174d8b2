#pragma once

#include <QObject>
#include <QString>

class QLocalServer;

namespace hfcache {

// One hfcache-gui per user and display: the first launch listens on a local socket, a later
// launch sends it "raise <hex of the cache it was asked to open>" and quits, so the desktop
// shows the window already open (with that cache).
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
    // "hfcache-<uid>-<hash of DISPLAY / WAYLAND_DISPLAY>"
    static QString serverName();

Q_SIGNALS:
    void raiseRequested(const QByteArray &root);

private:
    void onConnection();

    QString m_key;
    QLocalServer *m_server = nullptr;
};

} // namespace hfcache

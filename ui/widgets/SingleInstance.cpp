#include "SingleInstance.h"

#include <QCryptographicHash>
#include <QLocalServer>
#include <QLocalSocket>

#include <unistd.h>

namespace hfcache {

namespace {
// Hex keeps any file name (newlines, non-UTF-8 bytes) on one line.
const QByteArray kRaise = "raise ";
constexpr int kTimeoutMs = 1000;
}

SingleInstance::SingleInstance(QString key, QObject *parent)
    : QObject(parent)
    , m_key(key.isEmpty() ? serverName() : std::move(key))
{
}

QString SingleInstance::serverName()
{
    // The display is part of the key: the same user on two seats gets a window on each.
    const QByteArray display = qgetenv("WAYLAND_DISPLAY") + '|' + qgetenv("DISPLAY");
    const QByteArray hash = QCryptographicHash::hash(display, QCryptographicHash::Sha256).toHex().left(12);
    return QStringLiteral("hfcache-%1-%2").arg(::getuid()).arg(QString::fromLatin1(hash));
}

bool SingleInstance::claim(const QByteArray &root)
{
    QLocalSocket peer;
    peer.connectToServer(m_key);
    if (peer.waitForConnected(kTimeoutMs)) {
        peer.write(kRaise + root.toHex() + '\n');
        peer.waitForBytesWritten(kTimeoutMs);
        peer.disconnectFromServer();
        return false;
    }
    // Nobody answered: a socket file left by a crashed instance is stale.
    QLocalServer::removeServer(m_key);
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    if (!m_server->listen(m_key)) {
        // Without the socket we still run, only without the single-instance behaviour.
        qWarning("hfcache-gui: cannot listen on %s: %s", qPrintable(m_key), qPrintable(m_server->errorString()));
        return true;
    }
    connect(m_server, &QLocalServer::newConnection, this, &SingleInstance::onConnection);
    return true;
}

void SingleInstance::onConnection()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        auto read = [this, socket] {
            if (!socket->canReadLine())
                return;
            const QByteArray line = socket->readLine(4096).trimmed() + ' ';
            if (line.startsWith(kRaise))
                Q_EMIT raiseRequested(QByteArray::fromHex(line.mid(kRaise.size()).trimmed()));
            socket->disconnectFromServer();
        };
        connect(socket, &QLocalSocket::readyRead, this, read);
        read();  // the line may have arrived with the connection
    }
}

} // namespace hfcache

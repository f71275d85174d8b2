// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "SingleInstance.h"

#include "GuiLog.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QLocalServer>
#include <QLocalSocket>

#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hfcache {

namespace {
// Hex keeps any file name (newlines, non-UTF-8 bytes) on one line.
const QByteArray kRaise = "raise ";
constexpr int kTimeoutMs = 1000;

// A folder that is ours and that nobody else may enter: no other user can put a socket there.
bool isPrivateFolder(const QByteArray &path)
{
    struct stat st;
    return !path.isEmpty() && ::lstat(path.constData(), &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == ::geteuid()
        && (st.st_mode & 077) == 0;
}

QString socketFolder()
{
    const QByteArray runtime = qgetenv("XDG_RUNTIME_DIR");
    if (isPrivateFolder(runtime))
        return QFile::decodeName(runtime);
    // No runtime folder of ours (sudo keeps the caller's): one of our own in the temporary folder.
    const QByteArray own = QFile::encodeName(QDir::tempPath()) + "/hfcache-" + QByteArray::number(::geteuid());
    ::mkdir(own.constData(), 0700);
    if (isPrivateFolder(own))
        return QFile::decodeName(own);
    qCWarning(lcGui, "hfcache-gui: %s is not a private folder of this user; running without the single-instance socket",
             own.constData());
    return {};
}

// Whether the process at the other end of `socket` runs as our user.
bool peerIsUs(const QLocalSocket &socket)
{
    struct ucred peer = {};
    socklen_t size = sizeof peer;
    return ::getsockopt(int(socket.socketDescriptor()), SOL_SOCKET, SO_PEERCRED, &peer, &size) == 0
        && peer.uid == ::geteuid();
}
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
    const QString folder = socketFolder();
    if (folder.isEmpty())
        return {};
    return QStringLiteral("%1/hfcache-%2-%3").arg(folder).arg(::geteuid()).arg(QString::fromLatin1(hash));
}

bool SingleInstance::claim(const QByteArray &root)
{
    if (m_key.isEmpty())
        return true;  // no private folder: we run, only without the single-instance behaviour
    QLocalSocket peer;
    peer.connectToServer(m_key);
    if (peer.waitForConnected(kTimeoutMs)) {
        if (!peerIsUs(peer)) {
            // Not ours: never hand it the cache folder, and do not take its name either.
            qCWarning(lcGui, "hfcache-gui: %s is held by another user; running without the single-instance socket",
                     qPrintable(m_key));
            return true;
        }
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
        qCWarning(lcGui, "hfcache-gui: cannot listen on %s: %s", qPrintable(m_key), qPrintable(m_server->errorString()));
        return true;
    }
    connect(m_server, &QLocalServer::newConnection, this, &SingleInstance::onConnection);
    return true;
}

void SingleInstance::onConnection()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        if (!peerIsUs(*socket)) {
            socket->abort();  // another user's process has nothing to ask this window
            socket->deleteLater();
            continue;
        }
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

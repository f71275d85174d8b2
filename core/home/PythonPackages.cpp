// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "PythonPackages.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>

namespace hfcache {

const QStringList &PythonPackages::watched()
{
    static const QStringList names{QStringLiteral("evaluate"), QStringLiteral("datasets"), QStringLiteral("filelock"),
                                   QStringLiteral("huggingface-hub"), QStringLiteral("sentence-transformers")};
    return names;
}

QString PythonPackages::normalizedName(const QString &name)
{
    static const QRegularExpression separators(QStringLiteral("[-_.]+"));
    return name.toLower().replace(separators, QStringLiteral("-"));
}

const PythonPackages::Package *PythonPackages::find(const QString &name) const
{
    for (const Package &p : m_packages) {
        if (p.name == name)
            return &p;
    }
    return nullptr;
}

bool PythonPackages::read(const QString &env, QString *error)
{
    QStringList candidates{env};
    const QDir lib(env + QStringLiteral("/lib"));
    for (const QString &python : lib.entryList({QStringLiteral("python*")}, QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        candidates << lib.filePath(python + QStringLiteral("/site-packages"))
                   << lib.filePath(python + QStringLiteral("/dist-packages"));
    }
    for (const QString &folder : std::as_const(candidates)) {
        if (!QDir(folder).entryList({QStringLiteral("*.dist-info")}, QDir::Dirs).isEmpty())
            readFolder(folder);
    }
    if (m_folders.isEmpty()) {
        *error = QStringLiteral("%1: no lib/python*/site-packages with *.dist-info folders (a virtualenv, a prefix or a "
                                "site-packages folder is expected)").arg(env);
        return false;
    }
    return true;
}

// METADATA starts with RFC 822 headers; Name and Version are among the first lines.
void PythonPackages::readFolder(const QString &folder)
{
    m_folders << folder;
    const QDir dir(folder);
    for (const QString &info : dir.entryList({QStringLiteral("*.dist-info")}, QDir::Dirs, QDir::Name)) {
        if (!watched().contains(normalizedName(info.section(QLatin1Char('-'), 0, 0))))
            continue;  // dist-info names start with the (escaped) project name: skip the others unread
        QFile file(dir.filePath(info + QStringLiteral("/METADATA")));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        Package package;
        package.metadata = QFile::encodeName(file.fileName());
        while (!file.atEnd()) {
            const QByteArray line = file.readLine().trimmed();
            if (line.isEmpty())
                break;
            if (line.startsWith("Name:"))
                package.name = normalizedName(QString::fromUtf8(line.mid(5).trimmed()));
            else if (line.startsWith("Version:"))
                package.version = QString::fromUtf8(line.mid(8).trimmed());
        }
        if (watched().contains(package.name) && !package.version.isEmpty() && !find(package.name))
            m_packages.append(package);
    }
}

} // namespace hfcache

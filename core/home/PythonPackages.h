// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVersionNumber>

namespace hfcache {

// The versions of the libraries whose caches hfcache reads, as installed in a Python environment,
// from the METADATA of their *.dist-info folders (what pip and Debian install): no Python is run.
class PythonPackages
{
public:
    struct Package
    {
        QString name;            // normalized: "sentence-transformers"
        QString version;         // as written ("0.4.1", "2.16.1")
        QByteArray metadata;     // the METADATA file it was read from
        QVersionNumber number() const { return QVersionNumber::fromString(version); }
    };

    // The packages hfcache knows combinations of.
    static const QStringList &watched();
    // `env` is a virtualenv or prefix (its lib/python*/site-packages and dist-packages are read) or a
    // site-packages folder itself. False and *error when no such folder is there.
    [[nodiscard]] bool read(const QString &env, QString *error);

    const QList<Package> &packages() const { return m_packages; }
    const Package *find(const QString &name) const;
    QStringList folders() const { return m_folders; }

    // "Sentence_Transformers" -> "sentence-transformers" (PEP 503).
    static QString normalizedName(const QString &name);

private:
    void readFolder(const QString &folder);

    QList<Package> m_packages;
    QStringList m_folders;
};

} // namespace hfcache

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "ExportItem.h"

#include <QByteArray>
#include <QSet>
#include <QString>

#include <clocale>

struct archive;

namespace hfcache {

class AsyncHasher;
class ByteSink;
class ExportMeter;

// A tar stream written with libarchive into a ByteSink: pax headers (exact sizes over
// 8 GiB, long and non-ASCII names byte for byte), regular files and folders only, owner
// 0/0, modes 0644/0755, the blobs' mtimes, everything under `prefix` (empty: archive root,
// as SageMaker's model.tar.gz expects).
class ArchiveWriter
{
public:
    // Lives and is used on one thread (it switches that thread's locale, see open()).
    ArchiveWriter(ByteSink &sink, QByteArray prefix);
    ~ArchiveWriter();
    ArchiveWriter(const ArchiveWriter &) = delete;
    ArchiveWriter &operator=(const ArchiveWriter &) = delete;

    [[nodiscard]] bool open(QString *error);
    // `verifier`: --verify (null: no hashing).
    [[nodiscard]] bool add(const ExportItem &item, int contentFd, AsyncHasher *verifier, ExportMeter &meter, QString *error);
    [[nodiscard]] bool close(QString *error);

private:
    [[nodiscard]] bool addFolders(const QByteArray &path, qint64 mtime, QString *error);
    bool fail(QString *error, const QString &what);

    ByteSink &m_sink;
    QByteArray m_prefix;
    struct archive *m_archive = nullptr;
    QSet<QByteArray> m_folders;
    locale_t m_utf8Locale = nullptr;  // used by libarchive on this thread while the writer lives
    locale_t m_previousLocale = nullptr;
};

} // namespace hfcache

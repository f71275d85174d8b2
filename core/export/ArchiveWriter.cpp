// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "ArchiveWriter.h"

#include "ByteSink.h"
#include "ContentReader.h"
#include "ExportMeter.h"
#include "util/PathText.h"

#include <archive.h>
#include <archive_entry.h>

#include <clocale>
#include <memory>

namespace hfcache {

namespace {

struct EntryDeleter
{
    void operator()(archive_entry *e) const { archive_entry_free(e); }
};
using Entry = std::unique_ptr<archive_entry, EntryDeleter>;

Entry makeEntry(const QByteArray &path, mode_t type, quint64 size, qint64 mtime)
{
    Entry entry(archive_entry_new());
    archive_entry_copy_pathname(entry.get(), path.constData());
    archive_entry_set_filetype(entry.get(), type);
    archive_entry_set_perm(entry.get(), type == AE_IFDIR ? 0755 : 0644);
    archive_entry_set_uid(entry.get(), 0);
    archive_entry_set_gid(entry.get(), 0);
    archive_entry_set_size(entry.get(), la_int64_t(size));
    archive_entry_set_mtime(entry.get(), time_t(mtime), 0);
    return entry;
}

} // namespace

ArchiveWriter::ArchiveWriter(ByteSink &sink, QByteArray prefix) : m_sink(sink), m_prefix(std::move(prefix))
{
    while (m_prefix.endsWith('/'))
        m_prefix.chop(1);
}

ArchiveWriter::~ArchiveWriter()
{
    if (m_archive)
        archive_write_free(m_archive);
    if (m_utf8Locale) {
        ::uselocale(m_previousLocale);
        ::freelocale(m_utf8Locale);
    }
}

bool ArchiveWriter::fail(QString *error, const QString &what)
{
    *error = m_sink.error().isEmpty()
                 ? QStringLiteral("%1: %2").arg(what, QString::fromLocal8Bit(archive_error_string(m_archive)))
                 : m_sink.error();
    return false;
}

bool ArchiveWriter::open(QString *error)
{
    // libarchive converts names from the thread's locale to the pax header's UTF-8. Under a
    // UTF-8 locale UTF-8 names pass as they are, whatever LANG says (under "C" every non-ASCII
    // name would be marked hdrcharset=BINARY, which GNU tar warns about); names that are not
    // UTF-8 are still written byte for byte, marked BINARY.
    m_utf8Locale = ::newlocale(LC_CTYPE_MASK, "C.UTF-8", locale_t(nullptr));
    if (m_utf8Locale)
        m_previousLocale = ::uselocale(m_utf8Locale);
    m_archive = archive_write_new();
    archive_write_set_format_pax_restricted(m_archive);
    archive_write_add_filter_none(m_archive);
    archive_write_set_bytes_per_block(m_archive, 0);  // no re-blocking: the sink buffers
    const auto write = [](struct archive *, void *sink, const void *data, size_t length) -> la_ssize_t {
        return static_cast<ByteSink *>(sink)->write(static_cast<const char *>(data), length) ? la_ssize_t(length) : -1;
    };
    if (archive_write_open(m_archive, &m_sink, nullptr, write, nullptr) != ARCHIVE_OK)
        return fail(error, QStringLiteral("cannot start the archive"));
    return true;
}

bool ArchiveWriter::addFolders(const QByteArray &path, qint64 mtime, QString *error)
{
    // Each parent folder once, before its first file, so extractors never invent modes.
    for (qsizetype slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
        const QByteArray folder = path.left(slash);
        if (m_folders.contains(folder))
            continue;
        m_folders.insert(folder);
        Entry entry = makeEntry(folder + '/', AE_IFDIR, 0, mtime);
        if (archive_write_header(m_archive, entry.get()) < ARCHIVE_WARN)
            return fail(error, QStringLiteral("cannot add the folder %1").arg(PathText::display(folder)));
    }
    return true;
}

bool ArchiveWriter::add(const ExportItem &item, int contentFd, AsyncHasher *verifier, ExportMeter &meter, QString *error)
{
    const QByteArray path = m_prefix.isEmpty() ? item.path : m_prefix + '/' + item.path;
    if (!addFolders(path, item.mtime, error))
        return false;
    Entry entry = makeEntry(path, AE_IFREG, item.size, item.mtime);
    // ARCHIVE_WARN: a name the locale cannot convert, written byte for byte instead.
    if (archive_write_header(m_archive, entry.get()) < ARCHIVE_WARN)
        return fail(error, QStringLiteral("cannot add %1").arg(PathText::display(item.path)));
    ContentReader reader(item, contentFd, verifier);
    const bool ok = reader.readAll([&](const char *data, size_t length) {
        if (archive_write_data(m_archive, data, length) == la_ssize_t(length))
            return true;
        fail(error, QStringLiteral("cannot add %1").arg(PathText::display(item.path)));
        return false;
    }, meter, error, &m_sink);
    return ok && (archive_write_finish_entry(m_archive) == ARCHIVE_OK
                  || fail(error, QStringLiteral("cannot add %1").arg(PathText::display(item.path))));
}

bool ArchiveWriter::close(QString *error)
{
    if (archive_write_close(m_archive) != ARCHIVE_OK)
        return fail(error, QStringLiteral("cannot finish the archive"));
    return true;
}

} // namespace hfcache

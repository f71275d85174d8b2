// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "ExportMeter.h"
#include "ExportSource.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>
#include <optional>

namespace hfcache {

// One export, from a validated ExportSource to a folder or an archive. run() blocks: the CLI
// calls it directly, the GUI from a worker thread (QtConcurrent::run) with a progress
// callback that posts to the GUI thread and cancel() wired to its Cancel button.
class ExportJob
{
public:
    enum class Format { Folder, Tar, TarGz, TarZst };

    struct Options
    {
        QByteArray target;   // the folder or archive file to create
        Format format = Format::Folder;
        int level = -1;      // -1: the format's default
        bool verify = false;
        bool hardlink = false;
        bool force = false;  // replace an existing target
        QByteArray prefix;   // archives: folder inside the archive
        int threads = 0;     // compressors (archives) or files copied at once (folders); 0: one per core
    };

    struct Result
    {
        bool ok = false;
        bool cancelled = false;
        QString error;
        QByteArray target;
        int files = 0;
        quint64 bytes = 0;         // content bytes exported
        quint64 outputBytes = 0;   // archive size (folder: same as bytes)
        qint64 durationMs = 0;
        bool verified = false;     // every file with a hash name was hashed and matched
        int unverifiable = 0;      // files without a hash to check (under --verify)
        bool treeListingChecked = false;
        QList<QByteArray> skipped; // missing files left out (--skip-missing)
        QStringList warnings;
    };

    // The archive format a file name asks for (.tar.gz/.tgz, .tar.zst/.tzst, .tar).
    static std::optional<Format> archiveFormat(const QByteArray &fileName);
    static QString formatName(Format format);
    // Why `target` may never be an export's target (empty: it may): no name, "/", the home
    // folder or a folder above it, the source's cache (or local_dir) itself, inside it or above
    // it. The CLI refuses these up front (usage error), the window's dialog too, and run() again.
    static QString targetProblem(const QByteArray &target, const QByteArray &sourceContainer);
    // Why the archive `format` does not fit the name `target` (a .tar.gz must be gzip, ...).
    static QString formatProblem(const QByteArray &target, Format format);

    ExportJob(ExportSource source, Options options);

    void setProgressCallback(ExportMeter::Callback callback, int intervalMs = 200);
    void cancel() { m_cancel.store(true); }  // any thread
    Result run();

private:
    [[nodiscard]] bool writeFolder(int rootFd, const QByteArray &rootPath, ExportMeter &meter, QString *error);
    [[nodiscard]] bool writeArchive(int fd, const QByteArray &path, ExportMeter &meter, quint64 *outputBytes, QString *error);

    ExportSource m_source;
    Options m_options;
    ExportMeter::Callback m_callback;
    int m_intervalMs = 200;
    std::atomic_bool m_cancel{false};
};

} // namespace hfcache

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "util/UniqueFd.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <sys/types.h>

namespace hfcache {

// An export's output, built under a temporary name next to its final name and renamed into
// place only when complete and synced: a cancel, an error, a full disk or `kill -9` never
// leave anything under the final name. The temporary ".<name>.hfcache-export-XXXXXX" is
// created exclusively (like mkdtemp, 0700 until the commit) relative to the target folder's fd,
// and only the process that created it ever removes it, through fds (TreeRemover): another
// export's live temporary, or a folder someone else planted under such a name, is never
// touched. A killed export leaves its temporary; staleTemporaries() names them.
//
// Folder exports carry a marker file (MarkerName) saying what was exported. Replacing an
// existing target (`replace`, --force) is allowed only for a regular file (archives) or for
// a folder of ours that holds the marker (or is empty): never for unrelated content.
class AtomicTarget
{
public:
    enum class Kind { File, Directory };
    static constexpr const char *MarkerName = ".hfcache-export";

    AtomicTarget() = default;
    AtomicTarget(const AtomicTarget &) = delete;
    AtomicTarget &operator=(const AtomicTarget &) = delete;
    ~AtomicTarget() { discard(); }

    // Creates the temporary file or folder (a folder gets the marker with `marker` as its text).
    // Refuses an existing final name unless `replace` and it may be replaced (see above).
    [[nodiscard]] bool create(Kind kind, const QByteArray &finalPath, bool replace, const QByteArray &marker, QString *error);
    // The temporary file (File) or folder (Directory), opened.
    int fd() const { return m_fd.get(); }
    const QByteArray &tempPath() const { return m_tempPath; }
    const QByteArray &finalPath() const { return m_finalPath; }
    // Other temporaries of the same final name (killed or running exports), left alone.
    QStringList staleTemporaries() const;

    // Syncs everything and renames it to the final name (replacing an old export when allowed).
    // True once the new output is in place; *warning then says what of the old one could not
    // be removed (empty when all went).
    [[nodiscard]] bool commit(QString *error, QString *warning);
    // Removes the temporary (no-op after commit). Returns what is left, in words ("" when nothing).
    QString discard();
    // "; nothing was left at X" or what is left instead: the end of every failed export's message.
    QString leftText(const QString &leftover) const;

private:
    [[nodiscard]] bool checkReplaceable(int parentFd, const QByteArray &name, UniqueFd *opened, QString *error) const;

    Kind m_kind = Kind::File;
    QByteArray m_finalPath;
    QByteArray m_tempPath;
    QByteArray m_tempName;
    UniqueFd m_fd;
    UniqueFd m_parentFd;
    dev_t m_device = 0;
    ino_t m_inode = 0;
    bool m_replace = false;
    bool m_active = false;
};

} // namespace hfcache

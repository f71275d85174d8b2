#pragma once

#include "util/UniqueFd.h"

#include <QByteArray>
#include <QString>

namespace hfcache {

// An export's output, built under a temporary name next to its final name and renamed into
// place only when complete and synced: a cancel, an error, a full disk or `kill -9` never
// leave anything under the final name. The temporary name is ".<name>.hfcache-export-XXXXXX"
// (a killed export leaves at most that, which the next export to that target removes).
class AtomicTarget
{
public:
    enum class Kind { File, Directory };

    AtomicTarget() = default;
    AtomicTarget(const AtomicTarget &) = delete;
    AtomicTarget &operator=(const AtomicTarget &) = delete;
    ~AtomicTarget() { discard(); }

    // Creates the temporary file or folder. Refuses an existing final name unless `replace`.
    bool create(Kind kind, const QByteArray &finalPath, bool replace, QString *error);
    // The temporary file (File) or folder (Directory), opened.
    int fd() const { return m_fd.get(); }
    const QByteArray &tempPath() const { return m_tempPath; }
    const QByteArray &finalPath() const { return m_finalPath; }

    // Syncs everything and renames it to the final name (replacing an old one when allowed).
    bool commit(QString *error);
    // Removes the temporary file or folder (no-op after commit).
    void discard();

    // Removes a tree without following symlinks (used for temporaries and replaced targets).
    static bool removeTree(const QByteArray &path, QString *error);

private:
    void removeStaleTemporaries() const;

    Kind m_kind = Kind::File;
    QByteArray m_finalPath;
    QByteArray m_tempPath;
    UniqueFd m_fd;
    UniqueFd m_parentFd;
    bool m_replace = false;
    bool m_active = false;
};

} // namespace hfcache

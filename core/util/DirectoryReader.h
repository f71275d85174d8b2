// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace hfcache {

// Lists one directory given by a directory fd (relative opens: no path re-resolution, so a
// folder renamed mid-scan cannot redirect us). Never follows a symlink to open it.
class DirectoryReader
{
public:
    struct Entry
    {
        QByteArray name;
        unsigned char type;  // DT_* from readdir (DT_UNKNOWN on some filesystems)
        quint64 inode;       // d_ino: st_ino of the entry, unless something is mounted on it
    };

    // Opens `name` under `parentFd` (O_DIRECTORY|O_NOFOLLOW). isOpen() false: see error() (errno).
    DirectoryReader(int parentFd, const char *name);
    ~DirectoryReader();
    DirectoryReader(const DirectoryReader &) = delete;
    DirectoryReader &operator=(const DirectoryReader &) = delete;

    bool isOpen() const { return m_dir != nullptr; }
    int error() const { return m_error; }
    int fd() const;
    // All entries but "." and ".."; a read error mid-listing sets error() and returns what was read.
    QList<Entry> entries();
    // Those whose names end with `suffix`: the others are not even copied (a blobs/ folder of
    // 100k names looked at for its few ".incomplete" ones).
    QList<Entry> entriesEndingWith(QByteArrayView suffix);
    // The next `maxCount` entries at most (fewer at the end, none when all were read): a folder
    // of a million names listed a block at a time, never all held at once.
    QList<Entry> next(qsizetype maxCount);
    // The names in the folder open at `dirFd`, sorted bytewise (an export's order does not depend on
    // the filesystem's); *error: errno when it could not be opened or read to the end, else 0.
    static QList<QByteArray> sortedNames(int dirFd, int *error);

private:
    QList<Entry> read(qsizetype maxCount, QByteArrayView suffix);

    void *m_dir = nullptr;  // DIR*
    int m_error = 0;
};

} // namespace hfcache

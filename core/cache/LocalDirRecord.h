// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "EntryStat.h"

#include <QByteArray>

namespace hfcache {

// One <local_dir>/.cache/huggingface/download/<path>.metadata file (.huggingface/download/ in
// huggingface_hub 0.23.0), written by huggingface_hub's _local_folder.py as
// "commit_hash\netag\ntimestamp\n".
struct LocalDirRecord
{
    QByteArray path;       // the file it describes, relative to the local_dir
    QByteArray commit;     // 40 hex when valid
    QByteArray etag;       // sha256 (LFS) or git sha1, lower case
    double timestamp = 0;  // when huggingface_hub wrote it (seconds since the epoch)
    EntryStat stat;        // of the .metadata file
    bool valid = false;    // three well-formed lines; huggingface_hub deletes the file otherwise
    // The file is not newer than the timestamp (mtime - 1 <= timestamp): huggingface_hub trusts
    // the etag without hashing the file again.
    bool fresh = false;

    // The three lines huggingface_hub writes, or the JSON object an earlier _local_folder.py of
    // the .huggingface/ era wrote; anything else gives valid == false. Sets commit, etag,
    // timestamp and valid.
    static LocalDirRecord parse(const QByteArray &content);
    // Whether huggingface_hub would trust the etag for the file of this stat: its float st_mtime,
    // never truncated to whole seconds.
    bool trusts(const EntryStat &file) const { return valid && file.mtimeFloat() - 1 <= timestamp; }
};

} // namespace hfcache

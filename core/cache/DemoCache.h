// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QByteArray>
#include <QString>

namespace hfcache {

// Writes a small, layout-exact hub cache (what huggingface_hub itself would leave):
// two models with two revisions each sharing blobs, a tag, a PR ref, a detached revision,
// a dataset with a sub-folder, .no_exist markers, lock files and CACHEDIR.TAG. Used by
// `hfcache demo-cache`, by `dev.sh run` and by the GUI when the user has no cache yet.
class DemoCache
{
public:
    // False with *error ("cannot create /x: ...") on failure; refuses a non-empty folder.
    [[nodiscard]] static bool write(const QByteArray &root, QString *error);
};

} // namespace hfcache

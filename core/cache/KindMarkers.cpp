// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "KindMarkers.h"

#include <fcntl.h>
#include <sys/stat.h>

#include <vector>

namespace hfcache {

namespace {

struct Row
{
    QByteArray kindId;
    QList<QByteArray> names;
};

const std::vector<Row> &table()
{
    static const std::vector<Row> rows = {
        {"hub", {".locks", "CACHEDIR.TAG"}},                      // huggingface_hub file_download.py, constants.py
        {"xet", {"logs"}},                                         // §1.1 logs/ (hf_xet >= 1.2)
        {"datasets", {"downloads"}},                               // §2.1
        {"evaluate", {"downloads"}},                               // §3.2 evaluate config.py:121-136
        {"modules", {"transformers_modules", "datasets_modules", "evaluate_modules", "diffusers_modules"}},  // §6
        {"token", {"token", "stored_tokens"}},                     // §0 constants.py:247-256
        {"torch_hub", {"checkpoints", "trusted_list"}},            // §6 torch/hub.py
    };
    return rows;
}

} // namespace

const QList<QByteArray> &KindMarkers::of(QByteArrayView kindId)
{
    static const QList<QByteArray> none;
    for (const Row &row : table()) {
        if (QByteArrayView(row.kindId) == kindId)
            return row.names;
    }
    return none;
}

bool KindMarkers::provenByName(QByteArrayView kindId)
{
    return kindId != QByteArrayView("hub");
}

QList<QByteArray> KindMarkers::provenNames()
{
    QList<QByteArray> names;
    for (const Row &row : table()) {
        for (const QByteArray &name : row.names) {
            if (provenByName(row.kindId) && !names.contains(name))
                names << name;
        }
    }
    return names;
}

QByteArray KindMarkers::kindMarkedIn(int dirFd)
{
    struct stat st;
    for (const Row &row : table()) {
        if (!provenByName(row.kindId))
            continue;
        for (const QByteArray &name : row.names) {
            if (::fstatat(dirFd, name.constData(), &st, AT_SYMLINK_NOFOLLOW) == 0 && !S_ISLNK(st.st_mode))
                return row.kindId;
        }
    }
    return {};
}

} // namespace hfcache

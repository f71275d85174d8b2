// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QByteArrayView>

namespace hfcache {

// The CACHEDIR.TAG huggingface_hub writes into a hub cache (_local_folder.CACHEDIR_TAG_CONTENT,
// v1.9.0+). Its first two lines are what tells it from any other tool's tag (fontconfig, man...):
// the standard's signature alone only says "some cache".
namespace HubCacheTag {

inline constexpr char kContent[] = "Signature: 8a477f597d28d172789f06886806bc55\n"
                                   "# This file is a cache directory tag created by huggingface_hub.\n"
                                   "# For information about cache directory tags, see:\n"
                                   "#\thttps://bford.info/cachedir/\n";
inline constexpr QByteArrayView kIdentifyingLines("Signature: 8a477f597d28d172789f06886806bc55\n"
                                                  "# This file is a cache directory tag created by huggingface_hub.\n");

inline bool isHubTag(QByteArrayView content) { return content.startsWith(kIdentifyingLines); }

} // namespace HubCacheTag

} // namespace hfcache

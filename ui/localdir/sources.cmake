# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 hfcache contributors
target_sources(hfcache_ui PRIVATE
    localdir/LocalDirFeature.cpp localdir/LocalDirFeature.h
    localdir/LocalDirList.cpp localdir/LocalDirList.h
)

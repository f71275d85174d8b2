# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 hfcache contributors
target_sources(hfcache_ui PRIVATE
    browser/CacheFilterModel.cpp browser/CacheFilterModel.h
    browser/CacheStatusBar.cpp browser/CacheStatusBar.h
    browser/CacheTreeModel.cpp browser/CacheTreeModel.h
    browser/CacheWatcher.cpp browser/CacheWatcher.h
    browser/DetailsPane.cpp browser/DetailsPane.h
    browser/NodeRef.h
    browser/OwnerNames.cpp browser/OwnerNames.h
    browser/SizeBarDelegate.cpp browser/SizeBarDelegate.h
    browser/Squarify.h
    browser/TreeRow.h
    browser/TreeRowBuilder.cpp browser/TreeRowBuilder.h
    browser/TreeRowOrder.cpp browser/TreeRowOrder.h
    browser/TreemapLayout.cpp browser/TreemapLayout.h
    browser/TreemapView.cpp browser/TreemapView.h
)

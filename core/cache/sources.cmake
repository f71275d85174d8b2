# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 hfcache contributors
# The cache rules hfcache-helper needs too (what a blob and a repo folder are called, the lstat
# facts, the blob lock) are a small QtCore-only library that the helper and hfcache_core link.
add_library(hfcache_cache_rules STATIC
    cache/BlobKind.cpp cache/BlobKind.h
    cache/BlobLock.cpp cache/BlobLock.h
    cache/EntryStat.cpp cache/EntryStat.h
    cache/HubCacheTag.h
    cache/KindMarkers.cpp cache/KindMarkers.h
    cache/RepoFolderName.cpp cache/RepoFolderName.h
    cache/RepoType.cpp cache/RepoType.h
    cache/SharedBlobLayout.cpp cache/SharedBlobLayout.h
)
target_link_libraries(hfcache_cache_rules PUBLIC hfcache_util)

target_sources(hfcache_core PRIVATE
    cache/BlobHasher.cpp cache/BlobHasher.h
    cache/CacheLocations.cpp cache/CacheLocations.h
    cache/CacheScan.cpp cache/CacheScan.h
    cache/CacheScanner.cpp cache/CacheScanner.h
    cache/CacheSnapshot.cpp cache/CacheSnapshot.h
    cache/SharedBlobScan.cpp cache/SharedBlobScan.h
    cache/SharedBlobStore.cpp cache/SharedBlobStore.h
    cache/SharedPayload.h
    cache/CachedBlob.h
    cache/CachedRef.h
    cache/CachedRepo.cpp cache/CachedRepo.h
    cache/CachedRevision.h
    cache/DemoCache.cpp cache/DemoCache.h
    cache/Finding.cpp cache/Finding.h
    cache/FindingIndex.cpp cache/FindingIndex.h
    cache/FindingCode.cpp cache/FindingCode.h
    cache/FixText.cpp cache/FixText.h
    cache/FolderListing.cpp cache/FolderListing.h
    cache/LinkResolver.cpp cache/LinkResolver.h
    cache/LocalDirRecord.cpp cache/LocalDirRecord.h
    cache/LocalDirScan.cpp cache/LocalDirScan.h
    cache/RepoEntry.h
    cache/RepoScanJob.cpp cache/RepoScanJob.h
    cache/RepoTarget.cpp cache/RepoTarget.h
    cache/ScanLog.cpp cache/ScanLog.h
    cache/SnapshotEntry.h
)

# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 hfcache contributors
target_sources(hfcache_core PRIVATE
    cache/BlobKind.cpp cache/BlobKind.h
    cache/CacheLocations.cpp cache/CacheLocations.h
    cache/CacheScan.cpp cache/CacheScan.h
    cache/CacheScanner.cpp cache/CacheScanner.h
    cache/CacheSnapshot.cpp cache/CacheSnapshot.h
    cache/CachedBlob.h
    cache/CachedRef.h
    cache/CachedRepo.cpp cache/CachedRepo.h
    cache/CachedRevision.h
    cache/DemoCache.cpp cache/DemoCache.h
    cache/EntryStat.cpp cache/EntryStat.h
    cache/Finding.cpp cache/Finding.h
    cache/FindingIndex.cpp cache/FindingIndex.h

    cache/FindingCode.cpp cache/FindingCode.h
    cache/FolderListing.h
    cache/HubCacheTag.h
    cache/LinkResolver.cpp cache/LinkResolver.h
    cache/LocalDirRecord.cpp cache/LocalDirRecord.h
    cache/LocalDirScan.cpp cache/LocalDirScan.h
    cache/RepoEntry.h
    cache/RepoFolderName.cpp cache/RepoFolderName.h
    cache/RepoScanJob.cpp cache/RepoScanJob.h
    cache/RepoTarget.cpp cache/RepoTarget.h
    cache/RepoType.cpp cache/RepoType.h
    cache/ScanLog.cpp cache/ScanLog.h
    cache/SnapshotEntry.h
)

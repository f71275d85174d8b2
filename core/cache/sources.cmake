target_sources(hfcache_core PRIVATE
    cache/BlobKind.cpp cache/BlobKind.h
    cache/CacheLocations.cpp cache/CacheLocations.h
    cache/CacheSnapshot.cpp cache/CacheSnapshot.h
    cache/CachedBlob.h
    cache/CachedRef.h
    cache/CachedRepo.cpp cache/CachedRepo.h
    cache/CachedRevision.h
    cache/EntryStat.cpp cache/EntryStat.h
    cache/Finding.cpp cache/Finding.h
    cache/RepoEntry.h
    cache/RepoFolderName.cpp cache/RepoFolderName.h
    cache/RepoType.cpp cache/RepoType.h
    cache/SnapshotEntry.h
)

# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 hfcache contributors
# Every Hugging Face cache beside the hub cache: one CacheKind per kind (kinds/), their table
# (CacheKinds), locating (HomeEnvironment, HomeLocations) and scanning (KindScan, HomeScan).
target_sources(hfcache_core PRIVATE
    home/CacheKind.cpp home/CacheKind.h
    home/CacheKinds.cpp home/CacheKinds.h
    home/GroupIndex.cpp home/GroupIndex.h
    home/HomeEntry.cpp home/HomeEntry.h
    home/HomeEnvironment.cpp home/HomeEnvironment.h
    home/HomeGroup.cpp home/HomeGroup.h
    home/HomeLocations.cpp home/HomeLocations.h
    home/HomeLocks.cpp home/HomeLocks.h
    home/HomeScan.cpp home/HomeScan.h
    home/HomeScanOptions.h
    home/HomeSnapshot.cpp home/HomeSnapshot.h
    home/KindLocation.h
    home/KindLock.cpp home/KindLock.h
    home/KindLocks.cpp home/KindLocks.h
    home/KindScan.cpp home/KindScan.h
    home/KindSnapshot.cpp home/KindSnapshot.h
    home/KnownBadCombinations.cpp home/KnownBadCombinations.h
    home/PythonPackages.cpp home/PythonPackages.h
    home/WalkedEntry.cpp home/WalkedEntry.h
    home/kinds/AssetsKind.cpp home/kinds/AssetsKind.h
    home/kinds/CachedUrlFiles.cpp home/kinds/CachedUrlFiles.h
    home/kinds/DatasetsKind.cpp home/kinds/DatasetsKind.h
    home/kinds/EvaluateKind.cpp home/kinds/EvaluateKind.h
    home/kinds/HubKind.cpp home/kinds/HubKind.h
    home/kinds/MetricsKind.cpp home/kinds/MetricsKind.h
    home/kinds/ModulesKind.cpp home/kinds/ModulesKind.h
    home/kinds/SentenceTransformersKind.cpp home/kinds/SentenceTransformersKind.h
    home/kinds/TokenKind.cpp home/kinds/TokenKind.h
    home/kinds/TorchHubKind.cpp home/kinds/TorchHubKind.h
    home/kinds/TransformersLegacyKind.cpp home/kinds/TransformersLegacyKind.h
    home/kinds/XetKind.cpp home/kinds/XetKind.h
)

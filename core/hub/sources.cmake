# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 hfcache contributors
# Talking to the Hub (Qt Network) and writing into the cache with huggingface_hub's protocol.
target_sources(hfcache_core PRIVATE
    hub/BlobDownload.cpp hub/BlobDownload.h
    hub/CacheWriter.cpp hub/CacheWriter.h
    hub/HubClient.cpp hub/HubClient.h
    hub/HubFetch.cpp hub/HubFetch.h
    hub/HubLog.cpp hub/HubLog.h
    hub/HubSettings.cpp hub/HubSettings.h
    hub/RemoteTree.cpp hub/RemoteTree.h
    hub/SnapshotCheck.cpp hub/SnapshotCheck.h
    hub/UpdateChecker.cpp hub/UpdateChecker.h
    hub/UpdateResult.cpp hub/UpdateResult.h
    hub/UpdateStore.cpp hub/UpdateStore.h
)

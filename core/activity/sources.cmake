# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 hfcache contributors
target_sources(hfcache_core PRIVATE
    activity/ActivityLog.cpp activity/ActivityLog.h
    activity/ActivityReport.cpp activity/ActivityReport.h
    activity/ActivityTargets.cpp activity/ActivityTargets.h
    activity/CacheActivity.cpp activity/CacheActivity.h
    activity/FileKey.h
    activity/FileUse.h
    activity/LockFileState.h
    activity/LockOpeners.cpp activity/LockOpeners.h
    activity/LockRecord.h
    activity/LocksMerge.cpp activity/LocksMerge.h
    activity/ProcFile.cpp activity/ProcFile.h
    activity/ProcLocks.cpp activity/ProcLocks.h
    activity/ProcessFiles.cpp activity/ProcessFiles.h
    activity/ProcessInfo.h
    activity/ProcessTable.cpp activity/ProcessTable.h
    activity/SoftLock.cpp activity/SoftLock.h
    activity/WatchedFile.h
)

# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 hfcache contributors
target_sources(hfcache_core PRIVATE
    maintain/ActiveDownloads.cpp maintain/ActiveDownloads.h
    maintain/CacheVerifier.cpp maintain/CacheVerifier.h
    maintain/DeleteExecutor.cpp maintain/DeleteExecutor.h
    maintain/SharedBlobPlanner.cpp maintain/SharedBlobPlanner.h
    maintain/SharedBlobRelease.cpp maintain/SharedBlobRelease.h
    maintain/DeleteOperation.cpp maintain/DeleteOperation.h
    maintain/DeletePlan.cpp maintain/DeletePlan.h
    maintain/DeletePlanner.cpp maintain/DeletePlanner.h
    maintain/DeleteResult.h
    maintain/HomeCleanPlanner.cpp maintain/HomeCleanPlanner.h
    maintain/HomeCleanTarget.cpp maintain/HomeCleanTarget.h
    maintain/InUseChecker.h
    maintain/LeaseProbe.cpp maintain/LeaseProbe.h
    maintain/LockProbe.cpp maintain/LockProbe.h
    maintain/LockProber.cpp maintain/LockProber.h
    maintain/MaintainLog.cpp maintain/MaintainLog.h
    maintain/ProcInUseChecker.cpp maintain/ProcInUseChecker.h
    maintain/PruneOptions.h
    maintain/PrunePlanner.cpp maintain/PrunePlanner.h
    maintain/VerifyReport.cpp maintain/VerifyReport.h
)

# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 hfcache contributors
# What hfcache-helper runs as root is its own small library (QtCore only, no Network or
# Concurrent): the plan, its JSON form, validation and the fd-based executor, with the few
# util files they need. hfcache_core compiles the same files for in-process repairs.
set(HFCACHE_REPAIR_HELPER_SOURCES
    repair/RepairAuthorization.cpp repair/RepairAuthorization.h
    repair/RepairExecutor.cpp repair/RepairExecutor.h
    repair/RepairInvoker.cpp repair/RepairInvoker.h
    repair/RepairLog.cpp repair/RepairLog.h
    repair/RepairOperation.cpp repair/RepairOperation.h
    repair/RepairPlan.cpp repair/RepairPlan.h
    repair/RepairPlanReader.cpp repair/RepairPlanReader.h
)
add_library(hfcache_repair_helper STATIC ${HFCACHE_REPAIR_HELPER_SOURCES}
    cache/BlobKind.cpp cache/BlobKind.h cache/EntryStat.cpp cache/EntryStat.h cache/HubCacheTag.h
    cache/RepoFolderName.cpp cache/RepoFolderName.h cache/RepoType.cpp cache/RepoType.h
    util/BlobLock.cpp util/FdWalk.cpp util/PathPrefix.cpp util/PathText.cpp util/SystemError.cpp util/UniqueFd.cpp)
target_include_directories(hfcache_repair_helper PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(hfcache_repair_helper PUBLIC Qt6::Core)

target_sources(hfcache_core PRIVATE ${HFCACHE_REPAIR_HELPER_SOURCES}
    repair/RepairHelperClient.cpp repair/RepairHelperClient.h
    repair/RepairRecipe.cpp repair/RepairRecipe.h
    repair/RepairRun.cpp repair/RepairRun.h
)
set_property(SOURCE repair/RepairHelperClient.cpp APPEND PROPERTY COMPILE_DEFINITIONS
             HFCACHE_HELPER_INSTALL_PATH="${CMAKE_INSTALL_FULL_LIBEXECDIR}/hfcache-helper")

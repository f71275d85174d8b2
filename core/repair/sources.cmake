# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 hfcache contributors
# What hfcache-helper runs as root is its own small library (QtCore only, no Network or
# Concurrent): the plan, its JSON form, validation and the fd-based executor. It links the cache
# rules and util instead of compiling their files again; hfcache_core links it for in-process
# repairs.
add_library(hfcache_repair_helper STATIC
    repair/RepairAuthorization.cpp repair/RepairAuthorization.h
    repair/RepairExecutor.cpp repair/RepairExecutor.h
    repair/RepairInvoker.cpp repair/RepairInvoker.h
    repair/RepairLog.cpp repair/RepairLog.h
    repair/RepairOperation.cpp repair/RepairOperation.h
    repair/RepairPlan.cpp repair/RepairPlan.h
    repair/RepairPlanReader.cpp repair/RepairPlanReader.h
)
target_link_libraries(hfcache_repair_helper PUBLIC hfcache_cache_rules)

target_link_libraries(hfcache_core PUBLIC hfcache_repair_helper)
target_sources(hfcache_core PRIVATE
    repair/HomeRepair.cpp repair/HomeRepair.h
    repair/RepairBatch.cpp repair/RepairBatch.h
    repair/RepairHelperClient.cpp repair/RepairHelperClient.h
    repair/RepairRecipe.cpp repair/RepairRecipe.h
    repair/RepairRun.cpp repair/RepairRun.h
    repair/SharedBlobRepair.cpp repair/SharedBlobRepair.h
)
set_property(SOURCE repair/RepairHelperClient.cpp APPEND PROPERTY COMPILE_DEFINITIONS
             HFCACHE_HELPER_INSTALL_PATH="${CMAKE_INSTALL_FULL_LIBEXECDIR}/hfcache-helper")

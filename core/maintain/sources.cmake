target_sources(hfcache_core PRIVATE
    maintain/DeleteExecutor.cpp maintain/DeleteExecutor.h
    maintain/DeleteOperation.cpp maintain/DeleteOperation.h
    maintain/DeletePlan.cpp maintain/DeletePlan.h
    maintain/DeletePlanner.cpp maintain/DeletePlanner.h
    maintain/DeleteResult.h
    maintain/InUseChecker.h
    maintain/ProcInUseChecker.cpp maintain/ProcInUseChecker.h
)

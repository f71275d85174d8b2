target_sources(hfcache_core PRIVATE
    cli/CliApplication.cpp cli/CliApplication.h
    cli/CliCommand.h
    cli/CommandTable.cpp cli/CommandTable.h
    cli/DeleteFlow.cpp cli/DeleteFlow.h
    cli/DemoCacheCommand.cpp cli/DemoCacheCommand.h
    cli/RepairCommand.cpp cli/RepairCommand.h
    cli/DoctorCommand.cpp cli/DoctorCommand.h
    cli/LocksCommand.cpp cli/LocksCommand.h
    cli/PruneCommand.cpp cli/PruneCommand.h
    cli/RmCommand.cpp cli/RmCommand.h
    cli/ScanCommand.cpp cli/ScanCommand.h
    cli/ScanFilter.cpp cli/ScanFilter.h
    cli/SnapshotJson.cpp cli/SnapshotJson.h
    cli/TextTable.cpp cli/TextTable.h
    cli/VerifyCommand.cpp cli/VerifyCommand.h
    cli/WhereCommand.cpp cli/WhereCommand.h
)

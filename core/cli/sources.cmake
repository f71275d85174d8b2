target_sources(hfcache_core PRIVATE
    cli/CliApplication.cpp cli/CliApplication.h
    cli/CliCommand.h
    cli/CommandTable.cpp cli/CommandTable.h
    cli/DemoCacheCommand.cpp cli/DemoCacheCommand.h
    cli/RepairCommand.cpp cli/RepairCommand.h
    cli/ScanCommand.cpp cli/ScanCommand.h
    cli/ScanFilter.cpp cli/ScanFilter.h
    cli/SnapshotJson.cpp cli/SnapshotJson.h
    cli/TextTable.cpp cli/TextTable.h
    cli/WhereCommand.cpp cli/WhereCommand.h
)

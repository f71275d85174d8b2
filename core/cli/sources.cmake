# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 hfcache contributors
target_sources(hfcache_core PRIVATE
    cli/CheckUpdatesCommand.cpp cli/CheckUpdatesCommand.h
    cli/CliApplication.cpp cli/CliApplication.h
    cli/CliLog.cpp cli/CliLog.h

    cli/CliOptions.cpp cli/CliOptions.h
    cli/CliOutput.cpp cli/CliOutput.h
    cli/CliCommand.h
    cli/CommandTable.cpp cli/CommandTable.h
    cli/DeleteFlow.cpp cli/DeleteFlow.h
    cli/DemoCacheCommand.cpp cli/DemoCacheCommand.h
    cli/DoctorCommand.cpp cli/DoctorCommand.h
    cli/ExportCommand.cpp cli/ExportCommand.h
    cli/FetchCommand.cpp cli/FetchCommand.h
    cli/HomeCommand.cpp cli/HomeCommand.h
    cli/HomeRoots.cpp cli/HomeRoots.h
    cli/HubCacheCommand.cpp cli/HubCacheCommand.h
    cli/LocksCommand.cpp cli/LocksCommand.h
    cli/PruneCommand.cpp cli/PruneCommand.h
    cli/RepairCommand.cpp cli/RepairCommand.h
    cli/RmCommand.cpp cli/RmCommand.h
    cli/ScanCommand.cpp cli/ScanCommand.h
    cli/ScanFilter.cpp cli/ScanFilter.h
    cli/SnapshotJson.cpp cli/SnapshotJson.h
    cli/Suggestion.cpp cli/Suggestion.h
    cli/TextTable.cpp cli/TextTable.h
    cli/VerifyCommand.cpp cli/VerifyCommand.h
    cli/WhereCommand.cpp cli/WhereCommand.h
)

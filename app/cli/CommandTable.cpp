// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "CommandTable.h"

#include "CheckUpdatesCommand.h"
#include "CleanCommand.h"
#include "DemoCacheCommand.h"
#include "DoctorCommand.h"
#include "ExportCommand.h"
#include "FetchCommand.h"
#include "HomeCommand.h"
#include "LocksCommand.h"
#include "PruneCommand.h"
#include "RepairCommand.h"
#include "RmCommand.h"
#include "ScanCommand.h"
#include "VerifyCommand.h"
#include "WhereCommand.h"

namespace hfcache {

// In the order `hfcache --help` lists them: looking, diagnosing, repairing,
// cleaning, exporting, the Hub.
std::vector<std::unique_ptr<CliCommand>> allCommands()
{
    std::vector<std::unique_ptr<CliCommand>> commands;
    commands.push_back(std::make_unique<ScanCommand>());
    commands.push_back(std::make_unique<WhereCommand>());
    commands.push_back(std::make_unique<HomeCommand>());
    commands.push_back(std::make_unique<DoctorCommand>());
    commands.push_back(std::make_unique<LocksCommand>());
    commands.push_back(std::make_unique<RepairCommand>());
    commands.push_back(std::make_unique<RmCommand>());
    commands.push_back(std::make_unique<PruneCommand>());
    commands.push_back(std::make_unique<CleanCommand>());
    commands.push_back(std::make_unique<VerifyCommand>());
    commands.push_back(std::make_unique<ExportCommand>());
    commands.push_back(std::make_unique<CheckUpdatesCommand>());
    commands.push_back(std::make_unique<FetchCommand>());
    commands.push_back(std::make_unique<DemoCacheCommand>());
    return commands;
}

} // namespace hfcache

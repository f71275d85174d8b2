#include "CommandTable.h"

#include "DemoCacheCommand.h"
#include "RepairCommand.h"
#include "DoctorCommand.h"
#include "LocksCommand.h"
#include "PruneCommand.h"
#include "RmCommand.h"
#include "ScanCommand.h"
#include "VerifyCommand.h"
#include "WhereCommand.h"

namespace hfcache {

std::vector<std::unique_ptr<CliCommand>> allCommands()
{
    std::vector<std::unique_ptr<CliCommand>> commands;
    commands.push_back(std::make_unique<ScanCommand>());
    commands.push_back(std::make_unique<WhereCommand>());
    commands.push_back(std::make_unique<DemoCacheCommand>());
    commands.push_back(std::make_unique<RepairCommand>());
    commands.push_back(std::make_unique<DoctorCommand>());
    commands.push_back(std::make_unique<LocksCommand>());
    commands.push_back(std::make_unique<RmCommand>());
    commands.push_back(std::make_unique<PruneCommand>());
    commands.push_back(std::make_unique<VerifyCommand>());
    return commands;
}

} // namespace hfcache

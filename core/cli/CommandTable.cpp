#include "CommandTable.h"

#include "DemoCacheCommand.h"
#include "RepairCommand.h"
#include "ScanCommand.h"
#include "WhereCommand.h"

namespace hfcache {

std::vector<std::unique_ptr<CliCommand>> allCommands()
{
    std::vector<std::unique_ptr<CliCommand>> commands;
    commands.push_back(std::make_unique<ScanCommand>());
    commands.push_back(std::make_unique<WhereCommand>());
    commands.push_back(std::make_unique<DemoCacheCommand>());
    commands.push_back(std::make_unique<RepairCommand>());
    return commands;
}

} // namespace hfcache

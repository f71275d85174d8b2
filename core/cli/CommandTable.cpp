#include "CommandTable.h"


namespace hfcache {

std::vector<std::unique_ptr<CliCommand>> allCommands()
{
    std::vector<std::unique_ptr<CliCommand>> commands;
    return commands;
}

} // namespace hfcache

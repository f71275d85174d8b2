#pragma once

#include "CliCommand.h"

#include <memory>
#include <vector>

namespace hfcache {

std::vector<std::unique_ptr<CliCommand>> allCommands();

} // namespace hfcache

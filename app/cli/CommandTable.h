// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "CliCommand.h"

#include <memory>
#include <vector>

namespace hfcache {

std::vector<std::unique_ptr<CliCommand>> allCommands();

} // namespace hfcache

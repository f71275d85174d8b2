// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "UpdateResult.h"

namespace hfcache {

QString updateStateName(UpdateState state)
{
    switch (state) {
    case UpdateState::UpToDate: return QStringLiteral("up-to-date");
    case UpdateState::UpdateAvailable: return QStringLiteral("update-available");
    case UpdateState::Gone: return QStringLiteral("gone");
    case UpdateState::Gated: return QStringLiteral("gated");
    case UpdateState::Unknown: return QStringLiteral("unknown");
    }
    return {};
}

std::optional<UpdateState> updateStateFromName(const QString &name)
{
    for (UpdateState state : {UpdateState::UpToDate, UpdateState::UpdateAvailable, UpdateState::Gone,
                              UpdateState::Gated, UpdateState::Unknown}) {
        if (updateStateName(state) == name)
            return state;
    }
    return std::nullopt;
}

} // namespace hfcache

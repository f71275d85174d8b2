// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "WindowFeatures.h"

#include "LocksPane.h"
#include "MainWindow.h"
#include "OwnershipPane.h"
#include "RepairDialog.h"
#include "features/DeleteFeature.h"
#include "features/ExportFeature.h"
#include "features/FetchFeature.h"
#include "features/LocalDirFeature.h"
#include "features/PreferencesFeature.h"
#include "features/PruneFeature.h"
#include "features/UpdatesFeature.h"
#include "features/VerifyFeature.h"

namespace hfcache {

void installWindowFeatures(MainWindow &window)
{
    new ExportFeature(window);
    new PruneFeature(window, *new DeleteFeature(window));
    new VerifyFeature(window);
    OwnershipPane::install(window);
    LocksPane::install(window);
    RepairDialog::install(window);
    new PreferencesFeature(window);
    new UpdatesFeature(window);
    new FetchFeature(window);
    new LocalDirFeature(window);
}

} // namespace hfcache

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "WindowFeatures.h"

#include "permissions/LocksPane.h"
#include "MainWindow.h"
#include "permissions/OwnershipPane.h"
#include "permissions/RepairDialog.h"
#include "maintain/DeleteFeature.h"
#include "export/ExportFeature.h"
#include "hub/FetchFeature.h"
#include "localdir/LocalDirFeature.h"
#include "preferences/PreferencesFeature.h"
#include "maintain/PruneFeature.h"
#include "hub/UpdatesFeature.h"
#include "maintain/VerifyFeature.h"

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

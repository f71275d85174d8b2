// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "WindowFeatures.h"

#include "export/ExportFeature.h"
#include "home/HomeView.h"
#include "hub/FetchFeature.h"
#include "hub/UpdatesFeature.h"
#include "localdir/LocalDirFeature.h"
#include "maintain/DeleteFeature.h"
#include "maintain/PruneFeature.h"
#include "maintain/VerifyFeature.h"
#include "permissions/ClusterLocksFeature.h"
#include "permissions/LocksPane.h"
#include "permissions/OwnershipPane.h"
#include "permissions/RepairFeature.h"
#include "preferences/PreferencesFeature.h"

namespace hfcache {

void installWindowFeatures(WindowHost &host)
{
    new ExportFeature(host);
    new PruneFeature(host, *new DeleteFeature(host));
    new VerifyFeature(host);
    new OwnershipPane(host);
    new LocksPane(host);
    new RepairFeature(host);
    new PreferencesFeature(host);
    new UpdatesFeature(host);
    new FetchFeature(host);
    new LocalDirFeature(host);
    new ClusterLocksFeature(host);
    new HomeView(host);
}

} // namespace hfcache

#include "WindowFeatures.h"

#include "LocksPane.h"
#include "MainWindow.h"
#include "OwnershipPane.h"
#include "RepairDialog.h"

namespace hfcache {

void installWindowFeatures(MainWindow &window)
{
    OwnershipPane::install(window);
    LocksPane::install(window);
    RepairDialog::install(window);
}

} // namespace hfcache

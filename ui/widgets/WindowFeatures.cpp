#include "WindowFeatures.h"

#include "MainWindow.h"

namespace hfcache {

void installWindowFeatures(MainWindow &window)
{
    Q_UNUSED(window);
}

} // namespace hfcache

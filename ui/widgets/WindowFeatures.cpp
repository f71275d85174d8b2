#include "WindowFeatures.h"

#include "MainWindow.h"
#include "features/FetchFeature.h"
#include "features/PreferencesFeature.h"
#include "features/UpdatesFeature.h"

namespace hfcache {

void installWindowFeatures(MainWindow &window)
{
    new PreferencesFeature(window);
    new UpdatesFeature(window);
    new FetchFeature(window);
}

} // namespace hfcache

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

namespace hfcache {

// Qt's raster engine splits a big fill over QThreadPool::globalInstance() and waits for it on the
// GUI thread. Our scans (the hub browser's, every cache's) hold pool threads for seconds, and on a
// 2-core machine the pool has two: the window then froze until a scan ended (2.5 s over issue 17's
// HF_HOME). This keeps threads free for the fills, beside as many long tasks as the window runs at
// once. Call once, before the first scan.
void reserveThreadsForPainting();

} // namespace hfcache

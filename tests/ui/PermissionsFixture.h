// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "WindowFixture.h"

#include "support/TestSupport.h"

#include <QByteArray>

#include <memory>
#include <optional>
#include <sys/types.h>

class QTreeWidget;

namespace hfcache {

// What the tests of the permissions panes (Ownership, Locks & activity, Repair) share: a small
// real cache made afresh for each test function (one repo, two blobs, a lock file), a second
// user to give files to (useradd, so root only), and the window opened on the cache.
class PermissionsFixture : public WindowFixture
{
public:
    // From initTestCase: WindowFixture's set-up; as root, the second user and the build tree's
    // helper. Not root, this binary runs again as that user (isChild()).
    void setUp(const QString &testName);
    bool isChild() const { return m_child; }
    // From init(): the cache of the current test function, in hub and repo.
    void makeCache();
    // Opens `window` on `hub` and waits for the scan.
    void openWindow();
    // Saves `widget` as `name` to $HFCACHE_SCREENSHOT_DIR, else to the temporary folder.
    void grab(QWidget *widget, const QString &name);
    QTreeWidget *ownershipTree() const;

    static void writeFile(const QByteArray &path, const QByteArray &data);
    static mode_t modeOf(const QByteArray &path);

    QByteArray hub;
    QByteArray repo;
    std::optional<TestSupport::TestUser> user;
    std::unique_ptr<MainWindow> window;

private:
    bool m_child = false;
};

} // namespace hfcache

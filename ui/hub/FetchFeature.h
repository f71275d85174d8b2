// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "hub/HubFetch.h"

#include <QObject>

class QAction;

namespace hfcache {

class FetchDialog;
class WindowHost;

// "Download Missing Files" and "Repair Corrupt Files" on a revision: a FetchDialog per run,
// and a rescan when it ends so the tree shows what the fetch wrote.
class FetchFeature : public QObject
{
    Q_OBJECT
public:
    explicit FetchFeature(WindowHost &host);

    // Starts a fetch of the selected revision; null when nothing fetchable is selected.
    FetchDialog *run(HubFetch::Options options);

private:
    WindowHost &m_host;
    QAction *m_download;
    QAction *m_repair;
};

} // namespace hfcache

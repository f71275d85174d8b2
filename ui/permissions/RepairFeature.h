// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QObject>

namespace hfcache {

class WindowHost;

// Repair... (Repo menu, whatever is selected: a repair plans for the whole cache) opens a
// RepairDialog for the window's root; another root rejects it.
class RepairFeature : public QObject
{
    Q_OBJECT
public:
    explicit RepairFeature(WindowHost &host);

private:
    void openDialog();

    WindowHost &m_host;
};

} // namespace hfcache

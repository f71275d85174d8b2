// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QDialog>

namespace hfcache {

// Name, version, license and links of hfcache, all from AppInfo (the same values as the
// desktop entry and the package), with the Qt version the binary runs on for bug reports.
class AboutDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AboutDialog(QWidget *parent = nullptr);
};

} // namespace hfcache

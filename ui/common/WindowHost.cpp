// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "WindowHost.h"

#include <QDialog>

namespace hfcache {

void WindowHost::closeOnRootChange(QDialog *dialog)
{
    connect(this, &WindowHost::rootChanged, dialog, &QDialog::reject);
}

} // namespace hfcache

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "Finding.h"

#include <QString>

namespace hfcache {

// How a fix is said, one table row per FixAction (FixText.cpp): the command a terminal user runs
// (`hfcache doctor`'s "fix:" lines) and the sentence the window shows (the details pane). A new
// fix action adds its row there, next to its name in FindingCode.cpp.
namespace FixText {

// "chown -h bob:bob /cache/models--org--name", "setfacl -d -m g::rwx /cache", ...
QString command(const FindingFix &fix);
// "Give /cache/models--org--name to the user bob:bob.": translated (context "FixText") once the
// program has installed a translator.
QString prose(const FindingFix &fix);
// Whether `action` has both texts in the table (tst_FixText checks every FixAction).
bool hasTexts(FixAction action);

} // namespace FixText

} // namespace hfcache

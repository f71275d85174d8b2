// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "VerifyReport.h"

namespace hfcache {

const char *ListingProblem::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Missing: return "missing";
    case Kind::WrongSize: return "wrong-size";
    case Kind::WrongBlob: return "wrong-blob";
    case Kind::Unreadable: return "unreadable";
    case Kind::MissingBlob: return "missing-blob";
    }
    return "?";
}

} // namespace hfcache

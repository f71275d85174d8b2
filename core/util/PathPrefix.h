// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QByteArrayView>
#include <QStringView>

namespace hfcache {

// "Is this path that folder or inside it", by components: "/a/b" is under "/a", "/ab" is not;
// every folder is under "/". Lexical only: nothing is resolved or opened.
namespace PathPrefix {

// `path` lies below `folder` (not `folder` itself).
bool isUnder(QByteArrayView path, QByteArrayView folder);
bool isUnder(QStringView path, QStringView folder);
// `path` is `folder` or lies below it.
bool isSameOrUnder(QByteArrayView path, QByteArrayView folder);
bool isSameOrUnder(QStringView path, QStringView folder);

} // namespace PathPrefix

} // namespace hfcache

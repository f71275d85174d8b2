// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QByteArray>
#include <QString>

// The readers a .tar.gz meets in the wild, run on a file hfcache wrote. Each returns
// "<sha256 hex of the uncompressed bytes>" (plus details noted below), or a line starting
// with "failed" saying why.
namespace GzipReaders {

// Python's zlib.decompressobj(wbits=31) as streaming clients (SageMaker's) use it, fed the
// file `pieceSize` bytes at a time; a new decompressor starts at every member's end.
// Returns "<sha256> <members>".
QByteArray zlibStream(const QString &file, int pieceSize);
// `gzip -dc`, which also checks every member's CRC and size.
QByteArray gunzip(const QString &file);

} // namespace GzipReaders

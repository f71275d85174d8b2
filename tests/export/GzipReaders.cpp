// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "GzipReaders.h"

#include "support/TestSupport.h"

namespace GzipReaders {

QByteArray zlibStream(const QString &file, int pieceSize)
{
    // A member that ends mid-file leaves the rest in unused_data: that starts the next one.
    // Trailing bytes that are not a member, or a file ending inside one, fail.
    static const QString script = QStringLiteral(R"(
import hashlib, sys, zlib
piece = int(sys.argv[2]); digest = hashlib.sha256(); members = 0
d = zlib.decompressobj(wbits=31); started = False
with open(sys.argv[1], 'rb') as f:
    while chunk := f.read(piece):
        while chunk:
            started = True
            digest.update(d.decompress(chunk))
            if not d.eof:
                break
            members += 1
            chunk = d.unused_data
            d = zlib.decompressobj(wbits=31); started = False
if started:
    print('failed: the file ends inside a member'); sys.exit(1)
print(digest.hexdigest(), members)
)");
    QByteArray out;
    if (TestSupport::runProgram(QStringLiteral("/usr/bin/python3"), {QStringLiteral("-c"), script, file, QString::number(pieceSize)},
                                &out, nullptr, 600000)
        != 0)
        return "failed: " + out.trimmed();
    return out.trimmed();
}

QByteArray gunzip(const QString &file)
{
    QByteArray out;
    if (TestSupport::runProgram(QStringLiteral("bash"),
                                {QStringLiteral("-c"), QStringLiteral("set -o pipefail; gzip -dc \"$1\" | sha256sum"), QStringLiteral("bash"), file},
                                &out, nullptr, 600000)
        != 0)
        return "failed: gzip -dc";
    return out.left(64);
}

} // namespace GzipReaders

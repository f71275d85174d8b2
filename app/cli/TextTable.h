// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace hfcache {

// A plain-text table for terminals: a header, left-aligned text and right-aligned numbers,
// two spaces between columns, no truncation (ids and hashes stay copy-pastable).
class TextTable
{
public:
    explicit TextTable(QStringList headers, QList<bool> rightAligned = {});
    void addRow(QStringList cells);
    // The lines, each ending in a newline; CliOutput prints them.
    QString text() const;

private:
    QStringList m_headers;
    QList<bool> m_right;
    QList<QStringList> m_rows;
};

} // namespace hfcache

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "TextTable.h"

#include "util/PathText.h"

namespace hfcache {

TextTable::TextTable(QStringList headers, QList<bool> rightAligned)
    : m_headers(std::move(headers)), m_right(std::move(rightAligned))
{
    m_right.resize(m_headers.size());
}

void TextTable::addRow(QStringList cells)
{
    cells.resize(m_headers.size());
    for (QString &cell : cells)
        cell = PathText::terminalLine(cell);  // one cell, one line, whatever names it holds
    m_rows.append(std::move(cells));
}

QString TextTable::text() const
{
    QString text;
    QList<qsizetype> widths;
    for (const QString &h : m_headers)
        widths.append(h.size());
    for (const QStringList &row : m_rows) {
        for (int c = 0; c < row.size(); ++c)
            widths[c] = std::max(widths[c], row[c].size());
    }
    auto addLine = [&](const QStringList &row) {
        QString line;
        for (int c = 0; c < row.size(); ++c) {
            const bool last = c == row.size() - 1;
            const QString cell = m_right[c] ? row[c].rightJustified(widths[c])
                                            : (last ? row[c] : row[c].leftJustified(widths[c]));
            line += cell + (last ? QString() : QStringLiteral("  "));
        }
        text += line + QLatin1Char('\n');
    };
    addLine(m_headers);
    for (const QStringList &row : m_rows)
        addLine(row);
    return text;
}

} // namespace hfcache

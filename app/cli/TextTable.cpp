// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "TextTable.h"

#include "CliOutput.h"
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
        cell = cellText(cell);
    m_rows.append(std::move(cells));
}

QString TextTable::cellText(QString cell)
{
    return PathText::terminalLine(cell);  // one cell, one line, whatever names it holds
}

QString TextTable::line(const QStringList &cells, const QList<bool> &rightAligned, const QList<qsizetype> &widths)
{
    // Built in place, padding included: a table can have a hundred thousand lines.
    qsizetype length = 0;
    for (int c = 0; c < cells.size(); ++c)
        length += std::max(widths[c], cells[c].size()) + 2;
    QString text;
    text.reserve(length);
    for (int c = 0; c < cells.size(); ++c) {
        const bool last = c == cells.size() - 1;
        const qsizetype padding = std::max<qsizetype>(0, widths[c] - cells[c].size());
        if (rightAligned[c])
            text.resize(text.size() + padding, QLatin1Char(' '));
        text += cells[c];
        if (!rightAligned[c] && !last)
            text.resize(text.size() + padding, QLatin1Char(' '));
        text += last ? QLatin1String("\n") : QLatin1String("  ");
    }
    return text;
}

QString TextTable::text() const
{
    QList<qsizetype> widths;
    for (const QString &h : m_headers)
        widths.append(h.size());
    for (const QStringList &row : m_rows) {
        for (int c = 0; c < row.size(); ++c)
            widths[c] = std::max(widths[c], row[c].size());
    }
    QString text = line(m_headers, m_right, widths);
    for (const QStringList &row : m_rows)
        text += line(row, m_right, widths);
    return text;
}

void TextTable::print(const CliOutput &output, const QStringList &headers, const QList<bool> &rightAligned,
                      qsizetype rowCount, const std::function<QStringList(qsizetype)> &row)
{
    QList<bool> right = rightAligned;
    right.resize(headers.size());
    QList<qsizetype> widths;
    for (const QString &h : headers)
        widths.append(h.size());
    auto cellsOf = [&](qsizetype i) {
        QStringList cells = row(i);
        cells.resize(headers.size());
        for (QString &cell : cells)
            cell = cellText(cell);
        return cells;
    };
    for (qsizetype i = 0; i < rowCount; ++i) {
        const QStringList cells = cellsOf(i);
        for (int c = 0; c < cells.size(); ++c)
            widths[c] = std::max(widths[c], cells[c].size());
    }
    output.print(line(headers, right, widths));
    for (qsizetype i = 0; i < rowCount; ++i)
        output.print(line(cellsOf(i), right, widths));
}

} // namespace hfcache

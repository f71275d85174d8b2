// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "TextTable.h"

#include "CliOutput.h"
#include "util/Parallel.h"
#include "util/PathText.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <vector>

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
    auto cellsOf = [&](qsizetype i) {
        QStringList cells = row(i);
        cells.resize(headers.size());
        for (QString &cell : cells)
            cell = cellText(cell);
        return cells;
    };
    // Rows are made on every core, a slice of them at a time: a hundred thousand lock files
    // take longer to format than to find.
    constexpr qsizetype Slice = 1024;
    const auto slices = [](qsizetype rows) { return (rows + Slice - 1) / Slice; };
    QList<qsizetype> widths;
    for (const QString &h : headers)
        widths.append(h.size());
    std::mutex merging;
    std::atomic<qsizetype> nextRow{0};
    runInParallel(0, slices(rowCount), [&] {
        QList<qsizetype> sliceWidths(headers.size(), 0);
        for (qsizetype begin; (begin = nextRow.fetch_add(Slice)) < rowCount;) {
            for (qsizetype i = begin; i < std::min(begin + Slice, rowCount); ++i) {
                const QStringList cells = cellsOf(i);
                for (int c = 0; c < cells.size(); ++c)
                    sliceWidths[c] = std::max(sliceWidths[c], cells[c].size());
            }
        }
        const std::lock_guard lock(merging);
        for (int c = 0; c < widths.size(); ++c)
            widths[c] = std::max(widths[c], sliceWidths[c]);
    });
    output.print(line(headers, right, widths));
    // Then printed in order, a block of slices at a time: only one block's lines are held.
    constexpr qsizetype Block = 16 * Slice;
    for (qsizetype blockStart = 0; blockStart < rowCount; blockStart += Block) {
        const qsizetype blockEnd = std::min(blockStart + Block, rowCount);
        std::vector<QByteArray> texts(size_t(slices(blockEnd - blockStart)));
        runInSlices(blockEnd - blockStart, Slice, [&](qsizetype begin, qsizetype end) {
            QString text;
            for (qsizetype i = blockStart + begin; i < blockStart + end; ++i)
                text += line(cellsOf(i), right, widths);
            texts[size_t(begin / Slice)] = CliOutput::terminalBytes(text);  // on every core too
        });
        for (const QByteArray &text : texts)
            output.printBytes(text);
    }
}

} // namespace hfcache

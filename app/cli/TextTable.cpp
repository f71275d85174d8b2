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

namespace {

// How wide each column is printed. A column is as wide as its widest cell, unless a few cells
// are far wider than nearly all the others (a datasets cache's 200-character hashed lock names
// among 100,000 of 35): then it is as wide as 99 % of its cells, and each longer cell pushes the
// rest of its own row right, instead of every line of the table being padded to it (and
// wrapping on every terminal). Tables of up to 100 rows are always fully aligned.
class ColumnWidths
{
public:
    explicit ColumnWidths(qsizetype columns) : m_counts(size_t(columns)), m_widest(size_t(columns), 0) {}

    void add(int column, qsizetype width)
    {
        std::vector<qsizetype> &counts = m_counts[size_t(column)];
        if (size_t(width) >= counts.size())
            counts.resize(size_t(width) + 1, 0);
        ++counts[size_t(width)];
        m_widest[size_t(column)] = std::max(m_widest[size_t(column)], width);
    }
    void add(const ColumnWidths &other)
    {
        for (size_t c = 0; c < m_counts.size(); ++c) {
            std::vector<qsizetype> &counts = m_counts[c];
            const std::vector<qsizetype> &more = other.m_counts[c];
            counts.resize(std::max(counts.size(), more.size()), 0);
            for (size_t w = 0; w < more.size(); ++w)
                counts[w] += more[w];
            m_widest[c] = std::max(m_widest[c], other.m_widest[c]);
        }
    }
    // `headers` are never overflowed.
    QList<qsizetype> widths(const QStringList &headers) const
    {
        // Cells far wider than nearly all: this much past the width that fits 99 % of them.
        constexpr qsizetype OutlierMargin = 16;
        QList<qsizetype> result;
        for (size_t c = 0; c < m_counts.size(); ++c) {
            const std::vector<qsizetype> &counts = m_counts[c];
            qsizetype cells = 0;
            for (const qsizetype n : counts)
                cells += n;
            const qsizetype mustFit = cells - (cells - 1) / 100;  // every cell of a table of up to 100 rows
            qsizetype width = 0;
            for (qsizetype fitting = 0; size_t(width) < counts.size(); ++width) {
                fitting += counts[size_t(width)];
                if (fitting >= mustFit)
                    break;
            }
            if (m_widest[c] <= width + OutlierMargin)
                width = m_widest[c];
            result.append(std::max(width, headers[int(c)].size()));
        }
        return result;
    }

private:
    std::vector<std::vector<qsizetype>> m_counts;  // per column: how many cells have each width
    std::vector<qsizetype> m_widest;
};

} // namespace

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

namespace {

// `text` in UTF-8 at the end of `out`: copied char by char while it is ASCII, as nearly every cell is.
void appendUtf8(QByteArray &out, const QString &text)
{
    const qsizetype at = out.size();
    out.resize(at + text.size());
    char *to = out.data() + at;
    for (const QChar c : text) {
        if (c.unicode() >= 0x80) {
            out.truncate(at);
            out.append(text.toUtf8());
            return;
        }
        *to++ = char(c.unicode());
    }
}

} // namespace

void TextTable::appendLine(QByteArray &out, const QStringList &cells, const QList<bool> &rightAligned, const QList<qsizetype> &widths)
{
    // Written straight into the output's bytes, padding included: a table can have a hundred
    // thousand lines. Widths count characters, as a terminal shows them.
    for (int c = 0; c < cells.size(); ++c) {
        const bool last = c == cells.size() - 1;
        const qsizetype padding = std::max<qsizetype>(0, widths[c] - cells[c].size());
        if (rightAligned[c])
            out.resize(out.size() + padding, ' ');
        appendUtf8(out, cells[c]);
        if (!rightAligned[c] && !last)
            out.resize(out.size() + padding, ' ');
        if (!last)
            out.append("  ", 2);
    }
    // Empty cells at the end of a line (no holder) leave no trailing blanks.
    qsizetype end = out.size();
    while (end > 0 && out[end - 1] == ' ')
        --end;
    out.truncate(end);
    out.append('\n');
}

QByteArray TextTable::lineOf(QStringList cells, const QList<bool> &rightAligned, const QList<qsizetype> &widths)
{
    for (QString &cell : cells)
        cell = cellText(cell);
    QByteArray line;
    appendLine(line, cells, rightAligned, widths);
    return line;
}

QString TextTable::text() const
{
    ColumnWidths columns(m_headers.size());
    for (const QStringList &row : m_rows) {
        for (int c = 0; c < row.size(); ++c)
            columns.add(c, row[c].size());
    }
    const QList<qsizetype> widths = columns.widths(m_headers);
    QByteArray text;
    appendLine(text, m_headers, m_right, widths);
    for (const QStringList &row : m_rows)
        appendLine(text, row, m_right, widths);
    return QString::fromUtf8(text);
}

void TextTable::print(const CliOutput &output, const QStringList &headers, const QList<bool> &rightAligned,
                      qsizetype rowCount, const std::function<QStringList(qsizetype)> &row, const KnownRows &known)
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
    ColumnWidths columns(headers.size());
    std::mutex merging;
    std::atomic<qsizetype> nextRow{0};
    runInParallel(0, slices(rowCount), [&] {
        ColumnWidths sliceColumns(headers.size());
        std::vector<qsizetype> rowWidths(size_t(headers.size()));
        for (qsizetype begin; (begin = nextRow.fetch_add(Slice)) < rowCount;) {
            for (qsizetype i = begin; i < std::min(begin + Slice, rowCount); ++i) {
                if (known.widths && known.widths(i, rowWidths.data())) {
                    for (int c = 0; c < headers.size(); ++c)
                        sliceColumns.add(c, rowWidths[size_t(c)]);
                    continue;
                }
                const QStringList cells = cellsOf(i);
                for (int c = 0; c < cells.size(); ++c)
                    sliceColumns.add(c, cells[c].size());
            }
        }
        const std::lock_guard lock(merging);
        columns.add(sliceColumns);
    });
    const QList<qsizetype> widths = columns.widths(headers);
    QByteArray header;
    appendLine(header, headers, right, widths);
    output.print(QString::fromUtf8(header));
    // Then printed in order, a block of slices at a time: only one block's lines are held.
    constexpr qsizetype Block = 16 * Slice;
    for (qsizetype blockStart = 0; blockStart < rowCount; blockStart += Block) {
        const qsizetype blockEnd = std::min(blockStart + Block, rowCount);
        std::vector<QByteArray> texts(size_t(slices(blockEnd - blockStart)));
        runInSlices(blockEnd - blockStart, Slice, [&](qsizetype begin, qsizetype end) {
            // Every cell is terminal text already (cellText): the lines need no second pass.
            QByteArray &text = texts[size_t(begin / Slice)];
            for (qsizetype i = blockStart + begin; i < blockStart + end; ++i) {
                if (!known.line || !known.line(i, widths, text))
                    appendLine(text, cellsOf(i), right, widths);
            }
        });
        for (const QByteArray &text : texts)
            output.printBytes(text);
    }
}

} // namespace hfcache

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace hfcache {

class CliOutput;

// A plain-text table for terminals: a header, left-aligned text and right-aligned numbers,
// two spaces between columns, no truncation (ids and hashes stay copy-pastable).
class TextTable
{
public:
    explicit TextTable(QStringList headers, QList<bool> rightAligned = {});
    void addRow(QStringList cells);
    // The lines, each ending in a newline; CliOutput prints them.
    QString text() const;

    // What a caller knows of some rows without making their cells (a hundred thousand free lock
    // files share every cell but their name).
    struct KnownRows
    {
        // Sets widths[c] to the printed width of cell c of row `i` and returns true, or returns
        // false: then the row's cells are made to measure them.
        std::function<bool(qsizetype i, qsizetype *widths)> widths;
        // Appends row `i`'s line, what lineOf(row(i), ...) is, to `out` and returns true, or
        // returns false: then the line is made of its cells.
        std::function<bool(qsizetype i, const QList<qsizetype> &widths, QByteArray &out)> line;
    };

    // A table too big to hold (a datasets cache lists a million downloads): `row(i)` is asked
    // twice per row, once for the column widths and once to print it, a block of lines at a time,
    // unless `known` has them; nothing but the widths and one block is kept. `row` and `known`
    // are called from several threads at once.
    static void print(const CliOutput &output, const QStringList &headers, const QList<bool> &rightAligned,
                      qsizetype rowCount, const std::function<QStringList(qsizetype)> &row, const KnownRows &known = {});
    // The width a cell holding `text` is printed with.
    static qsizetype cellWidth(const QString &text) { return cellText(text).size(); }
    // The line print() makes of `cells` in columns of `widths`, ending in a newline.
    static QByteArray lineOf(QStringList cells, const QList<bool> &rightAligned, const QList<qsizetype> &widths);

private:
    static QString cellText(QString cell);
    static void appendLine(QByteArray &out, const QStringList &cells, const QList<bool> &rightAligned, const QList<qsizetype> &widths);

    QStringList m_headers;
    QList<bool> m_right;
    QList<QStringList> m_rows;
};

} // namespace hfcache

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "HomeListing.h"
#include "HomeNode.h"

#include <QTextBrowser>

namespace hfcache {

// Everything the scan knows about the selected cache kind, item or entry, as selectable text:
// where it is and what decided that, sizes, counts, owners, the item's details, and the
// findings with what to do about them. Reads the immutable listing only, never the disk.
class HomeDetailsPane : public QTextBrowser
{
    Q_OBJECT
public:
    explicit HomeDetailsPane(QWidget *parent = nullptr);

    // Nothing selected: the whole HF_HOME.
    void showOverview(const HomeListingPtr &listing);
    void showNode(const HomeListingPtr &listing, const HomeNode &node);

private:
    class Table;
    static void addKindRows(Table &table, const HomeListing &listing, const HomeListing::Kind &kind);
    static void addItemRows(Table &table, const HomeListing::Kind &kind, qint32 group);
    static void addEntryRows(Table &table, const HomeListing &listing, const HomeListing::Kind &kind,
                             const HomeEntry &entry);
    // The findings whose path is `under` or below it (all of the kind's for an empty `under`).
    static QString findingsHtml(const KindSnapshot &kind, const QByteArray &under);
};

} // namespace hfcache

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "NodeRef.h"

#include "cache/CachedRepo.h"
#include "cache/Finding.h"

#include <QTextBrowser>

namespace hfcache {

class CacheTreeModel;

// Everything known about the selected row, as selectable text: full path, sizes, blob hash
// and link target, refs and commit, and each finding with what it means and how to fix it.
// Only reads the immutable scan values: it never touches the file system.
class DetailsPane : public QTextBrowser
{
    Q_OBJECT
public:
    explicit DetailsPane(QWidget *parent = nullptr);

    // `index` belongs to `model` (not a proxy); invalid: a summary of the whole cache.
    void showItem(const CacheTreeModel *model, const QModelIndex &index);
    void showSummary(const QByteArray &root, int repos, quint64 sizeOnDisk);

    // What is shown, with every elided path, hash and id in full.
    QString fullText() const;

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    class Table;
    // The rows of each kind of node; those of a revision and an entry return the heading.
    static void addLocalDirRows(Table &table, const CachedRepo &repo);
    static void addRepoRows(Table &table, const CachedRepo &repo);
    static QString addRevisionRows(Table &table, const CachedRepo &repo, const CachedRevision &revision);
    static QString addEntryRows(Table &table, const CachedRepo &repo, const NodeRef &ref, const SnapshotEntry *entry);
    static void addBlobRows(Table &table, const CachedRepo &repo, const CachedBlob &blob);
    static void addDownloadRecordRows(Table &table, const LocalDirRecord &record);
    // The findings shown (the first few of `total`) and a line for the rest.
    static QString findingsHtml(const Findings &shown, int total);
    // `html` with code placeholders, `labels` of its table (their width is not room for values).
    void setContent(const QString &html, const QStringList &labels);
    QString withCodes(int width) const;
    void render();
    bool stacked() const;
    int usableWidth() const;

    QString m_content;
    int m_labelWidth = 0;
    int m_renderedWidth = -1;
};

} // namespace hfcache

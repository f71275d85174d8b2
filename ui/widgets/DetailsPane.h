#pragma once

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

    static QString fixText(const FindingFix &fix);

private:
    static QString findingsHtml(const Findings &findings);
};

} // namespace hfcache

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "DetailsPane.h"

#include "CacheTreeModel.h"

#include "util/HumanFormat.h"
#include "util/PathText.h"
#include "cache/FindingCode.h"
#include "cache/FixText.h"

#include <QCoreApplication>
#include <QFontDatabase>
#include <QRegularExpression>
#include <QScrollBar>
#include <QStyle>
#include <QTextDocumentFragment>

namespace hfcache {

namespace {

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

// A path, hash or id: never broken inside, elided in the middle to the pane's width when
// shown (DetailsPane::render()), the whole text in its tooltip. Marked up as a placeholder
// holding the text; render() replaces it for the current width.
const QChar kCodeStart(0xE000);
const QChar kTitleStart(0xE002);  // the same for the heading, in its own font
const QChar kCodeEnd(0xE001);
// Between a label and its value: nothing beside each other, a new row in a narrow pane.
const QChar kRowBreak(0xE003);

QString code(const QString &text)
{
    return kCodeStart + esc(text) + kCodeEnd;
}

QString heading(const QString &text)
{
    return QStringLiteral("<h2>%1</h2>").arg(kTitleStart + esc(text) + kCodeEnd);
}

QString path(const QByteArray &raw)
{
    return code(PathText::display(raw));
}

QString sizes(quint64 onDisk, quint64 apparent)
{
    return QCoreApplication::translate("DetailsPane", "%1 on disk, %2 apparent (%L3 bytes)")
        .arg(HumanFormat::size(onDisk), HumanFormat::size(apparent))
        .arg(apparent);
}

QString when(qint64 seconds)
{
    return seconds ? HumanFormat::isoUtc(seconds) : QCoreApplication::translate("DetailsPane", "unknown");
}

QString linkStateText(SnapshotEntry::LinkState state)
{
    switch (state) {
    case SnapshotEntry::LinkState::None: return {};
    case SnapshotEntry::LinkState::Blob: return QCoreApplication::translate("DetailsPane", "link to a blob of this repo");
    case SnapshotEntry::LinkState::AbsoluteBlob:
        return QCoreApplication::translate("DetailsPane", "absolute link to a blob (huggingface_hub 0.13.0-0.13.1)");
    case SnapshotEntry::LinkState::InRepoFile:
        return QCoreApplication::translate("DetailsPane", "link to another file of this repo");
    case SnapshotEntry::LinkState::Broken: return QCoreApplication::translate("DetailsPane", "broken: the target does not exist");
    case SnapshotEntry::LinkState::Outside:
        return QCoreApplication::translate("DetailsPane", "leaves the repo folder (not followed, not counted)");
    case SnapshotEntry::LinkState::Loop: return QCoreApplication::translate("DetailsPane", "a loop of links");
    case SnapshotEntry::LinkState::Unchecked:
        return QCoreApplication::translate("DetailsPane", "unknown: blobs/ cannot be searched (a permission problem)");
    }
    return {};
}


} // namespace

// Rows of a two-column table: label, value (already HTML).
class DetailsPane::Table
{
public:
    void add(const QString &label, const QString &valueHtml)
    {
        m_labels << label;
        m_html += QStringLiteral("<tr><td style='padding-right:12px; white-space:nowrap; color:#8a8f96'>"
                                 "%1</td>%2<td>%3</td></tr>")
                      .arg(esc(label), kRowBreak, valueHtml);
    }
    QString html() const { return QStringLiteral("<table cellspacing='2'>%1</table>").arg(m_html); }
    const QStringList &labels() const { return m_labels; }

private:
    QString m_html;
    QStringList m_labels;
};

DetailsPane::DetailsPane(QWidget *parent)
    : QTextBrowser(parent)
{
    setAccessibleName(tr("Details"));
    setOpenLinks(false);
    setPlaceholderText(tr("Select a repo, revision or file to see its details."));
    // Lines break between words only: a path or hash is elided instead (render()).
    setWordWrapMode(QTextOption::WordWrap);
}

void DetailsPane::setContent(const QString &html, const QStringList &labels)
{
    m_content = html;
    m_labelWidth = 0;
    for (const QString &label : labels)
        m_labelWidth = std::max(m_labelWidth, fontMetrics().horizontalAdvance(label));
    m_renderedWidth = -1;
    render();
}

QString DetailsPane::withCodes(int width) const
{
    const QFontMetrics code(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    QFont titleFont = font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.5);  // <h2>
    titleFont.setBold(true);
    const QFontMetrics title(titleFont);
    static const QRegularExpression start(QStringLiteral("[\uE000\uE002]"));
    QString html;
    qsizetype from = 0;
    for (qsizetype at = m_content.indexOf(start); at >= 0; at = m_content.indexOf(start, from)) {
        const qsizetype end = m_content.indexOf(kCodeEnd, at);
        const bool isCode = m_content.at(at) == kCodeStart;
        html += m_content.mid(from, at - from);
        const QString escaped = m_content.mid(at + 1, end - at - 1);
        const QString text = QTextDocumentFragment::fromHtml(escaped).toPlainText();
        // The heading spans the label column too.
        const QString shown = isCode ? code.elidedText(text, Qt::ElideMiddle, width)
                                     : title.elidedText(text, Qt::ElideMiddle,
                                                        width + (m_labelWidth && !stacked() ? m_labelWidth + 16 : 0));
        const QString tag = isCode ? QStringLiteral("code") : QStringLiteral("span");
        html += shown == text ? QStringLiteral("<%1>%2</%1>").arg(tag, escaped)
                              : QStringLiteral("<%1 title=\"%2\">%3</%1>").arg(tag, escaped, esc(shown));
        from = end + 1;
    }
    html += m_content.mid(from);
    return html.replace(kRowBreak, stacked() ? QStringLiteral("</tr><tr>") : QString());
}

int DetailsPane::usableWidth() const
{
    // As if the vertical scroll bar were shown: the width must not depend on the text it lays out.
    return viewport()->width() - (verticalScrollBar()->isVisible() ? 0 : style()->pixelMetric(QStyle::PM_ScrollBarExtent));
}

bool DetailsPane::stacked() const
{
    // Labels beside values would leave the values a sliver: each label goes above its value.
    return usableWidth() < 2 * m_labelWidth + 80;
}

void DetailsPane::render()
{
    // Room for a value: the pane less its margins, the label column and the cell spacing.
    const int margins = 2 * int(document()->documentMargin()) + 24;
    const int width = std::max(80, usableWidth() - margins - (m_labelWidth && !stacked() ? m_labelWidth + 16 : 0));
    if (width == m_renderedWidth)
        return;
    m_renderedWidth = width;
    const int scroll = verticalScrollBar()->value();
    setHtml(withCodes(width));
    verticalScrollBar()->setValue(scroll);
}

void DetailsPane::resizeEvent(QResizeEvent *event)
{
    QTextBrowser::resizeEvent(event);
    if (!m_content.isEmpty())
        render();
}

QString DetailsPane::findingsHtml(const Findings &findings, int total)
{
    if (findings.isEmpty()) {
        return QStringLiteral("<p><img src=':/icons/status-ok.svg' width='16' height='16'> %1</p>")
            .arg(esc(tr("No problems found.")));
    }
    QString html = QStringLiteral("<h3>%1</h3>").arg(esc(tr("Findings (%1)").arg(total)));
    for (const Finding &finding : findings) {
        const QString icon = finding.severity == Severity::Error     ? QStringLiteral("status-error")
                             : finding.severity == Severity::Warning ? QStringLiteral("status-warning")
                                                                     : QStringLiteral("status-info");
        html += QStringLiteral("<p><img src=':/icons/%1.svg' width='16' height='16'> <b>%2</b> "
                               "%3<br>%4<br>%5<br><i>%6</i></p>")
                    .arg(icon, esc(severityName(finding.severity)), code(findingCodeName(finding.code)), esc(finding.message),
                         path(finding.path),
                         esc(finding.fix.isEmpty() ? tr("No automatic fix: look at the path and decide.")
                                                   : tr("Fix: %1").arg(FixText::prose(finding.fix))));
    }
    if (total > findings.size())
        html += QStringLiteral("<p><i>%1</i></p>")
                    .arg(esc(tr("%n more not listed here: “hfcache scan --json” lists them all.", nullptr,
                                int(total - findings.size()))));
    return html;
}

void DetailsPane::showSummary(const QByteArray &root, int repos, quint64 sizeOnDisk)
{
    Table table;
    table.add(tr("Cache root"), path(root));
    table.add(tr("Repos"), QString::number(repos));
    table.add(tr("Size on disk"), esc(HumanFormat::size(sizeOnDisk)));
    setContent(heading(tr("Hugging Face cache")) + table.html(), table.labels());
}

void DetailsPane::showItem(const CacheTreeModel *model, const QModelIndex &index)
{
    const CachedRepoPtr repo = model->repoAt(index);
    if (!repo) {
        m_content.clear();
        clear();
        return;
    }
    const NodeRef ref = model->nodeRef(index);
    Table table;
    QString title;
    table.add(tr("Path"), path(model->absolutePath(index)));
    table.add(tr("Size"), esc(sizes(model->sizeOnDiskAt(index), model->apparentSizeAt(index))));
    switch (ref.kind) {
    case NodeRef::Kind::Repo:
        title = repo->repoId;
        if (repo->isLocalDir)
            addLocalDirRows(table, *repo);
        else
            addRepoRows(table, *repo);
        break;
    case NodeRef::Kind::Revision:
        title = addRevisionRows(table, *repo, *model->revisionAt(index));
        break;
    case NodeRef::Kind::Folder:
    case NodeRef::Kind::File:
        title = addEntryRows(table, *repo, ref, model->entryAt(index));
        break;
    case NodeRef::Kind::None:
        break;
    }
    // A revision with 50,000 broken links has 50,000 findings: laying them all out took a
    // minute and most of a gigabyte, for a list nobody reads past the first screens.
    constexpr int MaxFindingsShown = 100;
    setContent(heading(title) + table.html()
                   + findingsHtml(model->findingsAt(index, MaxFindingsShown), model->findingCountAt(index)),
               table.labels());
}

void DetailsPane::addLocalDirRows(Table &table, const CachedRepo &repo)
{
    table.add(tr("Kind"), esc(tr("local_dir download folder (written by “hf download --local-dir”): plain "
                                 "files; the repo id and type are not recorded")));
    table.add(tr("Files"), QString::number(repo.nbFiles));
    table.add(tr("Download records"), QString::number(repo.localDirRecords.size()));
    table.add(tr("Lock files"), QString::number(repo.locks.size()));
    table.add(tr("Last accessed"), esc(when(repo.lastAccessed)));
    table.add(tr("Last modified"), esc(when(repo.lastModified)));
}

void DetailsPane::addRepoRows(Table &table, const CachedRepo &repo)
{
    table.add(tr("Type"), esc(repoTypeName(repo.type)));
    table.add(tr("Cache id"), code(repo.cacheId()));
    table.add(tr("Folder"), path(repo.folderName));
    table.add(tr("Referenced by revisions"), esc(HumanFormat::size(repo.sizeReferenced)));
    table.add(tr("Files"), QString::number(repo.nbFiles));
    const auto orphans = std::count_if(repo.blobs.cbegin(), repo.blobs.cend(),
                                       [](const CachedBlob &b) { return b.snapshotLinks == 0; });
    table.add(tr("Blobs"), tr("%1 (%2 not used by any revision)").arg(repo.blobs.size()).arg(orphans));
    table.add(tr("Revisions"), QString::number(repo.revisions.size()));
    QStringList refs;
    for (const CachedRef &r : repo.refs) {
        refs << QStringLiteral("%1 &rarr; <code>%2</code>%3")
                    .arg(esc(r.name), esc(QString::fromLatin1(r.commit.left(12))),
                         r.valid ? QString() : esc(tr(" (not a commit hash)")));
    }
    table.add(tr("Refs"), refs.isEmpty() ? esc(tr("none")) : refs.join(QStringLiteral("<br>")));
    table.add(tr("Lock files"), QString::number(repo.locks.size()));
    table.add(tr("Last accessed"), esc(when(repo.lastAccessed)));
    table.add(tr("Last modified"), esc(when(repo.lastModified)));
}

QString DetailsPane::addRevisionRows(Table &table, const CachedRepo &repo, const CachedRevision &revision)
{
    table.add(tr("Repo"), esc(repo.isLocalDir ? repo.repoId : repo.cacheId()));
    table.add(tr("Commit"), code(QString::fromLatin1(revision.commit)));
    if (repo.isLocalDir)
        table.add(tr("Refs"), esc(tr("none: a local_dir records only the commit of each file")));
    else
        table.add(tr("Refs"), revision.refs.isEmpty() ? esc(tr("none (detached)")) : esc(revision.refs.join(QStringLiteral(", "))));
    table.add(tr("Files"), QString::number(revision.nbFiles));
    table.add(tr("Missing-file markers"), QString::number(revision.noExist.size()));
    table.add(tr("Tree listing"), esc(revision.hasTreeListing ? tr("yes") : tr("no")));
    table.add(tr("Last modified"), esc(when(revision.lastModified)));
    return tr("Revision %1").arg(QString::fromLatin1(revision.commit.left(12)));
}

QString DetailsPane::addEntryRows(Table &table, const CachedRepo &repo, const NodeRef &ref, const SnapshotEntry *entry)
{
    table.add(tr("Repo"), esc(repo.isLocalDir ? repo.repoId : repo.cacheId()));
    table.add(tr("Revision"), code(QString::fromLatin1(ref.commit)));
    table.add(repo.isLocalDir ? tr("In folder") : tr("In snapshot"), path(ref.path));
    if (entry && entry->kind == SnapshotEntry::Kind::Symlink) {
        table.add(tr("Link target"), path(repo.linkTarget(*entry)));
        table.add(tr("Link"), esc(linkStateText(entry->linkState)));
    }
    if (entry && entry->blobIndex >= 0 && entry->blobIndex < repo.blobs.size()) {
        addBlobRows(table, repo, repo.blobs.at(entry->blobIndex));
    } else if (const LocalDirRecord *record = repo.isLocalDir ? repo.localDirRecord(ref.path) : nullptr) {
        addDownloadRecordRows(table, *record);
    } else if (entry && entry->kind == SnapshotEntry::Kind::File) {
        table.add(tr("Stored as"), esc(repo.isLocalDir ? tr("a plain file without download metadata")
                                                       : tr("a regular file inside the snapshot (not a link)")));
    }
    return PathText::display(ref.path.mid(ref.path.lastIndexOf('/') + 1));
}

void DetailsPane::addBlobRows(Table &table, const CachedRepo &repo, const CachedBlob &blob)
{
    const QString kind = blob.kind == BlobKind::Sha256 ? tr("sha256 (LFS)")
                         : blob.kind == BlobKind::GitSha1 ? tr("git blob sha1")
                                                          : tr("unusual name");
    table.add(tr("Blob"), QStringLiteral("%1 %2").arg(code(QString::fromLatin1(blob.name)), esc(kind)));
    table.add(tr("Blob path"), path(repo.blobPath(blob)));
    table.add(tr("Used by"), tr("%n snapshot link(s)", nullptr, blob.snapshotLinks));
    table.add(tr("Modified"), esc(when(blob.stat.mtime)));
    table.add(tr("Accessed"), esc(when(blob.stat.atime)));
}

void DetailsPane::addDownloadRecordRows(Table &table, const LocalDirRecord &record)
{
    table.add(tr("Etag"), QStringLiteral("%1 %2").arg(code(QString::fromLatin1(record.etag)),
                                                      esc(record.etag.size() == 64 ? tr("sha256 (LFS)") : tr("git blob sha1"))));
    table.add(tr("Downloaded"), esc(when(qint64(record.timestamp))));
    table.add(tr("Metadata"), esc(!record.valid ? tr("not valid: huggingface_hub deletes it and fetches the file again")
                                  : record.fresh ? tr("current: huggingface_hub trusts the etag")
                                                 : tr("older than the file: huggingface_hub hashes the file again")));
}

} // namespace hfcache

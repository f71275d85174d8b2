// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "HomeDetailsPane.h"

#include "cache/FindingCode.h"
#include "cache/FixText.h"
#include "util/HumanFormat.h"
#include "util/PathText.h"

#include <QDateTime>
#include <QFile>

namespace hfcache {

namespace {

constexpr int MaxFindingsShown = 50;

QString escaped(const QString &text)
{
    return text.toHtmlEscaped();
}

QString heading(const QString &text)
{
    return QStringLiteral("<h3>%1</h3>").arg(escaped(text));
}

bool isUnder(const QByteArray &path, const QByteArray &folder)
{
    return folder.isEmpty() || path == folder || path.startsWith(folder + '/');
}

QByteArray kindRoot(const KindSnapshot &kind)
{
    return QFile::encodeName(kind.location.path);
}

QString timeText(qint64 secs)
{
    return secs ? QStringLiteral("%1 (%2)").arg(HumanFormat::isoUtc(secs),
                                                 HumanFormat::timeSince(secs, QDateTime::currentSecsSinceEpoch()))
                : QString();
}

} // namespace

// Two columns of label and value, each escaped once here.
class HomeDetailsPane::Table
{
public:
    void add(const QString &label, const QString &value)
    {
        if (value.isEmpty())
            return;
        m_html += QStringLiteral("<tr><td style=\"padding-right:12px\"><b>%1</b></td><td>%2</td></tr>")
                      .arg(escaped(label), escaped(value));
    }
    QString html() const { return QStringLiteral("<table>%1</table>").arg(m_html); }

private:
    QString m_html;
};

HomeDetailsPane::HomeDetailsPane(QWidget *parent)
    : QTextBrowser(parent)
{
    setOpenLinks(false);
    setAccessibleName(tr("Details"));
}

void HomeDetailsPane::showOverview(const HomeListingPtr &listing)
{
    if (!listing) {
        setHtml(heading(tr("Every cache under HF_HOME")) + escaped(tr("Scanning…")));
        return;
    }
    const HomeSnapshot &home = *listing->snapshot;
    int present = 0;
    int problems = 0;
    for (const HomeListing::Kind &kind : listing->kinds) {
        present += kind.snapshot->exists ? 1 : 0;
        problems += kind.problems;
    }
    Table table;
    table.add(tr("HF_HOME"), PathText::display(QFile::encodeName(home.hfHome)));
    table.add(tr("Caches"), tr("%1 of %2 present").arg(present).arg(home.kinds.size()));
    table.add(tr("Size on disk"), HumanFormat::size(home.sizeOnDisk()));
    table.add(tr("Problems"), QString::number(problems));
    table.add(tr("Scanned"), tr("%1, in %2").arg(timeText(home.scannedAtMs / 1000), HumanFormat::duration(home.durationMs)));
    setHtml(heading(tr("Every cache under HF_HOME")) + table.html()
            + QStringLiteral("<p>%1</p>").arg(escaped(tr("Select a cache to see its details, its items in the treemap, "
                                                          "its owners, lock files and problems below."))));
}

void HomeDetailsPane::showNode(const HomeListingPtr &listing, const HomeNode &node)
{
    if (!listing || !node.isValid()) {
        showOverview(listing);
        return;
    }
    const HomeListing::Kind &kind = listing->kinds[size_t(node.kind)];
    const KindSnapshot &snapshot = *kind.snapshot;
    Table table;
    QString title;
    QByteArray findingsUnder;
    switch (node.level) {
    case HomeNode::Level::Kind:
        title = kind.name;
        addKindRows(table, *listing, kind);
        break;
    case HomeNode::Level::Item:
        title = node.group >= 0 ? PathText::display(snapshot.groups[node.group].key) : tr("Entries in no item");
        addItemRows(table, kind, node.group);
        if (node.group >= 0)
            findingsUnder = kindRoot(snapshot) + '/' + snapshot.groups[node.group].key;
        break;
    case HomeNode::Level::Entry: {
        const HomeEntry &entry = snapshot.entries[node.entry];
        title = PathText::display(entry.path.mid(entry.path.lastIndexOf('/') + 1));
        addEntryRows(table, *listing, kind, entry);
        findingsUnder = kindRoot(snapshot) + '/' + entry.path;
        break;
    }
    case HomeNode::Level::None:
        break;
    }
    const bool withFindings = node.level == HomeNode::Level::Kind || !findingsUnder.isEmpty();
    setHtml(heading(title) + table.html() + (withFindings ? findingsHtml(snapshot, findingsUnder) : QString()));
}

void HomeDetailsPane::addKindRows(Table &table, const HomeListing &listing, const HomeListing::Kind &kind)
{
    const KindSnapshot &snapshot = *kind.snapshot;
    table.add(tr("Path"), PathText::display(kindRoot(snapshot)));
    table.add(tr("Decided by"), snapshot.location.source);
    if (!snapshot.sameFolderAs.isEmpty()) {
        table.add(tr("State"), tr("the same folder as the %1 cache: shown there, not read twice").arg(snapshot.sameFolderAs));
        return;
    }
    if (snapshot.pending || !snapshot.exists) {
        table.add(tr("State"), snapshot.pending ? tr("scanning…") : tr("not there"));
        return;
    }
    table.add(tr("Size on disk"), HumanFormat::size(snapshot.sizeOnDisk));
    table.add(tr("Apparent size"), HumanFormat::size(snapshot.sizeApparent));
    table.add(tr("Entries"), QString::number(snapshot.entryCount));
    table.add(tr("Items"), QString::number(snapshot.groups.size()));
    table.add(tr("Lock files"), QString::number(snapshot.lockCount));
    table.add(tr("Problems"), QString::number(kind.problems));
    table.add(tr("Owners"), kind.owners);
    table.add(tr("Folder"), QStringLiteral("%1:%2 %3").arg(listing.userName(snapshot.rootStat.uid),
                                                          listing.groupName(snapshot.rootStat.gid))
                                .arg(snapshot.rootStat.permissions(), 4, 8, QLatin1Char('0')));
    table.add(tr("Modified"), timeText(snapshot.rootStat.mtime));
    table.add(tr("Scanned in"), HumanFormat::duration(snapshot.durationMs));
}

void HomeDetailsPane::addItemRows(Table &table, const HomeListing::Kind &kind, qint32 group)
{
    const KindSnapshot &snapshot = *kind.snapshot;
    table.add(tr("Cache"), kind.name);
    table.add(tr("Entries"), QString::number(kind.entryCount(group)));
    if (group < 0)
        return;
    const HomeGroup &item = snapshot.groups[group];
    table.add(tr("Path"), PathText::display(kindRoot(snapshot) + '/' + item.key));
    table.add(tr("Type"), item.type);
    table.add(tr("Size on disk"), HumanFormat::size(item.sizeOnDisk));
    table.add(tr("Apparent size"), HumanFormat::size(item.sizeApparent));
    table.add(tr("Lock files"), QString::number(item.count(EntryRole::Lock)));
    table.add(tr("Modified"), timeText(item.lastModified));
    for (const auto &[key, value] : item.details)
        table.add(key, value);
    for (int role = 0; role < EntryRoleCount; ++role) {
        if (item.roles[size_t(role)])
            table.add(tr("%1 entries").arg(QString::fromLatin1(entryRoleName(EntryRole(role)))),
                      QString::number(item.roles[size_t(role)]));
    }
}

void HomeDetailsPane::addEntryRows(Table &table, const HomeListing &listing, const HomeListing::Kind &kind,
                                   const HomeEntry &entry)
{
    const KindSnapshot &snapshot = *kind.snapshot;
    table.add(tr("Path"), PathText::display(kindRoot(snapshot) + '/' + entry.path));
    table.add(tr("Role"), QString::fromLatin1(entryRoleName(entry.role)));
    if (entry.group >= 0)
        table.add(tr("Item"), PathText::display(snapshot.groups[entry.group].key));
    if (!entry.stat.isDirectory()) {
        table.add(tr("Size on disk"), HumanFormat::size(entry.stat.diskSize));
        table.add(tr("Apparent size"), tr("%1 (%2 bytes)").arg(HumanFormat::size(entry.stat.size)).arg(entry.stat.size));
    }
    table.add(tr("Owner"), QStringLiteral("%1:%2").arg(listing.userName(entry.stat.uid),
                                                      listing.groupName(entry.stat.gid)));
    table.add(tr("Mode"), QStringLiteral("%1").arg(entry.stat.permissions(), 4, 8, QLatin1Char('0')));
    table.add(tr("Links"), QString::number(entry.stat.nlink));
    table.add(tr("Modified"), timeText(entry.stat.mtime));
    table.add(tr("Accessed"), timeText(entry.stat.atime));
}

QString HomeDetailsPane::findingsHtml(const KindSnapshot &kind, const QByteArray &under)
{
    QString html;
    int total = 0;
    for (const Finding &finding : kind.findings) {
        if (!isUnder(finding.path, under) || ++total > MaxFindingsShown)
            continue;
        html += QStringLiteral("<li><b>%1 %2</b>: %3<br><tt>%4</tt>%5</li>")
                    .arg(escaped(severityName(finding.severity)), escaped(findingCodeName(finding.code)),
                         escaped(finding.message), escaped(PathText::display(finding.path)),
                         finding.fix.isEmpty() ? QString()
                                               : QStringLiteral("<br>%1").arg(escaped(FixText::prose(finding.fix))));
    }
    if (total == 0)
        return QStringLiteral("<p>%1</p>").arg(escaped(tr("No problems found.")));
    if (total > MaxFindingsShown)
        html += QStringLiteral("<li>%1</li>").arg(escaped(tr("… and %1 more (the Problems tab lists them all)")
                                                              .arg(total - MaxFindingsShown)));
    return QStringLiteral("<h4>%1</h4><ul>%2</ul>").arg(escaped(tr("%n problem(s) and note(s)", nullptr, total)), html);
}

} // namespace hfcache

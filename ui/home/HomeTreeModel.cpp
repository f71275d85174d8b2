// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "HomeTreeModel.h"

#include "common/ItemIcons.h"

#include "util/HumanFormat.h"
#include "util/PathText.h"

#include <QApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QPalette>
#include <QStringList>

#include <algorithm>

namespace hfcache {

namespace {

// internalId of a row names its parent: a kind row has none, an item row its kind, an entry
// row its kind and item row.
constexpr quint64 ItemTag = quint64(1) << 62;
constexpr quint64 EntryTag = quint64(2) << 62;
constexpr quint64 TagMask = quint64(3) << 62;

quint64 entryParentId(int kind, int itemRow)
{
    return EntryTag | (quint64(kind) << 32) | quint32(itemRow);
}

bool isCounted(const KindSnapshot &kind)
{
    return kind.exists && kind.sameFolderAs.isEmpty();
}

QString itemName(const HomeGroup *group)
{
    return group ? PathText::display(group->key)
                 : QCoreApplication::translate("HomeTreeModel", "(entries in no item)");
}

QString detailsText(const HomeGroup &group)
{
    QStringList parts;
    for (const auto &[key, value] : group.details)
        parts << QStringLiteral("%1=%2").arg(key, value);
    return parts.join(QStringLiteral("  "));
}

} // namespace

HomeTreeModel::HomeTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
{
}

void HomeTreeModel::setListing(const HomeListingPtr &listing)
{
    beginResetModel();
    m_listing = listing;
    m_fetchedItems.assign(listing ? listing->kinds.size() : 0, 0);
    m_fetchedEntries.clear();
    m_now = QDateTime::currentSecsSinceEpoch();
    endResetModel();
}

HomeNode HomeTreeModel::node(const QModelIndex &index) const
{
    HomeNode node;
    if (!index.isValid() || !m_listing)
        return node;
    const quint64 id = index.internalId();
    switch (id & TagMask) {
    case 0:
        node.level = HomeNode::Level::Kind;
        node.kind = index.row();
        break;
    case ItemTag:
        node.level = HomeNode::Level::Item;
        node.kind = int(id & 0xffffffffu);
        node.group = m_listing->kinds[size_t(node.kind)].items[size_t(index.row())];
        break;
    default: {
        node.level = HomeNode::Level::Entry;
        node.kind = int((id & ~TagMask) >> 32);
        const HomeListing::Kind &kind = m_listing->kinds[size_t(node.kind)];
        node.group = kind.items[size_t(id & 0xffffffffu)];
        node.entry = kind.entryAt(node.group, index.row());
        break;
    }
    }
    return node;
}

QModelIndex HomeTreeModel::kindIndex(int kind) const
{
    return index(kind, 0);
}

QModelIndex HomeTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount || row >= rowCount(parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, quintptr(0));
    const HomeNode up = node(parent);
    if (up.level == HomeNode::Level::Kind)
        return createIndex(row, column, quintptr(ItemTag | quint64(up.kind)));
    return createIndex(row, column, quintptr(entryParentId(up.kind, parent.row())));
}

QModelIndex HomeTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    const quint64 id = child.internalId();
    switch (id & TagMask) {
    case 0:
        return {};
    case ItemTag:
        return createIndex(int(id & 0xffffffffu), 0, quintptr(0));
    default:
        return createIndex(int(id & 0xffffffffu), 0, quintptr(ItemTag | ((id & ~TagMask) >> 32)));
    }
}

int HomeTreeModel::availableRows(const QModelIndex &parent) const
{
    if (!m_listing)
        return 0;
    if (!parent.isValid())
        return int(m_listing->kinds.size());
    const HomeNode up = node(parent);
    const HomeListing::Kind &kind = m_listing->kinds[size_t(up.kind)];
    if (up.level == HomeNode::Level::Kind)
        return isCounted(*kind.snapshot) ? int(kind.items.size()) : 0;
    if (up.level == HomeNode::Level::Item)
        return kind.entryCount(up.group);
    return 0;
}

int &HomeTreeModel::fetchedRows(const QModelIndex &parent) const
{
    const HomeNode up = node(parent);
    if (up.level == HomeNode::Level::Kind)
        return m_fetchedItems[size_t(up.kind)];
    return m_fetchedEntries[entryParentId(up.kind, parent.row())];
}

int HomeTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0 || !m_listing)
        return 0;
    if (!parent.isValid())
        return int(m_listing->kinds.size());
    const HomeNode up = node(parent);
    if (up.level == HomeNode::Level::Kind)
        return m_fetchedItems[size_t(up.kind)];
    if (up.level == HomeNode::Level::Item)
        return m_fetchedEntries.value(entryParentId(up.kind, parent.row()));
    return 0;
}

int HomeTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

bool HomeTreeModel::hasChildren(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return false;
    return availableRows(parent) > 0;
}

bool HomeTreeModel::canFetchMore(const QModelIndex &parent) const
{
    if (!parent.isValid() || parent.column() > 0 || node(parent).level == HomeNode::Level::Entry)
        return false;
    return fetchedRows(parent) < availableRows(parent);
}

void HomeTreeModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    const int first = fetchedRows(parent);
    const int last = std::min(availableRows(parent), first + BatchSize) - 1;
    beginInsertRows(parent, first, last);
    fetchedRows(parent) = last + 1;
    endInsertRows();
}

QVariant HomeTreeModel::data(const QModelIndex &index, int role) const
{
    const HomeNode at = node(index);
    if (!at.isValid())
        return {};
    if (role == Qt::DisplayRole && index.column() == NameColumn && at.level != HomeNode::Level::Kind)
        fetchAfterLastShown(index);
    const HomeListing::Kind &kind = m_listing->kinds[size_t(at.kind)];
    switch (at.level) {
    case HomeNode::Level::Kind:
        return kindData(kind, index.column(), role);
    case HomeNode::Level::Item:
        return itemData(kind, at.group, index.column(), role);
    case HomeNode::Level::Entry:
        return entryData(kind, index, index.column(), role);
    case HomeNode::Level::None:
        break;
    }
    return {};
}

void HomeTreeModel::fetchAfterLastShown(const QModelIndex &index) const
{
    const QModelIndex parent = index.parent();
    if (m_fetchQueued || index.row() != rowCount(parent) - 1 || !canFetchMore(parent))
        return;
    m_fetchQueued = true;
    auto *self = const_cast<HomeTreeModel *>(this);  // data() may not change the rows: the event loop does
    QMetaObject::invokeMethod(self, [self, parent = QPersistentModelIndex(parent)] {
        self->m_fetchQueued = false;
        if (parent.isValid())
            self->fetchMore(parent);
    }, Qt::QueuedConnection);
}

QVariant HomeTreeModel::kindData(const HomeListing::Kind &kind, int column, int role) const
{
    const KindSnapshot &snapshot = *kind.snapshot;
    const bool counted = isCounted(snapshot);
    if (role == Qt::ForegroundRole && !counted)
        return QApplication::palette().brush(QPalette::Disabled, QPalette::Text);
    if (role == Qt::ToolTipRole)
        return tr("%1\n%2 (decided by %3)").arg(kind.name, QDir::toNativeSeparators(snapshot.location.path),
                                                 snapshot.location.source);
    if (role == Qt::DecorationRole && column == NameColumn)
        return snapshot.location.kindId == QLatin1String("token") ? ItemIcons::file() : ItemIcons::folder();
    if (role == Qt::TextAlignmentRole && column != NameColumn && column != OwnersColumn && column != DetailsColumn
        && column != TypeColumn)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case NameColumn:
        return kind.name;
    case SizeColumn:
        return counted ? HumanFormat::size(snapshot.sizeOnDisk) : QString();
    case ProblemsColumn:
        return kind.problems ? QString::number(kind.problems) : QString();
    case OwnersColumn:
        if (!snapshot.sameFolderAs.isEmpty())
            return tr("same folder as %1").arg(snapshot.sameFolderAs);
        if (snapshot.pending)
            return tr("scanning…");
        return snapshot.exists ? kind.owners : tr("not there");
    case EntriesColumn:
        return counted ? QString::number(snapshot.entryCount) : QString();
    case LocksColumn:
        return counted ? QString::number(snapshot.lockCount) : QString();
    case TypeColumn:
        return tr("%n item(s)", nullptr, counted ? int(snapshot.groups.size()) : 0);
    case ModifiedColumn:
        return snapshot.exists ? HumanFormat::timeSince(snapshot.rootStat.mtime, m_now) : QString();
    case DetailsColumn:
        return QDir::toNativeSeparators(snapshot.location.path);
    default:
        return {};
    }
}

QVariant HomeTreeModel::itemData(const HomeListing::Kind &kind, qint32 group, int column, int role) const
{
    const HomeGroup *item = group >= 0 ? &kind.snapshot->groups[group] : nullptr;
    if (role == Qt::DecorationRole && column == NameColumn)
        return ItemIcons::folder();
    if (role == Qt::ToolTipRole && column == DetailsColumn && item)
        return detailsText(*item);
    if (role == Qt::TextAlignmentRole && (column == SizeColumn || column == EntriesColumn || column == LocksColumn))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case NameColumn:
        return itemName(item);
    case SizeColumn:
        return item ? HumanFormat::size(item->sizeOnDisk) : QString();
    case EntriesColumn:
        return QString::number(kind.entryCount(group));
    case LocksColumn:
        return item ? QString::number(item->count(EntryRole::Lock)) : QString();
    case TypeColumn:
        return item ? item->type : QString();
    case ModifiedColumn:
        return item && item->lastModified ? HumanFormat::timeSince(item->lastModified, m_now) : QString();
    case DetailsColumn:
        return item ? detailsText(*item) : QString();
    default:
        return {};
    }
}

QVariant HomeTreeModel::entryData(const HomeListing::Kind &kind, const QModelIndex &index, int column, int role) const
{
    const HomeNode at = node(index);
    const HomeEntry &entry = kind.snapshot->entries[at.entry];
    if (role == Qt::DecorationRole && column == NameColumn)
        return entry.stat.isDirectory() ? ItemIcons::folder() : ItemIcons::file();
    if (role == Qt::TextAlignmentRole && column == SizeColumn)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case NameColumn: {
        // Below its item's folder the item's own path is said once, by the item's row.
        const QByteArray key = at.group >= 0 ? kind.snapshot->groups[at.group].key : QByteArray();
        const bool below = !key.isEmpty() && entry.path.startsWith(key + '/');
        return PathText::display(below ? entry.path.mid(key.size() + 1) : entry.path);
    }
    case SizeColumn:
        return entry.stat.isDirectory() ? QString() : HumanFormat::size(entry.stat.diskSize);
    case OwnersColumn:
        return m_listing->userName(entry.stat.uid);
    case TypeColumn:
        return QString::fromLatin1(entryRoleName(entry.role));
    case ModifiedColumn:
        return HumanFormat::timeSince(entry.stat.mtime, m_now);
    case DetailsColumn:
        return QStringLiteral("%1").arg(entry.stat.permissions(), 4, 8, QLatin1Char('0'));
    default:
        return {};
    }
}

QVariant HomeTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn: return tr("Cache / item / entry");
    case SizeColumn: return tr("Size on disk");
    case ProblemsColumn: return tr("Problems");
    case OwnersColumn: return tr("Owners");
    case EntriesColumn: return tr("Entries");
    case LocksColumn: return tr("Locks");
    case TypeColumn: return tr("Type");
    case ModifiedColumn: return tr("Modified");
    case DetailsColumn: return tr("Path / details");
    default: return {};
    }
}

} // namespace hfcache

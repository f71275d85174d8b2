// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "KindFindingsModel.h"

#include "common/ItemIcons.h"

#include "cache/FindingCode.h"
#include "cache/FixText.h"
#include "util/PathText.h"

namespace hfcache {

KindFindingsModel::KindFindingsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void KindFindingsModel::setKind(const HomeListingPtr &listing, int kind)
{
    beginResetModel();
    m_kind = listing && kind >= 0 ? listing->kinds[size_t(kind)].snapshot : nullptr;
    endResetModel();
}

int KindFindingsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_kind ? 0 : int(m_kind->findings.size());
}

int KindFindingsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant KindFindingsModel::data(const QModelIndex &index, int role) const
{
    if (!m_kind || !index.isValid())
        return {};
    const Finding &finding = m_kind->findings[index.row()];
    if (role == Qt::DecorationRole && index.column() == SeverityColumn)
        return ItemIcons::severity(int(finding.severity));
    if (role == Qt::ToolTipRole && !finding.fix.isEmpty())
        return FixText::prose(finding.fix);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case SeverityColumn:
        return severityName(finding.severity);
    case CodeColumn:
        return findingCodeName(finding.code);
    case MessageColumn:
        return finding.message;
    case PathColumn:
        return PathText::display(finding.path);
    default:
        return {};
    }
}

QVariant KindFindingsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SeverityColumn: return tr("Severity");
    case CodeColumn: return tr("Code");
    case MessageColumn: return tr("What it means");
    case PathColumn: return tr("Path");
    default: return {};
    }
}

} // namespace hfcache

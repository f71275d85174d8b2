// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "ActionRegistry.h"

#include <QAction>
#include <QMenu>

namespace hfcache {

namespace {

ActionRegistry::Target targetOf(NodeRef::Kind kind)
{
    switch (kind) {
    case NodeRef::Kind::Repo: return ActionRegistry::Repo;
    case NodeRef::Kind::Revision: return ActionRegistry::Revision;
    case NodeRef::Kind::Folder: return ActionRegistry::Folder;
    case NodeRef::Kind::File: return ActionRegistry::File;
    case NodeRef::Kind::None: break;
    }
    return ActionRegistry::NoItem;
}

} // namespace

ActionRegistry::ActionRegistry(QObject *parent)
    : QObject(parent)
{
}

void ActionRegistry::add(QAction *action, Targets targets, Group group)
{
    m_entries << Entry{action, targets, group, action->toolTip()};
    update(m_entries.last());
}

QString ActionRegistry::localDirReason()
{
    return tr("Not available for a local_dir download folder: it holds plain files, without the blobs/, refs/ "
              "and snapshots/ of a hub cache that this works on");
}

bool ActionRegistry::blockedByLocalDir(const Entry &entry) const
{
    return m_localDir && !entry.targets.testFlag(LocalDir);
}

bool ActionRegistry::outOfSight(const Entry &entry) const
{
    return !m_selectionInSight && !entry.targets.testFlag(NoItem);
}

void ActionRegistry::update(const Entry &entry) const
{
    const bool blocked = blockedByLocalDir(entry);
    const bool hidden = outOfSight(entry);
    entry.action->setEnabled(applies(entry) && !blocked && !hidden);
    entry.action->setToolTip(blocked  ? localDirReason()
                             : hidden ? tr("Acts on the selection in the Hub Cache tab: switch to it first")
                                      : entry.toolTip);
}

void ActionRegistry::setSelectionInSight(bool inSight)
{
    if (inSight == m_selectionInSight)
        return;
    m_selectionInSight = inSight;
    for (const Entry &entry : m_entries)
        update(entry);
}

void ActionRegistry::setLocalDir(bool localDir)
{
    if (localDir == m_localDir)
        return;
    m_localDir = localDir;
    for (const Entry &entry : m_entries)
        update(entry);
}

QList<QAction *> ActionRegistry::actions(Group group) const
{
    QList<QAction *> list;
    for (const Entry &entry : m_entries) {
        if (entry.group == group)
            list << entry.action;
    }
    return list;
}

bool ActionRegistry::applies(const Entry &entry) const
{
    if (m_selection.isEmpty())
        return entry.targets.testFlag(NoItem);
    // An action applies when every selected item is of a kind it handles.
    return std::all_of(m_selection.cbegin(), m_selection.cend(),
                       [&](const Item &item) { return entry.targets.testFlag(targetOf(item.ref.kind)); })
           || entry.targets.testFlag(NoItem);
}

void ActionRegistry::setSelection(const QList<Item> &items)
{
    m_selection = items;
    for (const Entry &entry : m_entries)
        update(entry);
    Q_EMIT selectionChanged();
}

void ActionRegistry::populate(QMenu *menu) const
{
    // Actions a local_dir rules out stay in the menu, disabled, with the reason as tooltip.
    menu->setToolTipsVisible(true);
    for (Group group : {Group::Open, Group::Copy, Group::Manage, Group::View}) {
        bool first = true;
        for (const Entry &entry : m_entries) {
            if (entry.group != group || !applies(entry))
                continue;
            if (first && !menu->isEmpty())
                menu->addSeparator();
            first = false;
            menu->addAction(entry.action);
        }
    }
}

} // namespace hfcache

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "browser/NodeRef.h"

#include "cache/CachedRepo.h"

#include <QList>
#include <QObject>

class QAction;
class QMenu;

namespace hfcache {

// The item actions of the window (context menu, menu bar, toolbar) in one place, keyed by
// the kinds of selection they apply to. Features register their QAction once (Export...,
// Repair..., Delete, Check updates) and read `selection()` when triggered; the registry
// enables them as the selection changes and builds the context menu in group order.
class ActionRegistry : public QObject
{
    Q_OBJECT
public:
    enum Target {
        NoItem = 0x1,     // also without a selection (Refresh, Open cache folder...)
        Repo = 0x2,
        Revision = 0x4,
        Folder = 0x8,
        File = 0x10,
        AnyItem = Repo | Revision | Folder | File,
        // Also while the window shows a local_dir download folder (real files, no blobs/,
        // refs/ or snapshots/); actions without it are disabled then, their tooltip says why.
        LocalDir = 0x20,
    };
    Q_DECLARE_FLAGS(Targets, Target)

    // Context menu sections, in this order, separated.
    enum class Group { Open, Copy, Manage, View };

    struct Item
    {
        NodeRef ref;
        CachedRepoPtr repo;
        QByteArray path;  // absolute
    };

    explicit ActionRegistry(QObject *parent = nullptr);

    void add(QAction *action, Targets targets, Group group);
    QList<QAction *> actions(Group group) const;

    void setSelection(const QList<Item> &items);
    const QList<Item> &selection() const { return m_selection; }
    // The window shows a local_dir download folder instead of a hub cache.
    void setLocalDir(bool localDir);
    bool isLocalDir() const { return m_localDir; }
    static QString localDirReason();
    // Another view (the HF_HOME tab) is in front: the browser's selection is out of sight, so the
    // actions on it wait, or the Delete key or Ctrl+C there would act on hub repos nobody sees.
    void setSelectionInSight(bool inSight);

    // Fills `menu` with the actions that apply to the current selection.
    void populate(QMenu *menu) const;

Q_SIGNALS:
    void selectionChanged();

private:
    struct Entry
    {
        QAction *action;
        Targets targets;
        Group group;
        QString toolTip;  // the feature's own, shown again when the local_dir is closed
    };
    bool applies(const Entry &entry) const;
    bool blockedByLocalDir(const Entry &entry) const;
    bool outOfSight(const Entry &entry) const;
    void update(const Entry &entry) const;

    QList<Entry> m_entries;
    QList<Item> m_selection;
    bool m_localDir = false;
    bool m_selectionInSight = true;
};

} // namespace hfcache

Q_DECLARE_OPERATORS_FOR_FLAGS(hfcache::ActionRegistry::Targets)

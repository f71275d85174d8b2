// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "RepairInvoker.h"
#include "RepairPlan.h"
#include "RepairRecipe.h"
#include "RepairRun.h"

#include "home/KindLocation.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace hfcache {

// One repair of every cache kind but the hub cache (RepairRun repairs that one from doctor's
// findings), with the same recipes, split, helper and checks:
//   plan()    scans the kinds' canonical roots and plans one RepairPlan per root folder: a folder of
//             caches (HF_HOME, TORCH_HOME) for the kinds inside it -- hfcache-helper knows it by
//             the markers of the kinds in its folders -- or the kind's own root outside them. Each
//             entry's lstat decides (RepairRecipe::planEntry); lock files are the kinds' own
//             (filelock's, any mode a library left). The token and stored_tokens are never in a
//             plan: with HF_HOME's own folder, only that folder's mode is (the token trap).
//   apply()   per root, as RepairRun::apply: the helper's part, then the invoker's.
class HomeRepair
{
public:
    struct Root
    {
        QByteArray path;   // canonical
        QStringList kinds; // the kinds whose entries the plan holds, in CacheKinds order
        RepairPlan plan;
        RepairPlan helper;
        RepairPlan inProcess;
        QString refused;   // why nothing is planned here: no kind's marker names the folder

        // Rows: the helper's part, then the invoker's (how apply() numbers results).
        qsizetype rowCount() const { return helper.operations.size() + inProcess.operations.size(); }
        const RepairOperation &operation(qsizetype row) const;
        bool isHelperRow(qsizetype row) const { return row < helper.operations.size(); }
    };
    // huggingface_hub >= 1.16 (#4234): `hf auth login` and every token refresh chmod the token's
    // folder, by default HF_HOME itself, to 0700.
    struct TokenTrap
    {
        QByteArray folder;  // the token's folder when it is a folder of caches this repair covers
        quint32 mode = 0;   // its mode as scanned
        quint32 uid = 0;
        bool applies() const { return !folder.isEmpty(); }
        bool trapped() const { return applies() && (mode & 0077) == 0; }  // what _write_secret() leaves
    };

    // `homes`: the folders of caches, HF_HOME first; `locations`: the kinds to repair (the hub
    // cache's are left to RepairRun); `withHomeFolder`: HF_HOME's own folder too.
    HomeRepair(const QList<QByteArray> &homes, const QList<KindLocation> &locations, const RepairRecipe &recipe,
               const RepairInvoker &invoker, bool withHomeFolder);

    // Scans, plans, splits and checks the helper's parts as RepairRun::plan does. False and
    // *error (naming the root) when a root's plan would be refused; a root that is no Hugging
    // Face cache is left out instead (Root::refused).
    [[nodiscard]] bool plan(QString *error);
    const QList<Root> &roots() const { return m_roots; }
    const TokenTrap &tokenTrap() const { return m_tokenTrap; }
    RepairRun::Applied apply(qsizetype root, const RepairRun::ResultCallback &onResult) const;
    // Scans and plans again: the changes the recipe would still make, per root.
    QHash<QByteArray, qsizetype> remaining() const;

    // The canonical root of a kind's location (the token's: its folder).
    static QByteArray kindRoot(const KindLocation &location);

private:
    // Scans and plans every root (no authorization).
    void build();
    // The root a kind's canonical path belongs to (made when new), and the path's place in it.
    Root &rootFor(const QByteArray &kindPath, QByteArray *prefix);
    void addEntry(Root &root, const QByteArray &path, const EntryStat &stat, bool isLock) const;

    QList<QByteArray> m_homes;
    QList<KindLocation> m_locations;
    RepairRecipe m_recipe;
    RepairInvoker m_invoker;
    bool m_withHomeFolder = false;
    QList<Root> m_roots;
    TokenTrap m_tokenTrap;
};

} // namespace hfcache

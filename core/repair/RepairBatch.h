// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "HomeRepair.h"
#include "RepairRun.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace hfcache {

// A repair of one or more cache folders as one list of rows, what the window's Repair dialog
// shows and applies: a hub cache's RepairRun, or the plans `hfcache repair --home` and
// `--kind K` make (each hub cache among the locations its own RepairRun from doctor's findings,
// every other kind through one HomeRepair, one plan per folder). Rows are numbered part after
// part, each part's helper rows first (as RepairRun::apply and HomeRepair::apply number them).
// Synchronous like its parts: a GUI calls each step from a worker thread.
class RepairBatch
{
public:
    struct Part
    {
        QByteArray root;     // canonical
        QStringList kinds;   // the cache kinds the plan holds
        QString refused;     // why nothing is planned there (HomeRepair::Root::refused)
        std::shared_ptr<RepairRun> hub;  // set for a hub cache
        qsizetype homeIndex = -1;        // else its root in the HomeRepair
        qsizetype firstRow = 0;
        qsizetype rows = 0;
        qsizetype helperRows = 0;
    };
    struct PartApplied
    {
        QByteArray root;
        RepairRun::Applied applied;
        bool inProcessPlanned = false;  // the part had rows of the invoker's own
    };
    struct Rediagnosis
    {
        qsizetype remaining = -1;  // changes the recipe would still make; -1: not known
        QString error;
        bool diagnosed() const { return remaining >= 0; }
    };

    // One hub cache, planned by the caller.
    explicit RepairBatch(std::shared_ptr<RepairRun> hub);
    // The kinds at `locations` (HomeRepair's arguments; the hub caches among them get a RepairRun).
    RepairBatch(const QList<QByteArray> &homes, const QList<KindLocation> &locations, const RepairRecipe &recipe,
                const RepairInvoker &invoker, bool withHomeFolder);

    // Plans every part; false and *error as RepairRun::plan and HomeRepair::plan refuse.
    [[nodiscard]] bool plan(QString *error);

    const QList<Part> &parts() const { return m_parts; }
    // The other kinds' repair (the second constructor's).
    const HomeRepair &home() const { return *m_home; }
    qsizetype rowCount() const { return m_rowCount; }
    qsizetype helperRowCount() const;
    const Part &partOf(qsizetype row) const;
    const RepairOperation &operation(qsizetype row) const;
    bool isHelperRow(qsizetype row) const;

    // HF_HOME's token trap (huggingface_hub >= 1.16, #4234), when the share-group recipe concerns it.
    const HomeRepair::TokenTrap &tokenTrap() const;
    bool tokenTrapPlanned() const;  // HF_HOME's own folder is in a plan
    // The trap in words: what happened, who can give the group its access back, and HF_TOKEN_PATH.
    static QString tokenTrapText(const HomeRepair::TokenTrap &trap, bool planned);

    // Applies the parts in order; `onResult` gets rows as rowCount() numbers them.
    QList<PartApplied> apply(const RepairRun::ResultCallback &onResult) const;
    // What the recipe would still change: the hub caches re-diagnosed, the other kinds rescanned.
    Rediagnosis rediagnose() const;

private:
    void addPart(Part part, qsizetype rows, qsizetype helperRows);

    QList<Part> m_parts;
    qsizetype m_rowCount = 0;
    std::shared_ptr<HomeRepair> m_home;
    QList<KindLocation> m_hubLocations;
    RepairRecipe m_recipe;
    RepairInvoker m_invoker;
};

} // namespace hfcache

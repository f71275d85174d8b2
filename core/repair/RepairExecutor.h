// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "RepairAuthorization.h"
#include "RepairInvoker.h"
#include "RepairPlan.h"

#include "util/FdWalk.h"

#include <QString>

#include <atomic>
#include <functional>
#include <vector>

namespace hfcache {

// Applies a validated plan, in-process (as the user) or inside hfcache-helper (as root), with
// the same code: every entry is reached by FdWalk and changed through its fd, symlinks are only
// ever lchown'ed, hard-linked files and other file systems are refused.
class RepairExecutor
{
public:
    enum class Status { Changed, Unchanged, Failed };
    struct Result
    {
        qsizetype index = 0;
        Status status = Status::Failed;
        QString before;  // "0644", "1000:1000", ... as found at apply time
        QString after;
        QString error;   // Failed only: path and reason
    };
    struct Summary
    {
        qsizetype changed = 0;
        qsizetype unchanged = 0;
        qsizetype failed = 0;
    };
    using ResultCallback = std::function<void(const Result &)>;

    RepairExecutor(const RepairPlan &plan, const RepairInvoker &invoker,
                   RepairAuthorization::Mode mode = RepairAuthorization::Mode::Repair);

    // Checks everything before the first change: RepairPlan::validate, the root is a Hugging Face
    // cache and, run as root, RepairAuthorization (a cache the invoker may have repaired, reached
    // safely), and every path can be reached and holds an entry the operation may touch (as root:
    // that the invoker may have changed; as a user the kernel decides).
    // Changes nothing; remembers which inode each path was (and which need no change at all).
    [[nodiscard]] bool preflight(QString *error);
    // Applies every operation, reporting each result. Each entry is opened again and must still
    // be the inode preflight checked (else it was swapped meanwhile and is left alone); the
    // checks are repeated on the fd that is changed. Call only after preflight() succeeded.
    Summary apply(const ResultCallback &onResult, const std::atomic_bool *cancel = nullptr);
    // Result::before/after cost a formatting per operation; hfcache-helper reports statuses only.
    void setDescribeResults(bool describe) { m_describe = describe; }

    static QString statusName(Status status);
    // Whether a system.posix_acl_default value already gives `gid` rwx (entry and mask).
    static bool defaultAclGrants(const QByteArray &xattr, quint32 gid);

private:
    // What preflight saw at one path (operations on one path are consecutive: one per run).
    struct Checked
    {
        FdWalk::Stat stat;
        bool noOp = false;  // every operation on the path is already true: nothing to open
    };

    // Reaches op.path into m_entry (consecutive operations on one path share the fd, re-stat'ed)
    // and makes sure it is still the inode preflight checked.
    [[nodiscard]] bool reach(const RepairOperation &op, const Checked &checked, QString *why);
    [[nodiscard]] bool checkEntry(const RepairOperation &op, const FdWalk::Stat &st, QString *why) const;
    static bool isNoOp(const RepairOperation &op, const FdWalk::Stat &st);
    void describe(const RepairOperation &op, const FdWalk::Stat &st, Result *result) const;
    [[nodiscard]] bool checkOperation(const RepairOperation &op, const FdWalk::Stat &st, QString *why) const;
    Result applyOne(qsizetype index, const Checked &checked);
    [[nodiscard]] bool changeMode(const FdWalk::Entry &entry, quint32 mode, QString *error) const;
    bool setDefaultAcl(const FdWalk::Entry &entry, quint32 gid, Result *result) const;
    bool removeIncomplete(const RepairOperation &op, const Checked &checked, Result *result);
    [[nodiscard]] bool unlinkChecked(const FdWalk::Entry &entry, QString *why) const;

    const RepairPlan &m_plan;
    RepairInvoker m_invoker;
    RepairAuthorization m_authorization;
    bool m_privileged = false;  // root acting: the authorization decides, not the kernel
    FdWalk m_walk;
    FdWalk::Entry m_entry;
    QByteArray m_entryPath;
    std::vector<Checked> m_checked;
    bool m_preflighted = false;
    bool m_describe = true;
};

} // namespace hfcache

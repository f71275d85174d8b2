// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "RepairInvoker.h"
#include "RepairOperation.h"
#include "RepairPlan.h"

#include "util/FdWalk.h"

#include <QString>

#include <functional>

namespace hfcache {

// Whether the invoking user may have a plan applied for them by root: hfcache-helper's policy,
// also applied by `hfcache repair` run as root for SUDO_UID/PKEXEC_UID (README "Security model").
// RepairPlan::validate decides what an operation may set (ids, modes); this decides which cache
// and which entries a user may ask root to change at all, from who owns them.
//
//   Cache    huggingface_hub's own marker (its CACHEDIR.TAG text, or a repo folder with blobs/,
//            refs/ or snapshots/) or another kind's (KindMarkers), in the root or in a folder
//            directly in it (HF_HOME, TORCH_HOME), and ownership: the root is the invoker's ("own cache"), or it is
//            a shared cache of the plan's group G (root's group G, 2770 at least, owned by root or a
//            member, the invoker a member). Never sticky or world-writable.
//   The way  every folder from / to the root is root's or the invoker's (G's in a shared cache)
//            and nobody else can write to it, unless it is sticky (nobody can then rename what
//            they do not own): no one else can swap what the path names.
//   Entries  the root itself only in an own cache; in a shared cache only entries of root, the
//            invoker or a member of G. Taking ownership (chown of someone else's entry to the
//            invoker), or touching someone else's entry the invoker cannot read now, needs
//            Mode::TakeOwnership (its own polkit action, always an administrator's password);
//            in a shared cache it takes only lock files and folders under .locks/.
// A root invoker (root's own repair) is not restricted beyond the marker. Enforced where root
// acts for someone (RepairExecutor run as root); the CLI also checks a plan's root part before
// showing it. A user's own in-process changes need only the marker: the kernel judges them.
class RepairAuthorization
{
public:
    enum class Mode {
        Repair,         // io.github.hfcache.repair
        TakeOwnership,  // io.github.hfcache.repair.take-ownership (hfcache-helper --take-ownership)
    };
    static constexpr const char *kTakeOwnershipArgument = "--take-ownership";

    RepairAuthorization(const RepairPlan &plan, const RepairInvoker &invoker, Mode mode);

    // The root `walk` has open (openRoot() done): marker, owner, and the folders on the way.
    [[nodiscard]] bool authorizeRoot(const FdWalk &walk, QString *error);
    // The marker alone: what an unprivileged in-process repair checks (the kernel does the rest).
    // A Hugging Face cache: the hub cache's tag or repo folders, another kind's markers
    // (KindMarkers), or either in a folder directly in the root (HF_HOME, TORCH_HOME).
    [[nodiscard]] bool isHuggingFaceCache(int rootFd, QString *error) const;
    // One operation on an entry that is `st` now (after authorizeRoot).
    [[nodiscard]] bool authorizeEntry(const RepairOperation &op, const FdWalk::Stat &st, QString *error) const;
    // Every operation, on what the scan saw (RepairOperation::before): refusing a plan before it
    // is shown, as the helper would refuse it (after authorizeRoot).
    [[nodiscard]] bool authorizeScanned(QString *error) const;

    // The mode a plan needs, from what the scan saw of its entries (RepairOperation::before): the
    // client asks polkit for the take-ownership action only when this says so.
    static Mode requiredMode(const RepairPlan &plan, const RepairInvoker &invoker);
    static QString modeName(Mode mode);

private:
    // huggingface_hub's CACHEDIR.TAG text or a repo folder with blobs/, refs/ or snapshots/ in
    // `dirFd`; *listed false when the folder could not be listed.
    static bool holdsHubMarker(int dirFd, bool *listed);
    // Calls visit(name, O_PATH fd) for each folder directly in `dirFd` (never a link) until it
    // returns false; false when the folder cannot be listed.
    static bool forEachFolder(int dirFd, const std::function<bool(const char *name, int folderFd)> &visit);
    // Whether an operation on an entry of `uid` with permissions `mode` needs Mode::TakeOwnership.
    static bool takesOwnership(const RepairOperation &op, const RepairInvoker &invoker, quint32 uid, quint32 gid,
                               quint32 mode);
    static bool canRead(const RepairInvoker &invoker, quint32 uid, quint32 gid, quint32 mode);
    bool isTrusted(quint32 uid) const;  // root, the invoker, or (shared cache) a member of the group

    const RepairPlan &m_plan;
    const RepairInvoker &m_invoker;
    Mode m_mode;
    bool m_ownCache = false;  // the root is the invoker's (else a shared cache of m_plan.sharedGroup)
};

} // namespace hfcache

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "HomeListing.h"

#include "audit/UserIdentity.h"
#include "home/CacheKinds.h"
#include "util/HumanFormat.h"

#include <QCoreApplication>
#include <QStringList>

#include <algorithm>

namespace hfcache {

namespace {

constexpr int MaxOwnersNamed = 3;

QString ownersText(const KindSnapshot &kind)
{
    return kind.ownersText(MaxOwnersNamed, QCoreApplication::translate("HomeListing", "+%1 more"));
}

HomeListing::Kind listKind(const KindSnapshotPtr &snapshot)
{
    HomeListing::Kind kind;
    kind.snapshot = snapshot;
    const CacheKind *cacheKind = CacheKinds::find(snapshot->location.kindId);
    kind.name = cacheKind ? cacheKind->displayName() : snapshot->location.kindId;
    kind.owners = ownersText(*snapshot);
    kind.problems = snapshot->problemCount();

    const auto &groups = snapshot->groups;
    kind.items.resize(size_t(groups.size()));
    for (qint32 i = 0; i < qint32(groups.size()); ++i)
        kind.items[size_t(i)] = i;
    std::sort(kind.items.begin(), kind.items.end(), [&groups](qint32 a, qint32 b) {
        const HomeGroup &ga = groups[a];
        const HomeGroup &gb = groups[b];
        return ga.sizeOnDisk != gb.sizeOnDisk ? ga.sizeOnDisk > gb.sizeOnDisk : ga.key < gb.key;
    });

    // Counting sort of the entries by item: entries are in path order, so each item's stay so.
    const size_t noItemSlot = size_t(groups.size());
    kind.entryStart.assign(noItemSlot + 2, 0);
    const auto slotOf = [noItemSlot](const HomeEntry &entry) {
        return entry.group < 0 ? noItemSlot : size_t(entry.group);
    };
    for (const HomeEntry &entry : snapshot->entries)
        ++kind.entryStart[slotOf(entry) + 1];
    for (size_t slot = 1; slot < kind.entryStart.size(); ++slot)
        kind.entryStart[slot] += kind.entryStart[slot - 1];
    kind.entries.resize(size_t(snapshot->entries.size()));
    std::vector<qint32> next(kind.entryStart.begin(), kind.entryStart.end() - 1);
    for (qint32 i = 0; i < qint32(snapshot->entries.size()); ++i) {
        const HomeEntry &entry = snapshot->entries[i];
        kind.entries[size_t(next[slotOf(entry)]++)] = i;
        if (entry.role == EntryRole::Lock)
            kind.locks.push_back(i);
    }
    if (kind.entryCount(HomeListing::NoItem) > 0)
        kind.items.push_back(HomeListing::NoItem);
    return kind;
}

} // namespace

int HomeListing::Kind::entryCount(qint32 group) const
{
    const size_t slot = group < 0 ? entryStart.size() - 2 : size_t(group);
    return entryStart[slot + 1] - entryStart[slot];
}

qint32 HomeListing::Kind::entryAt(qint32 group, int row) const
{
    const size_t slot = group < 0 ? entryStart.size() - 2 : size_t(group);
    return entries[size_t(entryStart[slot] + row)];
}

QString HomeListing::userName(quint32 uid) const
{
    return users.value(uid, QStringLiteral("uid %1").arg(uid));
}

QString HomeListing::groupName(quint32 gid) const
{
    return groups.value(gid, QStringLiteral("gid %1").arg(gid));
}

std::shared_ptr<const HomeListing> HomeListing::build(const HomeSnapshotPtr &snapshot, const HomeListing *previous)
{
    auto listing = std::make_shared<HomeListing>();
    listing->snapshot = snapshot;
    listing->kinds.reserve(size_t(snapshot->kinds.size()));
    if (previous) {
        listing->users = previous->users;
        listing->groups = previous->groups;
    }
    const auto addOwner = [&listing](const EntryStat &stat) {
        if (!listing->users.contains(stat.uid))
            listing->users.insert(stat.uid, UserIdentity::userName(stat.uid));
        if (!listing->groups.contains(stat.gid))
            listing->groups.insert(stat.gid, UserIdentity::groupName(stat.gid));
    };
    for (const KindSnapshotPtr &kind : snapshot->kinds) {
        const auto listed = previous ? std::find_if(previous->kinds.cbegin(), previous->kinds.cend(),
                                                    [&kind](const Kind &k) { return k.snapshot == kind; })
                                     : std::vector<Kind>::const_iterator();
        if (previous && listed != previous->kinds.cend()) {
            listing->kinds.push_back(*listed);  // its owners are in the copied names already
            continue;
        }
        listing->kinds.push_back(listKind(kind));
        if (kind->exists)
            addOwner(kind->rootStat);
        for (const HomeEntry &entry : kind->entries)
            addOwner(entry.stat);
    }
    return listing;
}

} // namespace hfcache

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "HomeCleanPlanner.h"

#include "InUseChecker.h"
#include "LockProbe.h"
#include "MaintainLog.h"
#include "home/CacheKinds.h"
#include "home/KindSnapshot.h"
#include "util/FdWalk.h"
#include "util/HumanFormat.h"
#include "util/PathText.h"

#include <QDateTime>
#include <QFile>
#include <QSet>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <numeric>

namespace hfcache {

namespace {

const QByteArray Incomplete = QByteArrayLiteral(".incomplete");
const QString LegacyKinds[] = {QStringLiteral("sentence_transformers"), QStringLiteral("transformers_legacy")};

// One thing a user can name: the entries it deletes, and what tells that a job still runs in it.
struct Candidate
{
    QString label;
    QString reason;
    QList<qsizetype> entries;   // into KindSnapshot::entries
    QList<QByteArray> paths;    // what the plan shows
    QByteArray lockPath;        // a lock a running job holds: kept when held, held by us while its files go
    bool partial = false;       // an entry in use stays alone (else the whole candidate stays)
    bool quiet = false;         // kept while modified within QuietSeconds (no lock tells whether it runs)
};

QString kindName(const QString &id)
{
    const CacheKind *kind = CacheKinds::find(id);
    return kind ? kind->displayName() : id;
}

// Whether a process that writes xet_<time>_<pid>.log still runs (hf_xet keeps those logs too,
// logging/init.rs). A reused pid keeps a log longer: the safe side.
bool xetLogWriterRuns(const QByteArray &name)
{
    const qsizetype underscore = name.lastIndexOf('_');
    bool ok = false;
    const qint64 pid = underscore < 0 ? 0 : name.mid(underscore + 1).chopped(4).toLongLong(&ok);
    return ok && pid > 0 && (::kill(pid_t(pid), 0) == 0 || errno == EPERM);
}

// Caches hfcache never cleans item by item: false with the reason.
bool deletable(const QString &kindId, QString *error)
{
    if (kindId == QLatin1String("hub")) {
        *error = QStringLiteral("the hub cache is cleaned with 'hfcache rm' and 'hfcache prune', which know its "
                                "blob locks and revisions");
        return false;
    }
    if (kindId == QLatin1String("token")) {
        *error = QStringLiteral("hfcache never deletes the token ('hf auth logout' does)");
        return false;
    }
    return true;
}

} // namespace

// The candidates of one cache root, then its DeletePlan.
class HomeCleanPlanner::KindPlan
{
public:
    KindPlan(const KindSnapshot &kind, const Options &options) : m_kind(kind), m_options(options)
    {
        for (qsizetype i = 0; i < kind.entries.size(); ++i) {
            if (kind.entries[i].group >= 0)
                m_groupEntries[kind.entries[i].group].append(i);
        }
    }

    const KindSnapshot &kind() const { return m_kind; }
    const QString &id() const { return m_kind.location.kindId; }
    bool isEmpty() const { return m_candidates.isEmpty() && m_kept.isEmpty(); }

    const HomeEntry *entry(const QByteArray &path) const
    {
        const qsizetype i = indexOf(path);
        return i < 0 ? nullptr : &m_kind.entries[i];
    }

    // `path` and everything below it.
    QList<qsizetype> below(const QByteArray &path) const
    {
        QList<qsizetype> found;
        if (const qsizetype self = indexOf(path); self >= 0)
            found.append(self);
        const QByteArray prefix = path + '/';
        auto it = std::lower_bound(m_kind.entries.cbegin(), m_kind.entries.cend(), prefix,
                                   [](const HomeEntry &e, const QByteArray &p) { return e.path < p; });
        for (; it != m_kind.entries.cend() && it->path.startsWith(prefix); ++it)
            found.append(it - m_kind.entries.cbegin());
        return found;
    }

    QList<qsizetype> ofGroup(qint32 group) const { return m_groupEntries.value(group); }

    // The groups (items) of `type`, by index.
    QList<qint32> groupsOfType(const QString &type) const
    {
        QList<qint32> found;
        for (qint32 i = 0; i < qint32(m_kind.groups.size()); ++i) {
            if (m_kind.groups[i].type == type)
                found.append(i);
        }
        return found;
    }

    // A group as one candidate, with the lock its library holds while it works in it.
    Candidate groupCandidate(qint32 index, const QString &what) const
    {
        const HomeGroup &group = m_kind.groups[index];
        Candidate c;
        c.label = QStringLiteral("%1 %2").arg(what, PathText::display(group.key));
        c.entries = ofGroup(index);
        c.paths = {group.key};
        c.lockPath = runningLockOf(group);
        return c;
    }

    // datasets takes <fp>_builder.lock for download_and_prepare (builder.py:837-840) and
    // <download>.lock while it downloads (file_utils.py:333-410): held means it runs.
    QByteArray runningLockOf(const HomeGroup &group) const
    {
        if (id() != QLatin1String("datasets"))
            return {};
        QByteArray lock;
        if (group.type == QLatin1String("incomplete"))
            lock = group.key.chopped(Incomplete.size()) + "_builder.lock";
        else if (group.type == QLatin1String("builder"))
            lock = group.key + "_builder.lock";
        else if (group.type == QLatin1String("download"))
            lock = group.key + ".lock";
        const HomeEntry *e = lock.isEmpty() ? nullptr : entry(lock);
        return e && e->stat.isRegularFile() ? lock : QByteArray();
    }

    void add(Candidate candidate)
    {
        QList<qsizetype> fresh;
        for (const qsizetype i : std::as_const(candidate.entries)) {
            if (!m_taken.contains(i)) {
                m_taken.insert(i);
                fresh.append(i);
            }
        }
        candidate.entries = fresh;
        if (!fresh.isEmpty())
            m_candidates.append(std::move(candidate));
    }

    void keep(const QByteArray &path, const QString &reason) { m_kept.append({path, reason}); }

    DeletePlan build() const;

private:
    qsizetype indexOf(const QByteArray &path) const
    {
        auto it = std::lower_bound(m_kind.entries.cbegin(), m_kind.entries.cend(), path,
                                   [](const HomeEntry &e, const QByteArray &p) { return e.path < p; });
        return it != m_kind.entries.cend() && it->path == path ? it - m_kind.entries.cbegin() : -1;
    }
    static FileKey keyOf(const HomeEntry &e) { return {e.stat.device, e.stat.inode}; }
    bool isLockFile(const HomeEntry &e) const { return e.role == EntryRole::Lock && e.stat.isRegularFile(); }
    bool isContent(const HomeEntry &e) const { return !isLockFile(e) && e.stat.isRegularFile(); }
    // Why the candidate must stay as a whole now; empty when it may go.
    QString runningReason(const Candidate &c, const InUseAnswer &answer, const QHash<QByteArray, QString> &lockStates,
                          qint64 now) const;
    void addItem(DeletePlan &plan, const Candidate &c, const QList<qsizetype> &entries) const;

    const KindSnapshot &m_kind;
    const Options &m_options;
    QHash<qint32, QList<qsizetype>> m_groupEntries;
    QSet<qsizetype> m_taken;  // an entry two candidates name goes with the first
    QList<Candidate> m_candidates;
    QList<DeleteNote> m_kept;
};

QString HomeCleanPlanner::KindPlan::runningReason(const Candidate &c, const InUseAnswer &answer,
                                                  const QHash<QByteArray, QString> &lockStates, qint64 now) const
{
    if (!c.lockPath.isEmpty() && lockStates.contains(c.lockPath))
        return lockStates.value(c.lockPath);
    if (c.partial)
        return {};
    for (const qsizetype i : c.entries) {
        const HomeEntry &e = m_kind.entries[i];
        if (answer.users.contains(keyOf(e)) && !e.stat.isDirectory())
            return QStringLiteral("%1 %2").arg(PathText::display(e.path), answer.users.value(keyOf(e)));
    }
    if (c.quiet) {
        qint64 newest = 0;
        for (const qsizetype i : c.entries)
            newest = std::max(newest, m_kind.entries[i].stat.mtime);
        if (now - newest < QuietSeconds)
            return QStringLiteral("modified %1 ago: a running upload or map() may still write it")
                .arg(HumanFormat::duration((now - newest) * 1000));
    }
    return {};
}

void HomeCleanPlanner::KindPlan::addItem(DeletePlan &plan, const Candidate &c, const QList<qsizetype> &entries) const
{
    DeleteItem item;
    item.kind = DeleteItem::Kind::Cleanup;
    item.cacheId = c.label;
    item.reason = c.reason;
    item.paths = c.paths;
    QList<qsizetype> files, folders;
    for (const qsizetype i : entries)
        (m_kind.entries[i].stat.isDirectory() ? folders : files).append(i);
    const auto byPath = [this](qsizetype a, qsizetype b) { return m_kind.entries[a].path < m_kind.entries[b].path; };
    std::sort(files.begin(), files.end(), byPath);
    // Deepest first: a folder's path is a prefix of its children's, so they sort after it.
    std::sort(folders.begin(), folders.end(), [&byPath](qsizetype a, qsizetype b) { return byPath(b, a); });
    const int itemIndex = int(plan.items.size());
    for (const qsizetype i : files + folders) {
        const HomeEntry &e = m_kind.entries[i];
        DeleteOperation op;
        op.path = e.path;
        op.device = e.stat.device;
        op.inode = e.stat.inode;
        if (e.stat.isDirectory()) {
            op.kind = DeleteOperation::Kind::HomeFolder;
        } else if (isLockFile(e)) {
            op.kind = DeleteOperation::Kind::LockFile;
            op.lockPath = e.path;
            plan.addLockFile(e.stat, e.path);
        } else {
            op.kind = DeleteOperation::Kind::HomeFile;
            op.lockPath = e.path == c.lockPath ? QByteArray() : c.lockPath;
        }
        const bool content = isContent(e);
        if (content) {
            plan.contentFiles.insert(keyOf(e), e.path);
            item.contentSize += e.stat.diskSize;
        }
        if (!e.stat.isDirectory())
            ++item.files;  // lock files too: an experiment's locks are all it has
        plan.freed.append({keyOf(e), e.stat.diskSize, e.stat.size, e.stat.nlink, e.stat.isDirectory(), content, itemIndex});
        item.operations.append(op);
    }
    // The running lock goes last, while we still hold it (LockFile of a lock the executor holds).
    if (!c.lockPath.isEmpty()) {
        const auto lockOp = std::find_if(item.operations.begin(), item.operations.end(),
                                         [&c](const DeleteOperation &op) { return op.path == c.lockPath; });
        if (lockOp != item.operations.end()) {
            const DeleteOperation moved = *lockOp;
            item.operations.erase(lockOp);
            const auto firstFolder = std::find_if(item.operations.begin(), item.operations.end(), [](const DeleteOperation &op) {
                return op.kind == DeleteOperation::Kind::HomeFolder;
            });
            item.operations.insert(firstFolder, moved);
        }
    }
    plan.items.append(item);
}

DeletePlan HomeCleanPlanner::KindPlan::build() const
{
    DeletePlan plan;
    plan.root = FdWalk::canonicalPath(QFile::encodeName(m_kind.location.path));
    if (plan.root.isEmpty())
        plan.root = QFile::encodeName(m_kind.location.path);
    plan.rootDevice = m_kind.rootStat.device;
    plan.rootInode = m_kind.rootStat.inode;
    plan.kept = m_kept;

    // One question for every file of every candidate: content with its path, locks without.
    QHash<FileKey, QByteArray> asked;
    QSet<QByteArray> runningLocks;
    for (const Candidate &c : m_candidates) {
        for (const qsizetype i : c.entries) {
            const HomeEntry &e = m_kind.entries[i];
            if (isContent(e))
                asked.insert(keyOf(e), plan.root + '/' + e.path);
            else if (isLockFile(e))
                asked.insert(keyOf(e), {});
        }
        if (!c.lockPath.isEmpty()) {
            runningLocks.insert(c.lockPath);
            if (const HomeEntry *lock = entry(c.lockPath))
                asked.insert(keyOf(*lock), {});
        }
    }
    const InUseAnswer answer = m_options.inUse ? m_options.inUse->check(asked) : InUseAnswer{};

    // The locks that mark a running job: held (or open, about to be taken) means it runs.
    QHash<QByteArray, QString> lockStates;  // lock path -> why its candidate stays
    if (!runningLocks.isEmpty()) {
        FdWalk walk;
        QString error;
        const bool opened = walk.openRoot(plan.root, &error);
        for (const QByteArray &lock : std::as_const(runningLocks)) {
            QString why;
            const LockProbe::State state = opened ? LockProbe::probe(walk.rootFd(), plan.root, lock, &why)
                                                  : LockProbe::State::Refused;
            const HomeEntry *e = entry(lock);
            if (state == LockProbe::State::Held)
                lockStates.insert(lock, QStringLiteral("running: a process holds its lock %1").arg(PathText::display(lock)));
            else if (state == LockProbe::State::Refused)
                lockStates.insert(lock, opened ? why : error);
            else if (e && answer.users.contains(keyOf(*e)))
                lockStates.insert(lock, QStringLiteral("a process has its lock %1 open: %2")
                                            .arg(PathText::display(lock), answer.users.value(keyOf(*e))));
        }
    }

    const qint64 now = m_options.nowSecs > 0 ? m_options.nowSecs : QDateTime::currentSecsSinceEpoch();
    for (const Candidate &c : m_candidates) {
        if (const QString why = runningReason(c, answer, lockStates, now); !why.isEmpty()) {
            plan.kept.append({c.paths.value(0), why});
            continue;
        }
        QList<qsizetype> going;
        Candidate shown = c;
        for (const qsizetype i : c.entries) {
            const HomeEntry &e = m_kind.entries[i];
            if (!e.stat.isDirectory() && answer.users.contains(keyOf(e))) {
                plan.kept.append({e.path, answer.users.value(keyOf(e))});  // partial: it alone stays
                shown.paths.removeOne(e.path);
            } else {
                going.append(i);
            }
        }
        if (!going.isEmpty())
            addItem(plan, shown, going);
    }
    plan.fillFreed();
    qCDebug(lcMaintain) << "clean plan for" << plan.root << plan.items.size() << "items," << plan.kept.size() << "kept";
    return plan;
}

HomeCleanPlanner::HomeCleanPlanner(HomeSnapshotPtr home, Options options) : m_home(std::move(home)), m_options(options) {}

bool HomeCleanPlanner::addKind(const QString &kindId, QString *error)
{
    const CacheKind *kind = CacheKinds::find(kindId);
    if (!kind) {
        *error = QStringLiteral("unknown cache kind '%1' (one of %2)").arg(kindId, CacheKinds::idList());
        return false;
    }
    if (!deletable(kindId, error))
        return false;
    const QList<QByteArray> markers = kind->markers();
    for (const KindSnapshotPtr &snapshot : m_home->kinds) {
        if (snapshot->location.kindId != kindId || !snapshot->exists || !snapshot->sameFolderAs.isEmpty()
            || markers.isEmpty() || snapshot->entries.isEmpty())
            continue;
        // The folder must be what it claims (a --root or variable pointing at $HOME must not be emptied).
        const bool marked = std::any_of(snapshot->entries.cbegin(), snapshot->entries.cend(), [&markers](const HomeEntry &e) {
            return !e.path.contains('/') && markers.contains(e.path);
        });
        if (!marked) {
            QStringList names;
            for (const QByteArray &m : markers)
                names << PathText::display(m);
            *error = QStringLiteral("not cleaning %1: it holds none of the names the %2 always makes (%3), so it may "
                                    "not be one").arg(PathText::display(QFile::encodeName(snapshot->location.path)),
                                                       kind->displayName(), names.join(QStringLiteral(", ")));
            return false;
        }
    }
    m_kinds.append(kindId);
    return true;
}

bool HomeCleanPlanner::addDataset(const QString &name, QString *error)
{
    const QStringList parts = name.split(QLatin1Char('/'));
    if (name.isEmpty() || parts.size() > 2 || parts.contains(QString()) || parts.contains(QStringLiteral(".."))
        || parts.contains(QStringLiteral("."))) {
        *error = QStringLiteral("'%1' is not a dataset name (NAME or NAMESPACE/NAME)").arg(name);
        return false;
    }
    // builder.py:628-646: namespace___name (name alone for a dataset without namespace).
    m_datasets.append(parts.join(QStringLiteral("___")));
    return true;
}

bool HomeCleanPlanner::addItem(const QString &root, const QByteArray &key, QString *error)
{
    const auto snapshot = std::find_if(m_home->kinds.cbegin(), m_home->kinds.cend(),
                                       [&root](const KindSnapshotPtr &k) { return k->location.path == root; });
    if (snapshot == m_home->kinds.cend()) {
        *error = QStringLiteral("no cache was scanned at %1").arg(root);
        return false;
    }
    if (!deletable((*snapshot)->location.kindId, error))
        return false;
    if ((*snapshot)->indexOfGroup(key) < 0) {
        *error = QStringLiteral("%1 holds no item %2").arg(root, PathText::display(key));
        return false;
    }
    m_items[root].append(key);
    return true;
}

HomeCleanPlanner::Result HomeCleanPlanner::build() const
{
    Result result;
    QSet<QString> datasetsFound;
    for (const KindSnapshotPtr &snapshot : m_home->kinds) {
        if (!snapshot->exists || !snapshot->sameFolderAs.isEmpty())
            continue;
        KindPlan plan(*snapshot, m_options);
        const QString &id = snapshot->location.kindId;
        if (id == QLatin1String("xet"))
            planXet(plan);
        if (id == QLatin1String("datasets")) {
            planDatasets(plan);
            for (const QString &dataset : planNamedDatasets(plan))
                datasetsFound.insert(dataset);
        }
        if (id == QLatin1String("metrics") && wants(HomeCleanTarget::EvaluateFinished))
            planFinishedExperiments(plan);
        if (id == QLatin1String("torch_hub") && wants(HomeCleanTarget::Legacy))
            planTorchHubPartials(plan);
        for (const QByteArray &key : m_items.value(snapshot->location.path)) {
            Candidate c = plan.groupCandidate(snapshot->indexOfGroup(key), kindName(id));
            c.reason = QStringLiteral("chosen to be deleted");
            plan.add(c);
        }
        const bool legacyKind = std::find(std::begin(LegacyKinds), std::end(LegacyKinds), id) != std::end(LegacyKinds);
        if (m_kinds.contains(id) || (legacyKind && wants(HomeCleanTarget::Legacy)))
            planWholeKind(plan);
        if (!plan.isEmpty())
            result.plans.append(plan.build());
    }
    for (const QString &dataset : m_datasets) {
        if (!datasetsFound.contains(dataset))
            result.hints << QStringLiteral("the datasets cache holds no folder %1").arg(dataset);
    }
    return result;
}

bool HomeCleanPlanner::wants(HomeCleanTarget target) const
{
    return m_targets.contains(target);
}

// xet: the chunk cache hf_xet no longer reads, logs of ended processes, staging leftovers,
// shards over the limit.
void HomeCleanPlanner::planXet(KindPlan &plan) const
{
    const KindSnapshot &kind = plan.kind();
    if (wants(HomeCleanTarget::XetChunkCache)) {
        for (const qint32 g : plan.groupsOfType(QStringLiteral("chunk-cache"))) {
            Candidate c = plan.groupCandidate(g, QStringLiteral("xet chunk cache"));
            c.reason = QStringLiteral("hf_xet >= 1.3 never reads it");
            plan.add(c);
        }
    }
    if (wants(HomeCleanTarget::XetLogs)) {
        Candidate c;
        c.label = QStringLiteral("xet logs");
        c.partial = true;
        for (qsizetype i = 0; i < kind.entries.size(); ++i) {
            const HomeEntry &e = kind.entries[i];
            if (e.role != EntryRole::Log)
                continue;
            if (xetLogWriterRuns(e.path.mid(e.path.lastIndexOf('/') + 1))) {
                plan.keep(e.path, QStringLiteral("the process that writes it is running"));
                continue;
            }
            c.entries.append(i);
            c.paths.append(e.path);
        }
        plan.add(c);
    }
    if (wants(HomeCleanTarget::XetStaging)) {
        // Each outermost temporary entry (a session's .tmpXXXXXX folder, a writer's temp file) alone.
        for (qsizetype i = 0; i < kind.entries.size(); ++i) {
            const HomeEntry &e = kind.entries[i];
            if (e.role != EntryRole::Temporary)
                continue;
            const qsizetype slash = e.path.lastIndexOf('/');
            const HomeEntry *parent = slash < 0 ? nullptr : plan.entry(e.path.left(slash));
            if (parent && parent->role == EntryRole::Temporary)
                continue;  // inside a temporary folder: goes with it
            Candidate c;
            c.label = QStringLiteral("xet leftover %1").arg(PathText::display(e.path));
            c.entries = plan.below(e.path);
            c.paths = {e.path};
            c.quiet = true;
            c.reason = QStringLiteral("no process uses it");
            plan.add(c);
        }
    }
    if (wants(HomeCleanTarget::XetShards))
        planXetShards(plan);
}

// Each shard cache down to the limit, oldest shards first.
void HomeCleanPlanner::planXetShards(KindPlan &plan) const
{
    const KindSnapshot &kind = plan.kind();
    for (const qint32 g : plan.groupsOfType(QStringLiteral("shard-cache"))) {
        QList<qsizetype> shards;
        quint64 total = 0;
        for (const qsizetype i : plan.ofGroup(g)) {
            const HomeEntry &e = kind.entries[i];
            if (e.role == EntryRole::Data && e.stat.isRegularFile() && e.path.endsWith(".mdb")) {
                shards.append(i);
                total += e.stat.diskSize;
            }
        }
        // hf_xet evicts the oldest-created first (§1.2); mtime is when the shard was written.
        std::sort(shards.begin(), shards.end(), [&kind](qsizetype a, qsizetype b) {
            const EntryStat &x = kind.entries[a].stat, &y = kind.entries[b].stat;
            return x.mtime != y.mtime ? x.mtime < y.mtime : kind.entries[a].path < kind.entries[b].path;
        });
        Candidate c;
        c.partial = true;
        const quint64 before = total;
        for (const qsizetype i : std::as_const(shards)) {
            if (total <= m_options.shardLimit)
                break;
            c.entries.append(i);
            c.paths.append(kind.entries[i].path);
            total -= kind.entries[i].stat.diskSize;
        }
        c.label = QStringLiteral("xet shard cache %1: %2 oldest shard(s)")
                      .arg(PathText::display(kind.groups[g].key)).arg(c.entries.size());
        c.reason = QStringLiteral("%1 of shards, limit %2").arg(HumanFormat::size(before), HumanFormat::size(m_options.shardLimit));
        plan.add(c);
    }
}

// datasets: map caches, orphans, interrupted downloads and download_and_prepare runs.
void HomeCleanPlanner::planDatasets(KindPlan &plan) const
{
    const KindSnapshot &kind = plan.kind();
    if (wants(HomeCleanTarget::DatasetsMapCaches)) {
        for (const qint32 g : plan.groupsOfType(QStringLiteral("builder"))) {
            Candidate c = plan.groupCandidate(g, QStringLiteral("map caches of"));
            c.partial = true;
            c.entries.clear();
            c.paths.clear();
            for (const qsizetype i : plan.ofGroup(g)) {
                if (kind.entries[i].role == EntryRole::DerivedCache) {
                    c.entries.append(i);
                    c.paths.append(kind.entries[i].path);
                }
            }
            c.reason = QStringLiteral("datasets makes them again when map() runs");
            plan.add(c);
        }
    }
    if (wants(HomeCleanTarget::DatasetsOrphans))
        planDatasetOrphans(plan);
    if (wants(HomeCleanTarget::DatasetsIncomplete)) {
        for (const qint32 g : plan.groupsOfType(QStringLiteral("incomplete"))) {
            Candidate c = plan.groupCandidate(g, QStringLiteral("interrupted download_and_prepare"));
            // Its builder lock (in the builder's item) stays: the finished folder of the same fingerprint uses it.
            c.reason = QStringLiteral("its lock is free and no process uses it");
            plan.add(c);
        }
        for (const qint32 g : plan.groupsOfType(QStringLiteral("download"))) {
            Candidate c;
            c.lockPath = plan.runningLockOf(kind.groups[g]);
            for (const qsizetype i : plan.ofGroup(g)) {
                if (kind.entries[i].role == EntryRole::Temporary) {
                    c.entries.append(i);
                    c.paths.append(kind.entries[i].path);
                }
            }
            c.label = QStringLiteral("interrupted download %1").arg(PathText::display(kind.groups[g].key));
            c.reason = QStringLiteral("its lock is free and no process uses it");
            plan.add(c);
        }
    }
    if (wants(HomeCleanTarget::DatasetsTemporaries))
        planDatasetTemporaries(plan);
}

// arrow_dataset.py:3906: map() writes a NamedTemporaryFile beside its cache file and renames it
// when done; a killed map() leaves it. No lock tells whether one runs.
void HomeCleanPlanner::planDatasetTemporaries(KindPlan &plan) const
{
    const KindSnapshot &kind = plan.kind();
    for (const qint32 g : plan.groupsOfType(QStringLiteral("builder"))) {
        for (const qsizetype i : plan.ofGroup(g)) {
            if (kind.entries[i].role != EntryRole::Temporary)
                continue;
            Candidate c;
            c.label = QStringLiteral("map() leftover %1").arg(PathText::display(kind.entries[i].path));
            c.entries = {i};
            c.paths = {kind.entries[i].path};
            c.quiet = true;
            c.reason = QStringLiteral("no process uses it");
            plan.add(c);
        }
    }
}

// What outlived what it belonged to: extracted archives, download leftovers, builder locks.
void HomeCleanPlanner::planDatasetOrphans(KindPlan &plan) const
{
    const KindSnapshot &kind = plan.kind();
    for (const qint32 g : plan.groupsOfType(QStringLiteral("extracted"))) {
        if (!kind.groups[g].detail(QStringLiteral("archive")).isEmpty())
            continue;
        Candidate c = plan.groupCandidate(g, QStringLiteral("extracted archive"));
        c.reason = QStringLiteral("the download it came from is gone");
        plan.add(c);
    }
    for (const qint32 g : plan.groupsOfType(QStringLiteral("download"))) {
        const HomeGroup &group = kind.groups[g];
        if (group.count(EntryRole::Data) > 0 || group.count(EntryRole::Temporary) > 0)
            continue;
        Candidate c = plan.groupCandidate(g, QStringLiteral("download leftovers"));
        c.reason = QStringLiteral("its file is gone, only its metadata or lock is left");
        plan.add(c);
    }
    // builder.py:403-408: <cache dir with '/' as '_'>_<builder path with '/' as '_'>.lock
    QSet<QByteArray> expected;
    QByteArray prefix = QFile::encodeName(kind.location.path);
    prefix.replace('/', '_');
    for (const QString &type : {QStringLiteral("builder"), QStringLiteral("incomplete")}) {
        for (const qint32 g : plan.groupsOfType(type)) {
            QByteArray key = kind.groups[g].key;
            if (key.endsWith(Incomplete))
                key.chop(Incomplete.size());
            if (plan.entry(key))  // a group made only by its side locks has no folder
                expected.insert(prefix + '_' + QByteArray(key).replace('/', '_') + ".lock");
        }
    }
    Candidate c;
    c.label = QStringLiteral("lock files of deleted builder folders");
    c.partial = true;
    c.reason = QStringLiteral("their builder folder is gone");
    for (qsizetype i = 0; i < kind.entries.size(); ++i) {
        const HomeEntry &e = kind.entries[i];
        if (e.role == EntryRole::Lock && !e.path.contains('/') && e.path.startsWith(prefix + '_')
            && !expected.contains(e.path) && e.path.size() < 200) {  // hashed names (#8653) name no folder
            c.entries.append(i);
            c.paths.append(e.path);
        }
    }
    plan.add(c);
}

// The datasets the user named (addDataset) that this cache holds, each with its root locks;
// returns those found.
QStringList HomeCleanPlanner::planNamedDatasets(KindPlan &plan) const
{
    const KindSnapshot &kind = plan.kind();
    QStringList found;
    for (const QString &dataset : m_datasets) {
        const QByteArray folder = QFile::encodeName(dataset);
        Candidate c;
        c.label = QStringLiteral("dataset %1").arg(QString(dataset).replace(QStringLiteral("___"), QStringLiteral("/")));
        c.entries = plan.below(folder);
        if (c.entries.isEmpty())
            continue;
        found.append(dataset);
        c.paths = {folder};
        // Its root locks: the builder path with '/' as '_' contains "_<folder>_".
        const QByteArray marker = '_' + folder + '_';
        for (qsizetype i = 0; i < kind.entries.size(); ++i) {
            const HomeEntry &e = kind.entries[i];
            if (e.role == EntryRole::Lock && !e.path.contains('/') && e.path.contains(marker)) {
                c.entries.append(i);
                c.paths.append(e.path);
            }
        }
        // A running download_and_prepare of any of its builders keeps it.
        for (const qsizetype i : std::as_const(c.entries)) {
            const HomeEntry &e = kind.entries[i];
            if (e.path.endsWith("_builder.lock") && c.lockPath.isEmpty())
                c.lockPath = e.path;
        }
        plan.add(c);
    }
    return found;
}

// evaluate: experiments whose arrow files compute() deleted.
void HomeCleanPlanner::planFinishedExperiments(KindPlan &plan) const
{
    const KindSnapshot &kind = plan.kind();
    // module.py:476-488: process 0 deletes the .arrow files after compute(); the locks stay.
    for (const qint32 g : plan.groupsOfType(QStringLiteral("experiment"))) {
        if (kind.groups[g].count(EntryRole::Data) > 0)
            continue;
        Candidate c = plan.groupCandidate(g, QStringLiteral("finished experiment"));
        c.reason = QStringLiteral("no arrow file left: it finished");
        plan.add(c);
    }
}

// torch hub: partial downloads nobody writes.
void HomeCleanPlanner::planTorchHubPartials(KindPlan &plan) const
{
    const KindSnapshot &kind = plan.kind();
    // torch/hub.py download_url_to_file: <dst>.<uuid4hex>.partial, moved into place when done.
    for (qsizetype i = 0; i < kind.entries.size(); ++i) {
        const HomeEntry &e = kind.entries[i];
        if (e.role != EntryRole::Temporary || !e.path.endsWith(".partial"))
            continue;
        Candidate c;
        c.label = QStringLiteral("torch hub partial download %1").arg(PathText::display(e.path));
        c.entries = {i};
        c.paths = {e.path};
        c.reason = QStringLiteral("no process writes it");
        plan.add(c);
    }
}

// A cache named whole (addKind) or a legacy one: every item, then what belongs to none.
void HomeCleanPlanner::planWholeKind(KindPlan &plan) const
{
    const KindSnapshot &kind = plan.kind();
    const QString &id = plan.id();
    // Item by item (a running one keeps its item). Items inside another (xet's shard-cache in its endpoint) first, so the outer folder is empty when its turn comes.
    QList<qint32> groups(kind.groups.size());
    std::iota(groups.begin(), groups.end(), 0);
    std::sort(groups.begin(), groups.end(), [&kind](qint32 a, qint32 b) { return kind.groups[a].key > kind.groups[b].key; });
    for (const qint32 g : std::as_const(groups))
        plan.add(plan.groupCandidate(g, kindName(id)));
    Candidate rest;
    rest.label = QStringLiteral("%1: the rest").arg(kindName(id));
    rest.partial = true;
    for (qsizetype i = 0; i < kind.entries.size(); ++i) {
        const HomeEntry &e = kind.entries[i];
        if (e.group >= 0)
            continue;
        if (e.role == EntryRole::Other && !e.stat.isDirectory()) {
            plan.keep(e.path, QStringLiteral("not part of the %1's layout: left alone").arg(kindName(id)));
            continue;
        }
        rest.entries.append(i);
        if (!e.path.contains('/'))
            rest.paths.append(e.path);
    }
    plan.add(rest);
}

} // namespace hfcache

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "FilesystemFacts.h"
#include "cache/FindingCode.h"

#include "MountInfo.h"
#include "util/FdWalk.h"

#include <QStringList>

#include <cerrno>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>

namespace hfcache {

namespace {

struct Magic
{
    quint64 value;
    const char *name;
    FilesystemFacts::Kind kind;
};

// linux/magic.h and the vendors' headers (lustre_user.h, gpfs, beegfs).
constexpr Magic kMagics[] = {
    {0x6969, "nfs", FilesystemFacts::Kind::Nfs},
    {0x0BD00BD0, "lustre", FilesystemFacts::Kind::Lustre},
    {0x47504653, "gpfs", FilesystemFacts::Kind::Gpfs},
    {0x19830326, "beegfs", FilesystemFacts::Kind::BeeGfs},
    {0x00C36400, "ceph", FilesystemFacts::Kind::CephFs},
    {0xFF534D42, "cifs", FilesystemFacts::Kind::Cifs},
    {0xFE534D42, "smb3", FilesystemFacts::Kind::Cifs},
    {0x517B, "smb", FilesystemFacts::Kind::Cifs},
    {0x65735546, "fuse", FilesystemFacts::Kind::Fuse},
    {0x01021997, "9p", FilesystemFacts::Kind::NineP},
    {0x794C7630, "overlay", FilesystemFacts::Kind::Overlay},
    {0x01021994, "tmpfs", FilesystemFacts::Kind::Tmpfs},
    {0xEF53, "ext4", FilesystemFacts::Kind::Local},
    {0x58465342, "xfs", FilesystemFacts::Kind::Local},
    {0x9123683E, "btrfs", FilesystemFacts::Kind::Local},
    {0x2FC12FC1, "zfs", FilesystemFacts::Kind::Local},
    {0xF2F52010, "f2fs", FilesystemFacts::Kind::Local},
};

const Magic *magicOf(quint64 magic)
{
    for (const Magic &m : kMagics) {
        if (m.value == magic)
            return &m;
    }
    return nullptr;
}

FilesystemFacts::Kind kindOfType(const QString &type)
{
    using Kind = FilesystemFacts::Kind;
    if (type == QLatin1String("nfs") || type == QLatin1String("nfs4"))
        return Kind::Nfs;
    if (type == QLatin1String("lustre"))
        return Kind::Lustre;
    if (type == QLatin1String("gpfs"))
        return Kind::Gpfs;
    if (type == QLatin1String("beegfs"))
        return Kind::BeeGfs;
    if (type == QLatin1String("ceph") || type == QLatin1String("fuse.ceph-fuse"))
        return Kind::CephFs;
    if (type == QLatin1String("cifs") || type == QLatin1String("smb3") || type == QLatin1String("smbfs"))
        return Kind::Cifs;
    if (type == QLatin1String("fuse") || type == QLatin1String("fuseblk") || type.startsWith(QLatin1String("fuse.")))
        return Kind::Fuse;
    if (type == QLatin1String("9p"))
        return Kind::NineP;
    if (type == QLatin1String("overlay"))
        return Kind::Overlay;
    if (type == QLatin1String("tmpfs") || type == QLatin1String("ramfs"))
        return Kind::Tmpfs;
    return type.isEmpty() ? Kind::Unknown : Kind::Local;
}

// FUSE filesystems that implement flock across their clients (the kernel otherwise keeps a
// FUSE mount's flocks on this machine).
bool fuseClusterLocks(const QString &subtype)
{
    return subtype == QLatin1String("glusterfs") || subtype == QLatin1String("juicefs")
           || subtype == QLatin1String("ceph-fuse");
}

// A FUSE source naming another machine: sshfs "user@host:/dir", rclone "remote:path", s3fs.
bool fuseNetwork(const QString &subtype, const QByteArray &source)
{
    static const QStringList remote = {QStringLiteral("sshfs"), QStringLiteral("s3fs"), QStringLiteral("gcsfuse"),
                                       QStringLiteral("rclone"), QStringLiteral("goofys"), QStringLiteral("davfs"),
                                       QStringLiteral("blobfuse2"), QStringLiteral("mountpoint-s3")};
    return remote.contains(subtype) || fuseClusterLocks(subtype) || source.contains(':');
}

} // namespace

QString FilesystemFacts::magicName(quint64 magic)
{
    const Magic *m = magicOf(magic);
    return m ? QString::fromLatin1(m->name) : QStringLiteral("0x%1").arg(magic, 0, 16);
}

namespace {

// What the filesystem is: its kind, type and FUSE subtype, from mountinfo and the magic number.
void identify(FilesystemFacts &facts, quint64 magic, const MountEntry *mount)
{
    using Kind = FilesystemFacts::Kind;
    facts.known = true;
    facts.magic = magic;
    if (mount) {
        facts.hasMount = true;
        facts.mount = *mount;
        facts.type = mount->type;
        facts.kind = kindOfType(mount->type);
        if (facts.kind == Kind::Fuse || mount->type == QLatin1String("fuse.ceph-fuse"))
            facts.subtype = mount->type.startsWith(QLatin1String("fuse.")) ? mount->type.mid(5) : mount->option(QStringLiteral("subtype"));
    }
    // A magic number the kernel reports wins over a type we do not know (and fills in without mountinfo).
    if (const Magic *m = magicOf(magic); m && (facts.kind == Kind::Unknown || (facts.kind == Kind::Local && m->kind != Kind::Local))) {
        facts.kind = m->kind;
        if (facts.type.isEmpty())
            facts.type = QString::fromLatin1(m->name);
    }
    if (facts.type.isEmpty() && magic != 0)
        facts.type = FilesystemFacts::magicName(magic);
}

// NFS: the version, and whether its flocks reach the server (local_lock, nolock).
void judgeNfsLocks(FilesystemFacts &facts, const MountEntry *mount)
{
    using LockScope = FilesystemFacts::LockScope;
    facts.network = true;
    facts.nfsVersion = mount ? mount->option(QStringLiteral("vers")) : QString();
    if (facts.nfsVersion.isEmpty() && mount)
        facts.nfsVersion = mount->option(QStringLiteral("nfsvers"));
    if (facts.nfsVersion.isEmpty() && facts.type == QLatin1String("nfs4"))
        facts.nfsVersion = QStringLiteral("4");
    facts.localLock = mount ? mount->option(QStringLiteral("local_lock")) : QString();
    const bool nolock = mount && mount->hasOption(QStringLiteral("nolock"));
    if (nolock || facts.localLock == QLatin1String("flock") || facts.localLock == QLatin1String("all"))
        facts.lockScope = LockScope::NodeLocal;
    else
        facts.lockScope = mount ? LockScope::Cluster : LockScope::Unknown;
}

// Whether the filesystem is a network one and how far a flock taken on it reaches.
void judgeLocks(FilesystemFacts &facts, const MountEntry *mount)
{
    using Kind = FilesystemFacts::Kind;
    using LockScope = FilesystemFacts::LockScope;
    switch (facts.kind) {
    case Kind::Local:
    case Kind::Overlay:
    case Kind::Tmpfs:
        facts.lockScope = LockScope::Local;
        break;
    case Kind::Nfs:
        judgeNfsLocks(facts, mount);
        break;
    case Kind::Lustre:
        facts.network = true;
        if (!mount)
            facts.lockScope = LockScope::Unknown;
        else if (mount->hasOption(QStringLiteral("flock")))
            facts.lockScope = LockScope::Cluster;
        else if (mount->hasOption(QStringLiteral("localflock")))
            facts.lockScope = LockScope::NodeLocal;
        else
            facts.lockScope = LockScope::None;
        break;
    case Kind::Gpfs:
    case Kind::CephFs:
        facts.network = true;
        facts.lockScope = LockScope::Cluster;
        break;
    case Kind::BeeGfs:
        // tuneUseGlobalFileLocks lives in beegfs-client.conf, not in the mount options.
        facts.network = true;
        facts.lockScope = LockScope::Unknown;
        break;
    case Kind::Cifs:
        facts.network = true;
        facts.lockScope = mount && mount->hasOption(QStringLiteral("nobrl")) ? LockScope::NodeLocal : LockScope::Cluster;
        break;
    case Kind::Fuse:
        facts.network = fuseNetwork(facts.subtype, mount ? mount->source : QByteArray());
        facts.lockScope = fuseClusterLocks(facts.subtype) ? LockScope::Cluster
                          : facts.network                 ? LockScope::NodeLocal
                                                          : LockScope::Unknown;
        break;
    case Kind::NineP:
        // A host folder shared into a VM or WSL: the guest's flocks stay in the guest.
        facts.network = true;
        facts.lockScope = LockScope::NodeLocal;
        break;
    case Kind::Unknown:
        break;
    }
}

} // namespace

FilesystemFacts FilesystemFacts::classify(quint64 magic, const MountEntry *mount)
{
    FilesystemFacts facts;
    identify(facts, magic, mount);
    judgeLocks(facts, mount);
    return facts;
}

FilesystemFacts FilesystemFacts::probe(const QByteArray &wanted, const QByteArray &mountinfo)
{
    // A cache folder not made yet lands on its nearest existing parent's filesystem.
    QByteArray path = wanted;
    struct statfs fs;
    struct stat st;
    while (::statfs(path.constData(), &fs) != 0 || ::stat(path.constData(), &st) != 0) {
        if (errno != ENOENT && errno != ENOTDIR)
            return {};
        const qsizetype slash = path.lastIndexOf('/');
        if (slash <= 0 || path.isEmpty())
            return {};
        path.truncate(slash);
    }
    const QByteArray resolved = FdWalk::canonicalPath(path);
    const QByteArray real = resolved.isEmpty() ? path : resolved;
    const QList<MountEntry> mounts = MountInfo::read(mountinfo);
    return classify(quint64(fs.f_type), MountInfo::find(mounts, int(major(st.st_dev)), int(minor(st.st_dev)), real));
}

QString FilesystemFacts::summary() const
{
    if (!known)
        return QStringLiteral("unknown");
    QStringList details;
    if (!nfsVersion.isEmpty())
        details << QStringLiteral("version %1").arg(nfsVersion);
    if (kind == Kind::Nfs && !localLock.isEmpty())
        details << QStringLiteral("local_lock=%1").arg(localLock);
    if (hasMount) {
        for (const QString &flag : {QStringLiteral("nolock"), QStringLiteral("flock"), QStringLiteral("localflock"),
                                    QStringLiteral("nobrl")}) {
            if (mount.hasOption(flag) && (kind != Kind::Local))
                details << flag;
        }
    }
    QString text = type;
    if (!details.isEmpty())
        text += QLatin1Char(' ') + details.join(QStringLiteral(", "));
    if (hasMount && network)
        text += QStringLiteral(" (%1 on %2)").arg(QString::fromUtf8(mount.source), QString::fromUtf8(mount.mountPoint));
    return text;
}

QString FilesystemFacts::lockScopeName() const
{
    switch (lockScope) {
    case LockScope::Local: return QStringLiteral("local");
    case LockScope::Cluster: return QStringLiteral("cluster");
    case LockScope::NodeLocal: return QStringLiteral("node-local");
    case LockScope::None: return QStringLiteral("none");
    case LockScope::Unknown: break;
    }
    return QStringLiteral("unknown");
}

QString FilesystemFacts::lockText() const
{
    switch (lockScope) {
    case LockScope::Local:
        return QStringLiteral("local filesystem: every lock holder is listed here");
    case LockScope::Cluster:
        return QStringLiteral("locks are shared with the other nodes, but this node lists only its own holders");
    case LockScope::NodeLocal:
        return QStringLiteral("locks are private to this machine: other machines using this folder do not see them");
    case LockScope::None:
        return QStringLiteral("flock is not supported: filelock >= 3.24 falls back to soft lock files (older ones fail)");
    case LockScope::Unknown:
        break;
    }
    return QStringLiteral("lock behaviour unknown on this filesystem");
}

Findings FilesystemFacts::findings(const QByteArray &path, bool xetCache) const
{
    Findings list;
    if (!known)
        return list;
    const QByteArray mountPoint = hasMount ? mount.mountPoint : path;
    const QString where = hasMount ? QStringLiteral("%1 on %2").arg(type, QString::fromUtf8(mount.mountPoint)) : type;
    if (xetCache) {
        // vllm #49830: hf_xet stalled on NFS; its temp state needs no sharing.
        if (network)
            list.append({Severity::Warning, FindingCode::XetCacheNetwork, path,
                         QStringLiteral("the xet cache (hf_xet temp and staging state) is on a network filesystem (%1): "
                                        "slow, and nothing in it needs sharing").arg(where),
                         {fixActionName(FixAction::SetEnv), path, QStringLiteral("HF_XET_CACHE=<a folder on local disk>")}});
        return list;
    }
    switch (lockScope) {
    case LockScope::NodeLocal: {
        FindingFix fix;
        if (kind == Kind::Nfs)
            fix = {fixActionName(FixAction::MountOption), mountPoint,
                   mount.hasOption(QStringLiteral("nolock")) ? QStringLiteral("lock (not nolock)") : QStringLiteral("local_lock=none")};
        else if (kind == Kind::Lustre)
            fix = {fixActionName(FixAction::MountOption), mountPoint, QStringLiteral("flock (not localflock)")};
        else if (kind == Kind::Cifs)
            fix = {fixActionName(FixAction::MountOption), mountPoint, QStringLiteral("brl (not nobrl)")};
        list.append({network && kind != Kind::Fuse && kind != Kind::NineP ? Severity::Error : Severity::Warning,
                     FindingCode::FsLocksNodeLocal, path,
                     QStringLiteral("locks on %1 are private to this machine: a process on another machine using this "
                                    "cache does not see them, and two machines can download the same file at once "
                                    "(datasets: \"master process cannot find the lock files from other nodes\")").arg(where),
                     fix});
        break;
    }
    case LockScope::None:
        list.append({Severity::Error, FindingCode::FsNoFlock, path,
                     QStringLiteral("flock fails with ENOSYS on %1: filelock < 3.24 raises \"Function not implemented\" "
                                    "(\"No locks available\"), >= 3.24 falls back to SoftFileLock, whose lock files a "
                                    "crash leaves behind (hfcache locks shows them)").arg(where),
                     {fixActionName(FixAction::MountOption), mountPoint, QStringLiteral("flock")}});
        break;
    case LockScope::Cluster:
        list.append({Severity::Info, FindingCode::FsRemoteHolders, path,
                     QStringLiteral("%1 is shared: /proc/locks here lists only this node's lock holders; run "
                                    "`hfcache locks --json` on every node and merge them with `hfcache locks --merge`").arg(where),
                     {}});
        break;
    case LockScope::Unknown:
        if (kind == Kind::BeeGfs)
            list.append({Severity::Warning, FindingCode::FsLocksNodeLocal, path,
                         QStringLiteral("BeeGFS keeps flocks on each client unless the client sets "
                                        "tuneUseGlobalFileLocks=true: check beegfs-client.conf on every node"),
                         {fixActionName(FixAction::ClientConfig), mountPoint, QStringLiteral("tuneUseGlobalFileLocks=true")}});
        break;
    case LockScope::Local:
        break;
    }
    if (kind == Kind::Tmpfs)
        list.append({Severity::Info, FindingCode::FsVolatile, path,
                     QStringLiteral("the cache is in memory (%1): it is lost at reboot and counts against RAM").arg(type), {}});
    return list;
}

} // namespace hfcache

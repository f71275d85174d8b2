// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "audit/FilesystemFacts.h"
#include "audit/MountInfo.h"
#include "support/TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <QTemporaryDir>
#include <QtTest>

using namespace hfcache;

namespace {

using Kind = FilesystemFacts::Kind;
using Scope = FilesystemFacts::LockScope;

FilesystemFacts classifyLine(const char *line, quint64 magic)
{
    const std::optional<MountEntry> entry = MountInfo::parseLine(line);
    if (!entry)
        return {};
    return FilesystemFacts::classify(magic, &*entry);
}

QStringList codes(const Findings &findings)
{
    QStringList list;
    for (const Finding &f : findings)
        list << findingCodeName(f.code);
    return list;
}

} // namespace

class TestFilesystemFacts : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parseLine()
    {
        const auto entry = MountInfo::parseLine(
            "36 35 98:0 /exp\\040ort /mnt/my\\040cache rw,noatime master:1 shared:7 - nfs4 srv:/exp\\134x rw,vers=4.2,local_lock=none");
        QVERIFY(entry);
        QCOMPARE(entry->id, 36);
        QCOMPARE(entry->major, 98);
        QCOMPARE(entry->minor, 0);
        QCOMPARE(entry->root, QByteArray("/exp ort"));
        QCOMPARE(entry->mountPoint, QByteArray("/mnt/my cache"));
        QCOMPARE(entry->type, QStringLiteral("nfs4"));
        QCOMPARE(entry->source, QByteArray("srv:/exp\\x"));
        QCOMPARE(entry->option(QStringLiteral("vers")), QStringLiteral("4.2"));
        QVERIFY(entry->hasOption(QStringLiteral("noatime")));
        QVERIFY(!entry->hasOption(QStringLiteral("nolock")));
        QVERIFY(!entry->hasOption(QStringLiteral("local")));  // a prefix of local_lock is not an option
        QVERIFY(!MountInfo::parseLine("garbage"));
        QVERIFY(!MountInfo::parseLine("1 2 x:y / / rw - ext4 /dev/sda rw"));
        QVERIFY(!MountInfo::parseLine("1 2 8:1 / / rw ext4 /dev/sda rw"));  // no separator
    }

    void findMount()
    {
        const QList<MountEntry> mounts = MountInfo::parse(
            "1 0 8:1 / / rw - ext4 /dev/sda1 rw\n"
            "2 1 0:50 / /mnt rw - nfs4 srv:/a rw,vers=4.1\n"
            "3 2 0:50 /sub /mnt/hf rw - nfs4 srv:/a rw,vers=4.1\n"
            "4 1 0:60 / /mnt/hfx rw - tmpfs tmpfs rw\n");
        QCOMPARE(mounts.size(), 4);
        QCOMPARE(MountInfo::find(mounts, 0, 50, "/mnt/hf/hub")->id, 3);
        QCOMPARE(MountInfo::find(mounts, 0, 50, "/mnt/other")->id, 2);
        QCOMPARE(MountInfo::find(mounts, 0, 50, "/mnt/hfx")->id, 2);  // /mnt/hf is not above /mnt/hfx
        QCOMPARE(MountInfo::find(mounts, 8, 1, "/home/x")->id, 1);
        QVERIFY(!MountInfo::find(mounts, 9, 9, "/home/x"));
    }

    void classify_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<quint64>("magic");
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("scope");
        QTest::addColumn<bool>("network");
        QTest::addColumn<QString>("codes");
        QTest::addColumn<QString>("summary");

        auto row = [](const char *name, const char *line, quint64 magic, Kind kind, Scope scope, bool network,
                      const char *codes, const char *summary) {
            QTest::newRow(name) << QByteArray(line) << magic << int(kind) << int(scope) << network
                                << QString::fromLatin1(codes) << QString::fromLatin1(summary);
        };
        row("nfs4 default", "5 1 0:50 / /mnt/hf rw - nfs4 10.0.0.1:/hf rw,vers=4.2,local_lock=none,addr=10.0.0.1",
            0x6969, Kind::Nfs, Scope::Cluster, true, "fs-remote-holders",
            "nfs4 version 4.2, local_lock=none (10.0.0.1:/hf on /mnt/hf)");
        row("nfs3 nolock", "5 1 0:50 / /mnt/hf rw - nfs 10.0.0.1:/hf rw,vers=3,nolock,local_lock=all", 0x6969, Kind::Nfs,
            Scope::NodeLocal, true, "fs-locks-node-local", "nfs version 3, local_lock=all, nolock (10.0.0.1:/hf on /mnt/hf)");
        row("nfs local_lock=flock", "5 1 0:50 / /mnt/hf rw - nfs 10.0.0.1:/hf rw,vers=3,local_lock=flock", 0x6969,
            Kind::Nfs, Scope::NodeLocal, true, "fs-locks-node-local", "nfs version 3, local_lock=flock (10.0.0.1:/hf on /mnt/hf)");
        row("nfs local_lock=posix", "5 1 0:50 / /mnt/hf rw - nfs 10.0.0.1:/hf rw,vers=3,local_lock=posix", 0x6969,
            Kind::Nfs, Scope::Cluster, true, "fs-remote-holders", "nfs version 3, local_lock=posix (10.0.0.1:/hf on /mnt/hf)");
        row("lustre flock", "5 1 0:70 / /lustre rw - lustre 10.0.0.2@o2ib:/scratch rw,flock,lazystatfs", 0x0BD00BD0,
            Kind::Lustre, Scope::Cluster, true, "fs-remote-holders", "lustre flock (10.0.0.2@o2ib:/scratch on /lustre)");
        row("lustre localflock", "5 1 0:70 / /lustre rw - lustre 10.0.0.2@o2ib:/scratch rw,localflock", 0x0BD00BD0,
            Kind::Lustre, Scope::NodeLocal, true, "fs-locks-node-local", "lustre localflock (10.0.0.2@o2ib:/scratch on /lustre)");
        row("lustre none", "5 1 0:70 / /lustre rw - lustre 10.0.0.2@o2ib:/scratch rw,lazystatfs", 0x0BD00BD0,
            Kind::Lustre, Scope::None, true, "fs-no-flock", "lustre (10.0.0.2@o2ib:/scratch on /lustre)");
        row("gpfs", "5 1 0:80 / /gpfs/fs1 rw - gpfs fs1 rw", 0x47504653, Kind::Gpfs, Scope::Cluster, true,
            "fs-remote-holders", "gpfs (fs1 on /gpfs/fs1)");
        row("beegfs", "5 1 0:81 / /mnt/beegfs rw - beegfs beegfs_nodev rw,cfgFile=/etc/beegfs/beegfs-client.conf",
            0x19830326, Kind::BeeGfs, Scope::Unknown, true, "fs-locks-node-local", "beegfs (beegfs_nodev on /mnt/beegfs)");
        row("cephfs", "5 1 0:82 / /mnt/ceph rw - ceph 10.0.0.3:6789:/ rw,name=admin", 0x00C36400, Kind::CephFs,
            Scope::Cluster, true, "fs-remote-holders", "ceph (10.0.0.3:6789:/ on /mnt/ceph)");
        row("cifs", "5 1 0:83 / /mnt/smb rw - cifs //srv/share rw,vers=3.1.1", 0xFF534D42, Kind::Cifs, Scope::Cluster,
            true, "fs-remote-holders", "cifs (//srv/share on /mnt/smb)");
        row("cifs nobrl", "5 1 0:83 / /mnt/smb rw - cifs //srv/share rw,vers=3.1.1,nobrl", 0xFF534D42, Kind::Cifs,
            Scope::NodeLocal, true, "fs-locks-node-local", "cifs nobrl (//srv/share on /mnt/smb)");
        row("smb3 magic", "5 1 0:83 / /mnt/smb rw - smb3 //srv/share rw", 0xFE534D42, Kind::Cifs, Scope::Cluster, true,
            "fs-remote-holders", "smb3 (//srv/share on /mnt/smb)");
        row("sshfs", "5 1 0:84 / /mnt/ssh rw,nosuid,nodev - fuse.sshfs me@127.0.0.1:/srv rw,user_id=0,group_id=0",
            0x65735546, Kind::Fuse, Scope::NodeLocal, true, "fs-locks-node-local", "fuse.sshfs (me@127.0.0.1:/srv on /mnt/ssh)");
        row("fuse juicefs", "5 1 0:85 / /jfs rw - fuse.juicefs JuiceFS:vol rw", 0x65735546, Kind::Fuse, Scope::Cluster,
            true, "fs-remote-holders", "fuse.juicefs (JuiceFS:vol on /jfs)");
        row("fuseblk local", "5 1 8:17 / /media/usb rw - fuseblk /dev/sdb1 rw", 0x65735546, Kind::Fuse, Scope::Unknown,
            false, "", "fuseblk");
        row("9p", "5 1 0:86 / /mnt/host rw - 9p hostshare rw,trans=virtio", 0x01021997, Kind::NineP, Scope::NodeLocal,
            true, "fs-locks-node-local", "9p (hostshare on /mnt/host)");
        row("overlay", "5 1 0:87 / / rw - overlay overlay rw,lowerdir=/l,upperdir=/u,workdir=/w", 0x794C7630,
            Kind::Overlay, Scope::Local, false, "", "overlay");
        row("tmpfs", "5 1 0:88 / /tmp rw - tmpfs tmpfs rw", 0x01021994, Kind::Tmpfs, Scope::Local, false,
            "fs-volatile", "tmpfs");
        row("ext4", "5 1 8:1 / / rw - ext4 /dev/sda1 rw", 0xEF53, Kind::Local, Scope::Local, false, "", "ext4");
    }

    void classify()
    {
        QFETCH(QByteArray, line);
        QFETCH(quint64, magic);
        QFETCH(int, kind);
        QFETCH(int, scope);
        QFETCH(bool, network);
        QFETCH(QString, codes);
        QFETCH(QString, summary);
        const FilesystemFacts facts = classifyLine(line.constData(), magic);
        QVERIFY(facts.known);
        QCOMPARE(int(facts.kind), kind);
        QCOMPARE(int(facts.lockScope), scope);
        QCOMPARE(facts.network, network);
        QCOMPARE(facts.summary(), summary);
        const Findings findings = facts.findings("/c/hub");
        QCOMPARE(::codes(findings).join(QLatin1Char(',')), codes);
        for (const Finding &f : findings)
            QCOMPARE(f.path, QByteArray("/c/hub"));
        // The xet cache asks for local disk exactly on a network filesystem.
        QCOMPARE(::codes(facts.findings("/c/xet", true)).join(QLatin1Char(',')),
                 network ? QStringLiteral("xet-cache-network") : QString());
    }

    void fixes()
    {
        const Findings lustre = classifyLine("5 1 0:70 / /lustre rw - lustre a@tcp:/s rw", 0x0BD00BD0).findings("/lustre/hf/hub");
        QCOMPARE(lustre.size(), 1);
        QCOMPARE(lustre[0].severity, Severity::Error);
        QCOMPARE(lustre[0].fix.action, QStringLiteral("mount-option"));
        QCOMPARE(lustre[0].fix.value, QStringLiteral("flock"));
        QCOMPARE(lustre[0].fix.path, QByteArray("/lustre"));
        const Findings nfs = classifyLine("5 1 0:50 / /mnt/hf rw - nfs a:/b rw,vers=3,local_lock=flock", 0x6969).findings("/mnt/hf/hub");
        QCOMPARE(nfs[0].fix.value, QStringLiteral("local_lock=none"));
        const Findings xet = classifyLine("5 1 0:50 / /mnt/hf rw - nfs a:/b rw,vers=3", 0x6969).findings("/mnt/hf/xet", true);
        QCOMPARE(xet[0].fix.action, QStringLiteral("set-env"));
        QVERIFY(xet[0].fix.value.startsWith(QLatin1String("HF_XET_CACHE=")));
    }

    void magicOnly_data()
    {
        QTest::addColumn<quint64>("magic");
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("kind");
        QTest::newRow("nfs") << quint64(0x6969) << "nfs" << int(Kind::Nfs);
        QTest::newRow("lustre") << quint64(0x0BD00BD0) << "lustre" << int(Kind::Lustre);
        QTest::newRow("gpfs") << quint64(0x47504653) << "gpfs" << int(Kind::Gpfs);
        QTest::newRow("beegfs") << quint64(0x19830326) << "beegfs" << int(Kind::BeeGfs);
        QTest::newRow("ceph") << quint64(0x00C36400) << "ceph" << int(Kind::CephFs);
        QTest::newRow("cifs") << quint64(0xFF534D42) << "cifs" << int(Kind::Cifs);
        QTest::newRow("smb") << quint64(0x517B) << "smb" << int(Kind::Cifs);
        QTest::newRow("fuse") << quint64(0x65735546) << "fuse" << int(Kind::Fuse);
        QTest::newRow("9p") << quint64(0x01021997) << "9p" << int(Kind::NineP);
        QTest::newRow("overlay") << quint64(0x794C7630) << "overlay" << int(Kind::Overlay);
        QTest::newRow("tmpfs") << quint64(0x01021994) << "tmpfs" << int(Kind::Tmpfs);
        QTest::newRow("unknown") << quint64(0x12345) << "0x12345" << int(Kind::Unknown);
    }

    void magicOnly()
    {
        QFETCH(quint64, magic);
        QFETCH(QString, name);
        QFETCH(int, kind);
        const FilesystemFacts facts = FilesystemFacts::classify(magic, nullptr);
        QCOMPARE(facts.type, name);
        QCOMPARE(int(facts.kind), kind);
        // Without the mount options, NFS and Lustre lock behaviour is not guessed.
        if (facts.kind == Kind::Nfs || facts.kind == Kind::Lustre)
            QCOMPARE(facts.lockScope, Scope::Unknown);
    }

    // The real thing: a tmpfs mounted in a private mount namespace would need unshare; /dev/shm is
    // a tmpfs on every Linux, and the test's temporary folder is on whatever TMPDIR is.
    void probeReal()
    {
        const FilesystemFacts shm = FilesystemFacts::probe("/dev/shm");
        QVERIFY(shm.known);
        QCOMPARE(shm.kind, Kind::Tmpfs);
        QVERIFY(shm.hasMount);
        QCOMPARE(shm.mount.mountPoint, QByteArray("/dev/shm"));
        QVERIFY(!FilesystemFacts::probe("/nonexistent/x").known);
        QTemporaryDir dir;
        const FilesystemFacts tmp = FilesystemFacts::probe(QFile::encodeName(dir.path()));
        QVERIFY(tmp.known);
        QVERIFY(tmp.hasMount);
    }

    // where and doctor say what the filesystem means: a cache on tmpfs (/dev/shm).
    void whereAndDoctor()
    {
        QTemporaryDir dir(QStringLiteral("/dev/shm/hfc_cluster_XXXXXX"));
        QVERIFY(dir.isValid());
        const QString cache = dir.path() + QStringLiteral("/hub");  // not made yet: its parent decides
        TestSupport::CliResult where = TestSupport::runCli({QStringLiteral("where"), QStringLiteral("--cache-dir"), cache,
                                                            QStringLiteral("--json")});
        QCOMPARE(where.exitCode, 0);
        const QJsonObject fs = QJsonDocument::fromJson(where.out).object().value(QLatin1String("filesystems"))
                                   .toObject().value(QLatin1String("hub_cache")).toObject();
        QCOMPARE(fs.value(QLatin1String("type")).toString(), QStringLiteral("tmpfs"));
        QCOMPARE(fs.value(QLatin1String("magic")).toString(), QStringLiteral("0x1021994"));
        QCOMPARE(fs.value(QLatin1String("lock_scope")).toString(), QStringLiteral("local"));
        QCOMPARE(fs.value(QLatin1String("mount")).toObject().value(QLatin1String("mount_point")).toString(), QStringLiteral("/dev/shm"));
        where = TestSupport::runCli({QStringLiteral("where"), QStringLiteral("--cache-dir"), cache});
        QVERIFY2(where.out.contains("tmpfs"), where.out.constData());
        QVERIFY(where.out.contains("Locks in the hub cache: local filesystem"));

        QVERIFY(QDir().mkpath(cache));
        const TestSupport::CliResult doctor = TestSupport::runCli({QStringLiteral("doctor"), QStringLiteral("--cache-dir"),
                                                                   cache, QStringLiteral("--json")});
        QCOMPARE(doctor.exitCode, 0);
        const QJsonObject report = QJsonDocument::fromJson(doctor.out).object();
        QCOMPARE(report.value(QLatin1String("filesystem")).toObject().value(QLatin1String("type")).toString(), QStringLiteral("tmpfs"));
        QStringList found;
        for (const QJsonValue &f : report.value(QLatin1String("findings")).toArray())
            found << f.toObject().value(QLatin1String("code")).toString();
        QVERIFY2(found.contains(QStringLiteral("fs-volatile")), qPrintable(found.join(QLatin1Char(','))));
        const TestSupport::CliResult human = TestSupport::runCli({QStringLiteral("doctor"), QStringLiteral("--cache-dir"), cache});
        QVERIFY2(human.out.contains("FS:     tmpfs; local filesystem"), human.out.constData());
    }
};

QTEST_GUILESS_MAIN(TestFilesystemFacts)
#include "tst_FilesystemFacts.moc"

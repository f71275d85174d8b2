// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "activity/LocksMerge.h"
#include "support/PythonPeer.h"
#include "support/TestSupport.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QtTest>

using namespace hfcache;
using TestSupport::runCli;

namespace {

// What each "node" runs: in its own UTS, PID and mount namespaces (its own host name, its own
// /proc/locks), a real filelock holds <locks>/<node>.lock while hfcache reports on the cache.
const char kNodeScript[] = R"(
cache=$1 locks=$2 cli=$3 node=$4
hostname "$node"
ready=$(mktemp)
/usr/bin/python3 -c 'import sys, time, filelock
l = filelock.FileLock(sys.argv[1]); l.acquire(); print("locked", flush=True); time.sleep(600)' "$locks/$node.lock" > "$ready" &
holder=$!
tries=0
while ! grep -q locked "$ready"; do
    tries=$((tries + 1)); [ $tries -gt 400 ] && exit 1
    sleep 0.05
done
"$cli" locks --cache-dir "$cache" --json
kill $holder; rm -f "$ready"
)";

QJsonObject rowOf(const QJsonArray &rows, const QString &relPath)
{
    return TestSupport::objectWhere(rows, QLatin1String("rel_path"), relPath);
}

} // namespace

class TestClusterLocks : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_cache;
    QString m_locksRel = QStringLiteral(".locks/models--fixture-org--tiny-model");

    // What a launcher runs on each node: the node script in new UTS, PID and mount namespaces;
    // the launcher appends the node's name (pdsh's %h, Slurm's SLURMD_NODENAME).
    QStringList nodeCommand()
    {
        const QString script = m_dir.filePath(QStringLiteral("node.sh"));
        if (!QFile::exists(script)) {
            QFile file(script);
            if (file.open(QIODevice::WriteOnly))
                file.write(kNodeScript);
        }
        return {QStringLiteral("unshare"), QStringLiteral("--uts"), QStringLiteral("--pid"), QStringLiteral("--fork"),
                QStringLiteral("--mount-proc"), QStringLiteral("sh"), script, m_cache,
                m_cache + QLatin1Char('/') + m_locksRel, TestSupport::cliPath()};
    }

    // The launcher's gathered output merges into one view: node-a and node-b, each holding its own lock.
    void checkMerged(const QByteArray &gatheredOutput)
    {
        const QString gathered = m_dir.filePath(QStringLiteral("gathered.out"));
        QFile save(gathered);
        QVERIFY(save.open(QIODevice::WriteOnly | QIODevice::Truncate));
        save.write(gatheredOutput);
        save.close();

        const TestSupport::CliResult merged = runCli({QStringLiteral("locks"), QStringLiteral("--merge"), QStringLiteral("--json"), gathered});
        QVERIFY2(merged.exitCode == 0, merged.err.constData());
        const QJsonObject view = QJsonDocument::fromJson(merged.out).object();
        QStringList nodes;
        for (const QJsonValue &n : view.value(QLatin1String("nodes")).toArray())
            nodes << n.toString();
        nodes.sort();
        QCOMPARE(nodes, (QStringList{QStringLiteral("node-a"), QStringLiteral("node-b")}));
        const QJsonArray locks = view.value(QLatin1String("locks")).toArray();
        for (const QString &node : nodes) {
            const QJsonObject lock = rowOf(locks, m_locksRel + QLatin1Char('/') + node + QStringLiteral(".lock"));
            QVERIFY2(!lock.isEmpty(), merged.out.constData());
            const QJsonArray holders = lock.value(QLatin1String("holders")).toArray();
            QCOMPARE(holders.size(), 1);  // each node sees only its own holder, as on a cluster
            QCOMPARE(holders[0].toObject().value(QLatin1String("node")).toString(), node);
            QVERIFY(holders[0].toObject().value(QLatin1String("cmdline")).toString().contains(QLatin1String("python3")));
        }
        QVERIFY(view.value(QLatin1String("free_locks")).toInt() > 0);

        // The table, from the gathered output like `pdsh ... | hfcache locks --merge`, and from the merged file.
        const TestSupport::CliResult table = runCli({QStringLiteral("locks"), QStringLiteral("--merge"), gathered});
        QVERIFY(table.out.contains("LOCK FILE"));
        QVERIFY(table.out.contains("node-a.lock"));
        QVERIFY2(table.out.contains("2 node(s): node-a, node-b") || table.out.contains("2 node(s): node-b, node-a"),
                 table.out.constData());
        const QString mergedFile = m_dir.filePath(QStringLiteral("merged.json"));
        QFile mf(mergedFile);
        QVERIFY(mf.open(QIODevice::WriteOnly | QIODevice::Truncate));
        mf.write(merged.out);
        mf.close();
        const TestSupport::CliResult again = runCli({QStringLiteral("locks"), QStringLiteral("--merge"), mergedFile});
        QCOMPARE(again.out, table.out);
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString fixtures = TestSupport::extractFixtures(m_dir);
        QVERIFY(!fixtures.isEmpty());
        m_cache = fixtures + QStringLiteral("/fixture-cache");
    }

    // pdsh (-R exec: no ssh needed) runs one command per node; each node is a separate set of
    // namespaces with its own host name and its own holder. Their outputs, prefixed "node: " by
    // pdsh, merge into one table naming each holder's node.
    void pdshNodesMerged()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("pdsh")).isEmpty())
            QSKIP("pdsh is not installed (installer/dev.sh installs it)");
        QByteArray out, err;
        const int code = TestSupport::runProgram(
            QStringLiteral("pdsh"),
            QStringList{QStringLiteral("-R"), QStringLiteral("exec"), QStringLiteral("-w"), QStringLiteral("node-a,node-b")}
                + nodeCommand() + QStringList{QStringLiteral("%h")},
            &out, &err, 120000);
        QVERIFY2(code == 0, err.constData());
        QVERIFY(out.startsWith("node-"));
        checkMerged(out);
    }

    // The same through Slurm: a two-node cluster (munged, slurmctld, two slurmd on this host,
    // tests/support/slurm_cluster.sh), one task per node with `srun --label`, as README's recipe.
    void slurmNodesMerged()
    {
        const QString cluster = m_dir.filePath(QStringLiteral("slurm"));
        QVERIFY(QDir().mkpath(cluster));
        const QString script = TestSupport::sourceDir() + QStringLiteral("/tests/support/slurm_cluster.sh");
        QByteArray started, err;
        const int code = TestSupport::runProgram(script, {QStringLiteral("start"), cluster}, &started, &err, 60000);
        if (code == 3)
            QSKIP(err.constData());
        QVERIFY2(code == 0, err.constData());
        const auto stop = qScopeGuard([&] { TestSupport::runProgram(script, {QStringLiteral("stop"), cluster}); });
        qputenv("SLURM_CONF", started.trimmed().mid(int(qstrlen("SLURM_CONF="))));

        // srun starts the command on each node with SLURMD_NODENAME set; the node script takes
        // it as its host name, so each report names the node it ran on.
        QByteArray out;
        const int ran = TestSupport::runProgram(
            QStringLiteral("srun"),
            QStringList{QStringLiteral("--nodes=2"), QStringLiteral("--ntasks-per-node=1"), QStringLiteral("--label"),
                        QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("exec \"$@\" \"$SLURMD_NODENAME\""),
                        QStringLiteral("node")}
                + nodeCommand(),
            &out, &err, 120000);
        QVERIFY2(ran == 0, err.constData());
        QVERIFY2(out.startsWith("0: ") || out.startsWith("1: "), out.constData());
        checkMerged(out);
    }

    // A soft lock held on node-b, reported by node-a (by host name) and by node-b (in full): one holder.
    void softHolderSeenFromTwoNodes()
    {
        LocksMerge merge;
        const QByteArray nodeA = R"({"node": "node-a", "cache_key": "srv:/hf/hub", "locks": [{"rel_path": ".locks/r/x.lock",
            "repo_id": "org/r", "kind": "soft", "soft": {"stale": false}, "holders": [{"pid": 7, "host": "node-b"}], "waiters": []}]})";
        const QByteArray nodeB = R"({"node": "node-b", "cache_key": "srv:/hf/hub", "locks": [{"rel_path": ".locks/r/x.lock",
            "repo_id": "org/r", "kind": "soft", "soft": {"stale": false}, "holders": [{"pid": 7, "process": "python3",
            "cmdline": "python3 train.py", "user": "alice", "host": null}], "waiters": []}]})";
        QString error;
        // pdsh prefixes every line.
        QVERIFY(merge.add("node-a: " + QByteArray(nodeA).replace("\n", "\nnode-a: ") + "\nnode-b: "
                              + QByteArray(nodeB).replace("\n", "\nnode-b: ") + '\n', &error));
        QCOMPARE(merge.locks().size(), 1);
        QCOMPARE(merge.locks()[0].holders.size(), 1);
        QCOMPARE(merge.locks()[0].holders[0].node, QStringLiteral("node-b"));
        QCOMPARE(merge.locks()[0].holders[0].user, QStringLiteral("alice"));
        QVERIFY(!merge.add("node-c: {\"node\": ", &error) || merge.nodes().size() == 2);
        QVERIFY(!LocksMerge().add("{not json}", &error));
    }
};

QTEST_GUILESS_MAIN(TestClusterLocks)
#include "tst_ClusterLocks.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
// LockProber (every lock folder opened once; /proc/locks read instead of a flock per lock where
// it lists every flock) answers as LockProbe::probe, which tries each lock from the root: for a
// free, a held (a real flock on another open file description), a missing, a FIFO, a symlinked
// and a hard-linked lock file, and for a lock folder that is a symlink. The same where it
// identifies the lock files a scan vouched for by a listing of their folder (no stat each),
// also for one replaced since that scan by a lock file a download holds.
#include "maintain/LockProbe.h"
#include "maintain/LockProber.h"
#include "util/UniqueFd.h"

#include <QDir>
#include <QSet>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace hfcache;

class TestLockProber : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void answersAsTheProbe() { answersAsTheProbeWith(nullptr); }

    void answersAsTheProbeFromAListing()
    {
        QSet<FileKey> plain;  // as a scan of the fixture would vouch: regular, one link
        answersAsTheProbeWith(&plain);
    }

private:
    static FileKey keyOf(const QByteArray &path)
    {
        struct stat st;
        return ::lstat(path.constData(), &st) == 0 ? FileKey{quint64(st.st_dev), quint64(st.st_ino)} : FileKey{};
    }

    // `plain` (optional): filled with what a scan would vouch for and handed to the prober.
    void answersAsTheProbeWith(QSet<FileKey> *plain)
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QByteArray root = QFile::encodeName(dir.path());
        const QByteArray locks = root + "/.locks/models--org--name";
        QVERIFY(QDir().mkpath(QString::fromUtf8(locks)));
        QVERIFY(QDir().mkpath(dir.path() + QStringLiteral("/elsewhere")));
        for (const char *name : {"free.lock", "held.lock", "linked.lock"})
            QVERIFY(UniqueFd(::open((locks + '/' + name).constData(), O_CREAT | O_WRONLY | O_CLOEXEC, 0664)).isValid());
        QVERIFY(::mkfifo((locks + "/fifo.lock").constData(), 0664) == 0);
        QVERIFY(::symlink("free.lock", (locks + "/symlink.lock").constData()) == 0);
        QVERIFY(::link((locks + "/linked.lock").constData(), (root + "/elsewhere/team.txt").constData()) == 0);
        QVERIFY(::symlink((root + "/elsewhere").constData(), (root + "/.locks/models--org--linked").constData()) == 0);
        // A download's lock: held through another open file description of this process.
        const UniqueFd holder(::open((locks + "/held.lock").constData(), O_RDWR | O_CLOEXEC));
        QVERIFY(holder.isValid() && ::flock(holder.get(), LOCK_EX | LOCK_NB) == 0);

        UniqueFd replacedHolder;
        if (plain) {
            for (const char *name : {"free.lock", "held.lock", "replaced.lock"}) {
                const QByteArray path = locks + '/' + name;
                QVERIFY(UniqueFd(::open(path.constData(), O_CREAT | O_WRONLY | O_CLOEXEC, 0664)).isValid());
                plain->insert(keyOf(path));
            }
            // Replaced since the scan: a download made the lock file again and holds it.
            QVERIFY(::rename((locks + "/replaced.lock").constData(), (root + "/elsewhere/old.lock").constData()) == 0);
            replacedHolder.reset(::open((locks + "/replaced.lock").constData(), O_CREAT | O_RDWR | O_CLOEXEC, 0664));
            QVERIFY(replacedHolder.isValid() && ::flock(replacedHolder.get(), LOCK_EX | LOCK_NB) == 0);
        }

        const UniqueFd rootFd(::open(root.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
        LockProber prober(rootFd.get(), root, nullptr, plain);
        const QList<QPair<QByteArray, LockProbe::State>> cases = {
            {".locks/models--org--name/free.lock", LockProbe::State::Free},
            {".locks/models--org--name/held.lock", LockProbe::State::Held},
            {".locks/models--org--name/missing.lock", LockProbe::State::Free},
            {".locks/models--org--name/fifo.lock", LockProbe::State::Refused},
            {".locks/models--org--name/symlink.lock", LockProbe::State::Refused},
            {".locks/models--org--name/linked.lock", LockProbe::State::Refused},
            {".locks/models--org--linked/team.txt", LockProbe::State::Refused},
            {".locks/models--org--absent/x.lock", LockProbe::State::Free},
        };
        QList<QPair<QByteArray, LockProbe::State>> all = cases;
        if (plain)
            all.append({".locks/models--org--name/replaced.lock", LockProbe::State::Held});
        for (const auto &[path, expected] : all) {
            QString proberWhy, probeWhy;
            const LockProbe::State byProber = prober.probe(path, &proberWhy);
            const LockProbe::State byProbe = LockProbe::probe(rootFd.get(), root, path, &probeWhy);
            QVERIFY2(byProber == expected, path.constData());
            QVERIFY2(byProbe == expected, path.constData());
            QCOMPARE(proberWhy, probeWhy);  // the same reason, e.g. "refusing lock file …: not a regular file"
        }
        if (plain) {
            // Where /proc/locks answers (root, the initial PID namespace, ext4, xfs or tmpfs), the
            // listing it answered from, for the look for downloads: no folder is listed twice.
            if (const QHash<QByteArray, FileKey> *listed = prober.listing(".locks/models--org--name")) {
                QCOMPARE(listed->value(".locks/models--org--name/held.lock"), keyOf(locks + "/held.lock"));
                QCOMPARE(listed->value(".locks/models--org--name/replaced.lock"), keyOf(locks + "/replaced.lock"));
                QVERIFY(!listed->contains(".locks/models--org--name/fifo.lock"));
            }
            return;
        }
        // The regular one-link lock files it saw, with their identity, for the look for downloads.
        struct stat st;
        QVERIFY(::stat((locks + "/held.lock").constData(), &st) == 0);
        QCOMPARE(prober.opened().value(".locks/models--org--name/held.lock").inode, quint64(st.st_ino));
        QVERIFY(prober.opened().contains(".locks/models--org--name/free.lock"));
        QVERIFY(!prober.opened().contains(".locks/models--org--name/linked.lock"));
        QVERIFY(!prober.opened().contains(".locks/models--org--name/missing.lock"));
    }
};

QTEST_GUILESS_MAIN(TestLockProber)
#include "tst_LockProber.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
// The real privilege path: `hfcache repair` run by an ordinary user goes through pkexec, which
// asks polkitd on the system bus, which grants it through a test-only rule; and the refused case.
// The test starts its own system dbus-daemon and polkitd when none runs, and removes everything
// it installed.
#include "RepairTestCache.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace RepairTestCache;
using TestSupport::TestUser;

namespace {

const QString kAction = QStringLiteral("io.github.hfcache.repair.hfct-test");
const QString kPolicyFile = QStringLiteral("/usr/share/polkit-1/actions/io.github.hfcache.repair.hfct-test.policy");
const QString kRuleFile = QStringLiteral("/etc/polkit-1/rules.d/00-hfct-rep-test.rules");
const QString kPolkitd = QStringLiteral("/usr/lib/polkit-1/polkitd");
const QString kSudoersFile = QStringLiteral("/etc/sudoers.d/hfct-rep-test");

bool busHasName(const QString &name)
{
    QByteArray out;
    TestSupport::runProgram(QStringLiteral("dbus-send"),
                            {QStringLiteral("--system"), QStringLiteral("--print-reply"), QStringLiteral("--dest=org.freedesktop.DBus"),
                             QStringLiteral("/org/freedesktop/DBus"), QStringLiteral("org.freedesktop.DBus.NameHasOwner"),
                             QStringLiteral("string:") + name},
                            &out, nullptr, 5000);
    return out.contains("boolean true");
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(content) == content.size();
}

} // namespace

class TestRepairPkexec : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void grantedUserRepairsThroughPkexec();
    void refusedUserChangesNothing();
    void helperTakesTheUserFromPkexec();
    void sudoIsTheFallbackWhenPolkitSaysNo();
    void takingOwnershipIsItsOwnAction();

private:
    int runCliAs(const TestUser &user, const QByteArray &hub, QJsonObject *json);
    // `owner`'s own cache whose lock files B's old client made 0644: taking them over is
    // hfcache-helper --take-ownership (the helper repairs no cache whose root is someone else's).
    QByteArray lockedCache(QTemporaryDir &dir, const TestUser &owner);

    std::optional<TestUser> m_granted;
    std::optional<TestUser> m_refused;
    std::optional<TestUser> m_other;
    std::optional<TestUser> m_sudoer;
    std::optional<TestUser> m_baseOnly;
    qint64 m_dbusPid = 0;  // what we started, to stop it again
    QProcess m_polkitd;
};

void TestRepairPkexec::initTestCase()
{
    if (::geteuid() != 0)
        QSKIP("needs root to start a system bus and polkitd and to install a polkit rule");
    for (const QString &tool : {QStringLiteral("pkexec"), QStringLiteral("dbus-daemon"), QStringLiteral("dbus-send")})
        QVERIFY2(!QStandardPaths::findExecutable(tool).isEmpty(), qPrintable(tool + " missing: run installer/dev.sh"));
    QVERIFY2(QFile::exists(kPolkitd), "polkitd missing: run installer/dev.sh");
    struct stat st;
    QVERIFY(::stat(QFile::encodeName(QStandardPaths::findExecutable(QStringLiteral("pkexec"))).constData(), &st) == 0);
    QVERIFY2(st.st_mode & S_ISUID, "pkexec is not setuid root");
    m_granted = TestSupport::ensureUser(QStringLiteral("hfct-rep-pk"));
    m_refused = TestSupport::ensureUser(QStringLiteral("hfct-rep-nopk"));
    m_other = TestSupport::ensureUser(QStringLiteral("hfct-rep-b"));
    m_sudoer = TestSupport::ensureUser(QStringLiteral("hfct-rep-sudo"));
    m_baseOnly = TestSupport::ensureUser(QStringLiteral("hfct-rep-pkbase"));
    QVERIFY(m_granted && m_refused && m_other && m_sudoer && m_baseOnly);

    // The action as installer/ ships it, but for the build tree's helper and under a test id.
    QFile templateFile(TestSupport::sourceDir() + QStringLiteral("/installer/io.github.hfcache.repair.policy.in"));
    QVERIFY(templateFile.open(QIODevice::ReadOnly));
    QByteArray policy = templateFile.readAll();
    policy.replace("@PROJECT_HOMEPAGE_URL@", "https://github.com/hfcache/hfcache")
        .replace("@HFCACHE_POLKIT_ACTION@", kAction.toUtf8())
        .replace("@HFCACHE_HELPER_PATH@", QFile::encodeName(helperPath()));
    QVERIFY(writeFile(kPolicyFile, policy));
    // hfct-rep-pk may use both actions, hfct-rep-pkbase only the one without taking ownership.
    QVERIFY(writeFile(kRuleFile, QStringLiteral("polkit.addRule(function(action, subject) {\n"
                                                "    if (action.id == \"%1\" && subject.user == \"hfct-rep-pkbase\")\n"
                                                "        return polkit.Result.YES;\n"
                                                "    if (action.id != \"%1\" && action.id != \"%1.take-ownership\")\n"
                                                "        return polkit.Result.NOT_HANDLED;\n"
                                                "    if (subject.user == \"hfct-rep-pk\") return polkit.Result.YES;\n"
                                                "    return polkit.Result.NO;\n"
                                                "});\n").arg(kAction).toUtf8()));

    if (!busHasName(QStringLiteral("org.freedesktop.DBus"))) {
        QDir().mkpath(QStringLiteral("/run/dbus"));
        QFile::remove(QStringLiteral("/run/dbus/pid"));
        QFile::remove(QStringLiteral("/run/dbus/system_bus_socket"));
        QByteArray pid;
        QCOMPARE(TestSupport::runProgram(QStringLiteral("dbus-daemon"),
                                         {QStringLiteral("--system"), QStringLiteral("--fork"), QStringLiteral("--print-pid")}, &pid),
                 0);
        m_dbusPid = pid.trimmed().toLongLong();
        QTRY_VERIFY_WITH_TIMEOUT(busHasName(QStringLiteral("org.freedesktop.DBus")), 10000);
    }
    if (!busHasName(QStringLiteral("org.freedesktop.PolicyKit1"))) {
        m_polkitd.start(kPolkitd, {QStringLiteral("--no-debug")});
        QVERIFY(m_polkitd.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(busHasName(QStringLiteral("org.freedesktop.PolicyKit1")), 15000);
    } else {
        QThread::sleep(2);  // a running polkitd reloads actions and rules on inotify
    }
}

void TestRepairPkexec::cleanupTestCase()
{
    QFile::remove(kSudoersFile);
    QFile::remove(kRuleFile);
    QFile::remove(kPolicyFile);
    if (m_polkitd.state() != QProcess::NotRunning) {
        m_polkitd.terminate();
        m_polkitd.waitForFinished(5000);
    }
    if (m_dbusPid > 0) {
        ::kill(pid_t(m_dbusPid), SIGTERM);
        QFile::remove(QStringLiteral("/run/dbus/pid"));
        QFile::remove(QStringLiteral("/run/dbus/system_bus_socket"));
    }
}

QByteArray TestRepairPkexec::lockedCache(QTemporaryDir &dir, const TestUser &owner)
{
    const QByteArray hub = makeCache(QFile::encodeName(dir.path()));
    for (const char *name : {"b0.lock", "b1.lock"}) {
        const QByteArray lock = hub + "/.locks/models--t--repo/" + name;
        writeFile(QFile::decodeName(lock), {});
        ::chmod(lock.constData(), 0644);
    }
    TestSupport::runProgram(QStringLiteral("chown"), {QStringLiteral("-R"), QStringLiteral("hfct-rep-b:hfct-rep-b"),
                                                      QFile::decodeName(hub)});
    if (::chown(hub.constData(), owner.uid, owner.gid) != 0)
        qFatal("cannot chown %s", hub.constData());
    return hub;
}

int TestRepairPkexec::runCliAs(const TestUser &user, const QByteArray &hub, QJsonObject *json)
{
    QProcess process;
    QProcessEnvironment env;  // what a desktop session would pass, plus the build tree's helper
    env.insert(QStringLiteral("PATH"), QStringLiteral("/usr/bin:/bin"));
    env.insert(QStringLiteral("HFCACHE_HELPER"), helperPath());
    env.insert(QStringLiteral("HOME"), QStringLiteral("/home/") + user.name);
    process.setProcessEnvironment(env);
    process.start(QStringLiteral("setpriv"), {QStringLiteral("--reuid=%1").arg(user.uid), QStringLiteral("--regid=%1").arg(user.gid),
                                              QStringLiteral("--init-groups"), QStringLiteral("--"), qEnvironmentVariable("HFCACHE_CLI"),
                                              QStringLiteral("repair"), QStringLiteral("--cache-dir"), QFile::decodeName(hub),
                                              QStringLiteral("--locks-only"), QStringLiteral("--yes"), QStringLiteral("--json")});
    process.closeWriteChannel();
    if (!process.waitForFinished(60000))
        return -1;
    const QByteArray err = process.readAllStandardError();
    if (!err.isEmpty())
        qInfo("stderr: %s", err.constData());
    *json = QJsonDocument::fromJson(process.readAllStandardOutput()).object();
    return process.exitCode();
}

void TestRepairPkexec::grantedUserRepairsThroughPkexec()
{
    QTemporaryDir dir;
    const QByteArray hub = lockedCache(dir, *m_granted);
    QJsonObject json;
    QCOMPARE(runCliAs(*m_granted, hub, &json), 0);
    const QJsonObject helper = json.value(QLatin1String("helper")).toObject();
    QCOMPARE(helper.value(QLatin1String("method")).toString(), QStringLiteral("pkexec"));
    QVERIFY(helper.value(QLatin1String("ran")).toBool());
    QCOMPARE(json.value(QLatin1String("remaining")).toInt(), 0);
    for (const char *name : {"b0.lock", "b1.lock"}) {
        struct stat st;
        QCOMPARE(::lstat((hub + "/.locks/models--t--repo/" + name).constData(), &st), 0);
        QCOMPARE(st.st_uid, m_granted->uid);  // PKEXEC_UID: the user who asked, not root
        QCOMPARE(st.st_mode & 07777, 0664u);
    }
}

void TestRepairPkexec::refusedUserChangesNothing()
{
    QTemporaryDir dir;
    const QByteArray hub = lockedCache(dir, *m_refused);
    const TreeState before = treeState(hub);
    QJsonObject json;
    QCOMPARE(runCliAs(*m_refused, hub, &json), 1);
    const QJsonObject helper = json.value(QLatin1String("helper")).toObject();
    QVERIFY(!helper.value(QLatin1String("ran")).toBool());
    QVERIFY(helper.value(QLatin1String("authorizationRefused")).toBool());
    QVERIFY2(helper.value(QLatin1String("error")).toString().contains(QLatin1String("127")),
             qPrintable(helper.value(QLatin1String("error")).toString()));
    QVERIFY(treeState(hub) == before);
}

void TestRepairPkexec::helperTakesTheUserFromPkexec()
{
    // Granted through polkit, the helper still only gives files to the user pkexec names.
    QTemporaryDir dir;
    const QByteArray hub = lockedCache(dir, *m_granted);
    const TreeState before = treeState(hub);
    QProcess process;
    process.start(QStringLiteral("setpriv"), {QStringLiteral("--reuid=%1").arg(m_granted->uid), QStringLiteral("--regid=%1").arg(m_granted->gid),
                                              QStringLiteral("--init-groups"), QStringLiteral("--"), QStringLiteral("pkexec"), helperPath()});
    process.write(plan(hub, {"{\"op\":\"chown\",\"path\":\".locks/models--t--repo/b0.lock\",\"uid\":" + QByteArray::number(m_other->uid + 0)
                             + "}",
                             "{\"op\":\"chown\",\"path\":\".locks/models--t--repo/b1.lock\",\"uid\":0}"}));
    process.closeWriteChannel();
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitCode(), 3);
    QVERIFY(process.readAllStandardOutput().contains("not the invoking user"));
    QVERIFY(treeState(hub) == before);
}

void TestRepairPkexec::sudoIsTheFallbackWhenPolkitSaysNo()
{
    if (QStandardPaths::findExecutable(QStringLiteral("sudo")).isEmpty())
        QSKIP("sudo is not installed (installer/dev.sh installs it)");
    // polkit refuses this user (the rule says NO to all but hfct-rep-pk); sudo lets them run the
    // helper, and only the helper, without a password.
    QVERIFY(writeFile(kSudoersFile, QStringLiteral("hfct-rep-sudo ALL=(root) NOPASSWD: %1\n").arg(helperPath()).toUtf8()));
    ::chmod(QFile::encodeName(kSudoersFile).constData(), 0440);
    QTemporaryDir dir;
    const QByteArray hub = lockedCache(dir, *m_sudoer);
    QJsonObject json;
    QCOMPARE(runCliAs(*m_sudoer, hub, &json), 0);
    const QJsonObject helper = json.value(QLatin1String("helper")).toObject();
    QCOMPARE(helper.value(QLatin1String("method")).toString(), QStringLiteral("sudo"));
    QVERIFY(helper.value(QLatin1String("ran")).toBool());
    struct stat st;
    QCOMPARE(::lstat((hub + "/.locks/models--t--repo/b0.lock").constData(), &st), 0);
    QCOMPARE(st.st_uid, m_sudoer->uid);  // SUDO_UID: the user who asked
    QFile::remove(kSudoersFile);
}

// `pkexec hfcache-helper --take-ownership` is the take-ownership action (exec.argv1), which a
// user allowed only the plain repair action does not get; plain repairs still work for them.
void TestRepairPkexec::takingOwnershipIsItsOwnAction()
{
    QTemporaryDir dir;
    const QByteArray hub = lockedCache(dir, *m_baseOnly);
    const TreeState before = treeState(hub);
    QJsonObject json;
    QCOMPARE(runCliAs(*m_baseOnly, hub, &json), 1);  // B's lock files: taking them over
    const QJsonObject helper = json.value(QLatin1String("helper")).toObject();
    QCOMPARE(helper.value(QLatin1String("method")).toString(), QStringLiteral("pkexec"));
    QVERIFY(!helper.value(QLatin1String("ran")).toBool());
    QVERIFY(helper.value(QLatin1String("authorizationRefused")).toBool());
    QVERIFY(treeState(hub) == before);

    // The same helper without the argument: the plain action, granted; it changes what needs no
    // new owner (B's 0644 lock file becomes 0664) and refuses to take anything over.
    const auto pkexecHelper = [&](const QStringList &arguments, const QByteArray &planJson, QByteArray *out) {
        QProcess process;
        process.start(QStringLiteral("setpriv"), QStringList{QStringLiteral("--reuid=%1").arg(m_baseOnly->uid),
                                                             QStringLiteral("--regid=%1").arg(m_baseOnly->gid),
                                                             QStringLiteral("--init-groups"), QStringLiteral("--"),
                                                             QStringLiteral("pkexec"), helperPath()} + arguments);
        process.write(planJson);
        process.closeWriteChannel();
        process.waitForFinished(30000);
        *out = process.readAllStandardOutput();
        return process.exitCode();
    };
    const QByteArray b0 = ".locks/models--t--repo/b0.lock";
    QByteArray out;
    QCOMPARE(pkexecHelper({}, plan(hub, {"{\"op\":\"chmod\",\"path\":\"" + b0 + "\",\"mode\":\"0664\"}"}), &out), 0);
    struct stat st;
    QCOMPARE(::lstat((hub + '/' + b0).constData(), &st), 0);
    QCOMPARE(st.st_mode & 07777, 0664u);
    QCOMPARE(st.st_uid, m_other->uid);
    const QByteArray chown = plan(hub, {"{\"op\":\"chown\",\"path\":\"" + b0 + "\",\"uid\":" + QByteArray::number(m_baseOnly->uid) + "}"});
    QCOMPARE(pkexecHelper({}, chown, &out), 3);
    QVERIFY2(out.contains("needs an administrator"), out.constData());
    QCOMPARE(pkexecHelper({QStringLiteral("--take-ownership")}, chown, &out), 127);  // polkit: not this user
    QCOMPARE(::lstat((hub + '/' + b0).constData(), &st), 0);
    QCOMPARE(st.st_uid, m_other->uid);
}

QTEST_GUILESS_MAIN(TestRepairPkexec)
#include "tst_RepairPkexec.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
// The helper protocol without root: JSON both ways (raw names included) and the checks that need
// no file system.
#include "repair/RepairPlan.h"

#include <QtTest>

using namespace hfcache;

class TestRepairPlan : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTripsRawNames();
    void decodesEscapes();
    void validation_data();
    void validation();
    void systemPaths();
};

void TestRepairPlan::roundTripsRawNames()
{
    RepairPlan plan;
    plan.root = "/srv/h\xc3\xa9/hub";
    plan.sharedGroup = 1234;
    for (const QByteArray &name : {QByteArray("models--a/blobs/plain"), QByteArray("models--a/snapshots/c/with space"),
                                   QByteArray("models--a/snapshots/c/new\nline"), QByteArray("models--a/snapshots/c/caf\xe9"),
                                   QByteArray("models--a/snapshots/c/quote\"back\\slash")}) {
        RepairOperation op;
        op.kind = RepairOperation::Kind::Chmod;
        op.path = name;
        op.mode = 0664;
        plan.operations.append(op);
    }
    RepairOperation chown;
    chown.kind = RepairOperation::Kind::Chown;
    chown.path = ".";
    chown.uid = 1000;
    chown.gid = 1234;
    plan.operations.append(chown);

    RepairPlan back;
    QString error;
    QVERIFY2(RepairPlan::fromJson(plan.toJson(), &back, &error), qPrintable(error));
    QCOMPARE(back.root, plan.root);
    QCOMPARE(back.sharedGroup, 1234);
    QCOMPARE(back.operations.size(), plan.operations.size());
    for (qsizetype i = 0; i < plan.operations.size(); ++i) {
        QCOMPARE(back.operations[i].path, plan.operations[i].path);
        QCOMPARE(back.operations[i].kind, plan.operations[i].kind);
        QCOMPARE(back.operations[i].mode, plan.operations[i].mode);
        QCOMPARE(back.operations[i].uid, plan.operations[i].uid);
        QCOMPARE(back.operations[i].gid, plan.operations[i].gid);
    }
}

void TestRepairPlan::decodesEscapes()
{
    // What Python's json.dumps(os.fsdecode(name)) writes: \u pairs, \udcXX for raw bytes.
    RepairPlan plan;
    QString error;
    QVERIFY2(RepairPlan::fromJson(R"({"version":1,"root":"/srv/hf/hub","operations":[)"
                                  R"({"op":"chmod","path":"a/\ud83e\udd17\u00e9\udcff\t\"\\\/","mode":"0644"}]})",
                                  &plan, &error),
             qPrintable(error));
    QCOMPARE(plan.operations.size(), 1);
    QCOMPARE(plan.operations[0].path, QByteArray("a/\xf0\x9f\xa4\x97\xc3\xa9\xff\t\"\\/"));
}

void TestRepairPlan::validation_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");  // empty: valid
    const QByteArray head = R"({"version":1,"root":"/srv/hf/hub","operations":[)";
    QTest::newRow("valid") << head + R"({"op":"chmod","path":"models--a/blobs/x","mode":"0664"}]})" << QString();
    QTest::newRow("not json") << QByteArray("{\"version\":1,") << "malformed";
    QTest::newRow("array") << QByteArray("[]") << "not a JSON object";
    QTest::newRow("version 2") << QByteArray(R"({"version":2,"root":"/srv/hf/hub","operations":[]})") << "version";
    QTest::newRow("root not a string") << QByteArray(R"({"version":1,"root":1,"operations":[]})") << "'root'";
    QTest::newRow("extra key") << QByteArray(R"({"version":1,"root":"/srv/hf/hub","operations":[],"x":1})") << "unknown key";
    QTest::newRow("negative uid") << head + R"({"op":"chown","path":"a","uid":-1}]})" << "ids";
    QTest::newRow("fractional gid") << head + R"({"op":"chgrp","path":"a","gid":1.5}]})" << "ids";
    QTest::newRow("mode not octal") << head + R"({"op":"chmod","path":"a","mode":"0698"}]})" << "octal";
    QTest::newRow("mode as number") << head + R"({"op":"chmod","path":"a","mode":436}]})" << "octal";
    QTest::newRow("chown without uid") << head + R"({"op":"chown","path":"a"}]})" << "do not fit";
    QTest::newRow("chmod with uid") << head + R"({"op":"chmod","path":"a","mode":"0644","uid":1000}]})" << "do not fit";
    QTest::newRow("setgid with mode") << head + R"({"op":"setgid","path":"a","mode":"0644"}]})" << "only goes with chmod";
    QTest::newRow("dot-dot") << head + R"({"op":"chmod","path":"a/../../etc","mode":"0644"}]})" << "'..'";
    QTest::newRow("dot") << head + R"({"op":"chmod","path":"a/./b","mode":"0644"}]})" << "'.'";
    QTest::newRow("trailing slash") << head + R"({"op":"chmod","path":"a/","mode":"0644"}]})" << "''";
    QTest::newRow("nul byte") << head + R"({"op":"chmod","path":"a\u0000b","mode":"0644"}]})" << "NUL";
    QTest::newRow("relative root") << QByteArray(R"({"version":1,"root":"srv/hub","operations":[]})") << "absolute";
    QTest::newRow("root with dot-dot") << QByteArray(R"({"version":1,"root":"/srv/../etc","operations":[]})") << "absolute";
    // The helper's own reader: strict about what QJsonDocument would have let through.
    QTest::newRow("duplicate path") << head + R"({"op":"chmod","path":"a","path":"../etc","mode":"0644"}]})" << "duplicate key";
    QTest::newRow("duplicate root") << QByteArray(R"({"version":1,"root":"/srv/hf/hub","root":"/etc","operations":[]})")
                                    << "duplicate key";
    QTest::newRow("raw non-UTF-8") << head + "{\"op\":\"chmod\",\"path\":\"a\xff\",\"mode\":\"0644\"}]}" << "UTF-8";
    QTest::newRow("unpaired surrogate") << head + R"({"op":"chmod","path":"a\udc10","mode":"0644"}]})" << "surrogate";
    QTest::newRow("control character") << head + "{\"op\":\"chmod\",\"path\":\"a\nb\",\"mode\":\"0644\"}]}" << "control";
    QTest::newRow("garbage after") << head + R"({"op":"chmod","path":"a","mode":"0644"}]} x)" << "more after";
    QTest::newRow("object as uid") << head + R"({"op":"chown","path":"a","uid":{"x":1}}]})" << "ids";
    QTest::newRow("huge uid") << head + R"({"op":"chown","path":"a","uid":4294967295}]})" << "ids";
    QTest::newRow("incomplete elsewhere") << head + R"({"op":"remove-incomplete","path":"models--a/snapshots/c/x.incomplete"}]})"
                                          << ".incomplete";
}

void TestRepairPlan::validation()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    RepairInvoker invoker;
    invoker.uid = 1000;
    invoker.gid = 1000;
    invoker.groups = {1000};
    RepairPlan plan;
    QString why;
    const bool ok = RepairPlan::fromJson(json, &plan, &why) && plan.validate(invoker, &why);
    if (error.isEmpty()) {
        QVERIFY2(ok, qPrintable(why));
    } else {
        QVERIFY(!ok);
        QVERIFY2(why.contains(error), qPrintable(why));
    }
}

void TestRepairPlan::systemPaths()
{
    for (const char *path : {"/", "/etc", "/etc/x", "/usr/lib/python3", "/proc/1", "/var/lib/dpkg", "/home", "/root", "/tmp"})
        QVERIFY2(RepairPlan::isSystemPath(path), path);
    for (const char *path : {"/home/a/.cache/huggingface/hub", "/root/.cache/huggingface/hub", "/srv/hf", "/tmp/x/hub",
                             "/var/cache/hf", "/etcetera/hub", "/data/hub"})
        QVERIFY2(!RepairPlan::isSystemPath(path), path);
}

QTEST_GUILESS_MAIN(TestRepairPlan)
#include "tst_RepairPlan.moc"

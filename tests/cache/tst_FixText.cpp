// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
// The one table of fix texts: every fix action has the command doctor prints and the sentence
// the window shows, and both say the exact value and path.
#include "cache/FixText.h"

#include <QtTest>

using namespace hfcache;

class tst_FixText : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyActionHasBothTexts();
    void textsNameValueAndPath();
    void unknownActionIsShownAsItIs();
    void namesStayAsTheyAre();
};

void tst_FixText::everyActionHasBothTexts()
{
    const QList<FixAction> actions = allFixActions();
    QVERIFY(!actions.isEmpty());
    for (FixAction action : actions) {
        const QString name = fixActionName(action);
        QVERIFY2(FixText::hasTexts(action), qPrintable(name));
        const FindingFix fix = makeFix(action, "/cache/models--org--name", QStringLiteral("VALUE"));
        const QString command = FixText::command(fix);
        const QString prose = FixText::prose(fix);
        QVERIFY2(!command.isEmpty() && !command.contains(QLatin1Char('{')), qPrintable(name + QStringLiteral(": ") + command));
        QVERIFY2(!prose.isEmpty() && !prose.contains(QLatin1Char('{')), qPrintable(name + QStringLiteral(": ") + prose));
        QVERIFY2(prose.endsWith(QLatin1Char('.')), qPrintable(prose));
        QVERIFY2(prose.contains(u"VALUE") || prose.contains(u"/cache/models--org--name"), qPrintable(prose));
    }
}

void tst_FixText::textsNameValueAndPath()
{
    const QByteArray path = "/cache/models--org--name";
    QCOMPARE(FixText::command(makeFix(FixAction::Chown, path, QStringLiteral("bob:bob"))),
             QStringLiteral("chown -h bob:bob /cache/models--org--name"));
    QCOMPARE(FixText::prose(makeFix(FixAction::Chown, path, QStringLiteral("bob:bob"))),
             QStringLiteral("Give /cache/models--org--name to the user bob:bob."));
    QCOMPARE(FixText::command(makeFix(FixAction::DefaultAcl, path, QStringLiteral("g::rwx"))),
             QStringLiteral("setfacl -d -m g::rwx /cache/models--org--name"));
    QCOMPARE(FixText::command(makeFix(FixAction::MountOption, "/mnt/nfs", QStringLiteral("local_lock=none"))),
             QStringLiteral("mount /mnt/nfs with -o local_lock=none"));
    QCOMPARE(FixText::prose(makeFix(FixAction::Remove, path, QStringLiteral("x.lock"))),
             QStringLiteral("Remove /cache/models--org--name."));
}

void tst_FixText::unknownActionIsShownAsItIs()
{
    const FindingFix fix{QStringLiteral("reticulate"), "/cache/x", QStringLiteral("splines")};
    QCOMPARE(FixText::command(fix), QStringLiteral("reticulate splines /cache/x"));
    QCOMPARE(FixText::prose(fix), QStringLiteral("reticulate splines /cache/x"));
}

void tst_FixText::namesStayAsTheyAre()
{
    // A file name with a field's spelling and doubled spaces is the path, not a field.
    const FindingFix fix = makeFix(FixAction::Chmod, "/cache/a  {value}", QStringLiteral("2775"));
    QCOMPARE(FixText::command(fix), QStringLiteral("chmod 2775 /cache/a  {value}"));
    QCOMPARE(FixText::prose(fix), QStringLiteral("Change the permissions of /cache/a  {value} to 2775."));
}

QTEST_GUILESS_MAIN(tst_FixText)
#include "tst_FixText.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
// The window's Updates state and Hub fetches against a real fakehub on 127.0.0.1, offscreen:
// fresh answers after Check for Updates, the last known ones offline and after a restart, and
// Download Missing Files restoring a deleted file of a revision.
#include "../hub/FakeHub.h"
#include "support/TestSupport.h"
#include "WindowFixture.h"

#include "hub/FetchDialog.h"
#include "hub/FetchFeature.h"
#include "hub/UpdatesFeature.h"
#include "browser/CacheFilterModel.h"
#include "browser/CacheTreeModel.h"
#include "common/AppSettings.h"
#include "app/MainWindow.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>
#include <QTreeView>

#include <memory>

using namespace hfcache;

namespace {

const QByteArray tinyDev = "54f3d8f6613ad3fee121298dd11fa3e96aa769de";
const QByteArray tinyFolder = "models--fixture-org--tiny-model";

} // namespace

class tst_UpdatesFeature : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void checkShowsStatesThenOfflineKeepsThem();
    void automaticChecksOnlyWhenTurnedOn();
    void downloadMissingFiles();
    void cancelStalledDownload();
    void fetchOfflineSaysWhy();

private:
    void open(MainWindow &window);
    static void saveShot(QWidget &widget, const QString &name);
    static QModelIndex updatesCell(MainWindow &window, const NodeRef &ref)
    {
        return WindowFixture::model(window)->indexOf(ref).siblingAtColumn(CacheTreeModel::UpdatesColumn);
    }
    static UpdatesFeature *updates(MainWindow &window) { return window.findChild<UpdatesFeature *>(); }
    static QString indicatorText(MainWindow &window) { return window.findChild<QLabel *>(QStringLiteral("updatesIndicator"))->text(); }
    // What the fetch dialog says it did, in place of the rate once the fetch ended.
    static QString fetchSummary(const FetchDialog &dialog) { return dialog.findChild<QLabel *>(QStringLiteral("rate"))->text(); }

    FakeHub m_hub;
    QTemporaryDir m_settingsDir;
    std::unique_ptr<QTemporaryDir> m_tmp;
    QString m_cache;
};

void tst_UpdatesFeature::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    QVERIFY(m_hub.start());
    for (const char *name : {"HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_TOKEN", "HF_TOKEN_PATH", "http_proxy",
                             "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"})
        qunsetenv(name);
    qputenv("HF_ENDPOINT", m_hub.endpoint().toUtf8());
}

void tst_UpdatesFeature::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(!TestSupport::extractFixtures(*m_tmp).isEmpty());
    m_cache = m_tmp->filePath(QStringLiteral("fixture-cache-v1.28"));
    qputenv("HF_HOME", m_tmp->filePath(QStringLiteral("home")).toUtf8());
    qputenv("XDG_CACHE_HOME", m_tmp->filePath(QStringLiteral("xdg")).toUtf8());
    qunsetenv("HF_HUB_OFFLINE");
}

void tst_UpdatesFeature::open(MainWindow &window)
{
    QSignalSpy finished(&window, &MainWindow::scanFinished);
    window.resize(1100, 700);
    window.show();
    window.openRoot(QFile::encodeName(m_cache));
    QVERIFY(finished.wait(20000));
}

// For people to look at: HFCACHE_SCREENSHOT_DIR=/tmp/shots.
void tst_UpdatesFeature::saveShot(QWidget &widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("HFCACHE_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        QVERIFY(widget.grab().save(dir + QLatin1Char('/') + name));
}

void tst_UpdatesFeature::checkShowsStatesThenOfflineKeepsThem()
{
    // main is behind the Hub's main.
    QFile ref(m_cache + QStringLiteral("/models--fixture-org--tiny-model/refs/main"));
    QVERIFY(ref.open(QIODevice::WriteOnly | QIODevice::Truncate));
    ref.write(tinyDev);
    ref.close();
    {
        MainWindow window;
        open(window);
        UpdatesFeature *feature = updates(window);
        QVERIFY(feature);
        QVERIFY(!feature->result(RepoType::Model, QStringLiteral("fixture-org/tiny-model"), QStringLiteral("main")));
        QCOMPARE(m_hub.count("/revision/"), 0);  // nothing asked without the user

        window.select({NodeRef::Kind::Repo, tinyFolder, {}, {}});
        QCOMPARE(window.findChild<QLabel *>(QStringLiteral("updatesIndicator"))->text(), QStringLiteral("Updates: not checked"));
        QSignalSpy done(feature, &UpdatesFeature::checkFinished);
        feature->findChild<QAction *>(QStringLiteral("checkUpdatesAction"))->trigger();
        QVERIFY(indicatorText(window).startsWith(QStringLiteral("Updates: checking")));
        QVERIFY(done.wait(20000));
        const auto main = feature->result(RepoType::Model, QStringLiteral("fixture-org/tiny-model"), QStringLiteral("main"));
        QVERIFY(main);
        QCOMPARE(main->state, UpdateState::UpdateAvailable);
        const auto dev = feature->result(RepoType::Model, QStringLiteral("fixture-org/tiny-model"), QStringLiteral("dev"));
        QVERIFY(dev);
        QCOMPARE(dev->state, UpdateState::UpToDate);
        // Only the selected repo was asked about.
        QVERIFY(!feature->result(RepoType::Model, QStringLiteral("gpt2"), QStringLiteral("main")));
        QCOMPARE(window.findChild<QLabel *>(QStringLiteral("updatesIndicator"))->text(), QStringLiteral("Updates: update available"));
        WindowFixture::tree(window)->scrollTo(WindowFixture::proxy(window)->mapFromSource(updatesCell(window, {NodeRef::Kind::Repo, tinyFolder, {}, {}})));
        saveShot(window, QStringLiteral("updates-window.png"));
        QVERIFY(window.findChild<QLabel *>(QStringLiteral("updatesIndicator"))->toolTip().contains(QStringLiteral("fixture-org/tiny-model@main: update available")));
        QVERIFY(window.findChild<QLabel *>(QStringLiteral("updatesIndicator"))->toolTip().contains(QStringLiteral("fixture-org/tiny-model@dev: up to date")));

        // The tree's Updates column: repo and revision rows, nothing for repos not checked.
        QCOMPARE(updatesCell(window, {NodeRef::Kind::Repo, tinyFolder, {}, {}}).data().toString(), QStringLiteral("update available"));
        QVERIFY(!updatesCell(window, {NodeRef::Kind::Repo, tinyFolder, {}, {}}).data(Qt::DecorationRole).value<QIcon>().isNull());
        QVERIFY(updatesCell(window, {NodeRef::Kind::Repo, tinyFolder, {}, {}}).data(Qt::ToolTipRole).toString().contains(QStringLiteral("@dev: up to date")));
        QCOMPARE(updatesCell(window, {NodeRef::Kind::Revision, tinyFolder, tinyDev, {}}).data().toString(), QStringLiteral("update available"));
        QVERIFY(updatesCell(window, {NodeRef::Kind::Repo, "models--gpt2", {}, {}}).data().toString().isEmpty());
        QCOMPARE(WindowFixture::model(window)->headerData(CacheTreeModel::UpdatesColumn, Qt::Horizontal).toString(), QStringLiteral("Updates"));

        // The revision main points at shows main's state.
        window.select({NodeRef::Kind::Revision, tinyFolder, tinyDev, {}});
        QCOMPARE(window.findChild<QLabel *>(QStringLiteral("updatesIndicator"))->text(), QStringLiteral("Updates: update available"));
    }

    // Offline, in a new window: the last known state is there before any check, and a check
    // opens no socket and keeps showing it.
    // A file to download, and no network allowed.
    const QString victim = m_cache + QStringLiteral("/models--fixture-org--tiny-model/snapshots/") + QString::fromLatin1(tinyDev)
                           + QStringLiteral("/README.md");
    QVERIFY(QFile::remove(QFileInfo(victim).canonicalFilePath()));
    qputenv("HF_HUB_OFFLINE", "1");
    const int requests = int(m_hub.requests().size());
    MainWindow window;
    open(window);
    UpdatesFeature *feature = updates(window);
    window.select({NodeRef::Kind::Repo, tinyFolder, {}, {}});
    // Remembered, not answered now: marked so (issue 15, D35). Shown once the remembered answers are read.
    QTRY_COMPARE(window.findChild<QLabel *>(QStringLiteral("updatesIndicator"))->text(), QStringLiteral("Updates: update available (last known)"));
    QCOMPARE(updatesCell(window, {NodeRef::Kind::Repo, tinyFolder, {}, {}}).data().toString(),
             QStringLiteral("update available (last known)"));
    QSignalSpy done(feature, &UpdatesFeature::checkFinished);
    feature->findChild<QAction *>(QStringLiteral("checkUpdatesAction"))->trigger();
    QVERIFY(done.wait(20000));
    const auto main = feature->result(RepoType::Model, QStringLiteral("fixture-org/tiny-model"), QStringLiteral("main"));
    QVERIFY(main);
    QCOMPARE(main->state, UpdateState::Unknown);
    QVERIFY(main->lastKnownState == UpdateState::UpdateAvailable);
    QCOMPARE(UpdatesFeature::shownState(*main), UpdateState::UpdateAvailable);
    QCOMPARE(window.findChild<QLabel *>(QStringLiteral("updatesIndicator"))->text(), QStringLiteral("Updates: update available (last known)"));
    const QString tip = window.findChild<QLabel *>(QStringLiteral("updatesIndicator"))->toolTip();
    QVERIFY(tip.contains(QStringLiteral("last known")));
    // The commit the Hub had then, never an empty "(Hub: )"; no API URL; rich text, so Qt wraps it.
    QVERIFY2(!tip.contains(QStringLiteral("(Hub: )")), qPrintable(tip));
    QVERIFY2(tip.contains(QStringLiteral("(Hub: ")), qPrintable(tip));
    QVERIFY2(!tip.contains(QStringLiteral("://")), qPrintable(tip));
    QVERIFY(Qt::mightBeRichText(tip));
    const QString cellTip = updatesCell(window, {NodeRef::Kind::Repo, tinyFolder, {}, {}}).data(Qt::ToolTipRole).toString();
    QVERIFY2(!cellTip.contains(QStringLiteral("(Hub: )")) && !cellTip.contains(QStringLiteral("://")), qPrintable(cellTip));
    QCOMPARE(int(m_hub.requests().size()), requests);
}

void tst_UpdatesFeature::automaticChecksOnlyWhenTurnedOn()
{
    AppSettings settings;
    settings.automaticUpdateChecks = true;
    settings.save();
    MainWindow window;
    UpdatesFeature *feature = updates(window);
    QSignalSpy done(feature, &UpdatesFeature::checkFinished);
    open(window);
    QVERIFY(done.wait(20000));
    // Every repo, not only a selected one.
    QVERIFY(feature->result(RepoType::Model, QStringLiteral("gpt2"), QStringLiteral("main")));
    QVERIFY(feature->result(RepoType::Model, QStringLiteral("fixture-org/tiny-model"), QStringLiteral("dev")));
    // Once per cache, not on every refresh.
    const int requests = int(m_hub.requests().size());
    QSignalSpy rescanned(&window, &MainWindow::scanFinished);
    window.refresh();
    QVERIFY(rescanned.wait(20000));
    QVERIFY(!indicatorText(window).startsWith(QStringLiteral("Updates: checking")));
    QCOMPARE(int(m_hub.requests().size()), requests);
    AppSettings{}.save();
}

void tst_UpdatesFeature::downloadMissingFiles()
{
    MainWindow window;
    open(window);
    const QString snapshot = m_cache + QStringLiteral("/models--fixture-org--tiny-model/snapshots/") + QString::fromLatin1(tinyDev);
    // A file and its blob gone: the fetch must download it again, not only link it.
    const QString victim = snapshot + QStringLiteral("/README.md");
    const QString blob = QFileInfo(victim).canonicalFilePath();
    QVERIFY(!blob.isEmpty());
    const qint64 size = QFileInfo(blob).size();
    QVERIFY(QFile::remove(victim));
    QVERIFY(QFile::remove(blob));

    auto *fetch = window.findChild<FetchFeature *>();
    QVERIFY(fetch);
    window.select({NodeRef::Kind::Repo, tinyFolder, {}, {}});
    QVERIFY(!fetch->run({.missingOnly = true}));  // a repo is not a revision
    window.select({NodeRef::Kind::Revision, tinyFolder, tinyDev, {}});
    QVERIFY(fetch->findChild<QAction *>(QStringLiteral("downloadMissingAction"))->isEnabled());
    QSignalSpy rescanned(&window, &MainWindow::scanFinished);
    FetchDialog *dialog = fetch->run({.missingOnly = true});
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QSignalSpy done(dialog, &FetchDialog::fetchFinished);
    QVERIFY(done.wait(30000));
    QVERIFY2(dialog->findChild<HubFetch *>()->ok(), qPrintable(fetchSummary(*dialog)));
    saveShot(*dialog, QStringLiteral("fetch-dialog.png"));
    QVERIFY(QFileInfo(victim).isSymLink());
    QCOMPARE(QFileInfo(victim).size(), size);
    QVERIFY2(fetchSummary(*dialog).startsWith(QStringLiteral("Downloaded: 1 ·")), qPrintable(fetchSummary(*dialog)));
    QVERIFY(rescanned.wait(20000));  // the tree shows what the fetch wrote
}

// The Hub's CDN sends a part of the file and hangs: progress shows what came, the window stays
// responsive, and Cancel ends the fetch.
void tst_UpdatesFeature::cancelStalledDownload()
{
    MainWindow window;
    open(window);
    const QByteArray folder = "models--fixture-org--stalled-model";
    const QStringList commits = QDir(m_cache + QLatin1Char('/') + QString::fromLatin1(folder) + QStringLiteral("/snapshots"))
                                    .entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    QCOMPARE(commits.size(), 1);
    window.select({NodeRef::Kind::Revision, folder, commits.first().toLatin1(), {}});
    FetchDialog *dialog = window.findChild<FetchFeature *>()->run({.missingOnly = true});
    QVERIFY(dialog);
    QSignalSpy progress(dialog->findChild<HubFetch *>(), &HubFetch::progress);
    QSignalSpy done(dialog, &FetchDialog::fetchFinished);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->findChild<HubFetch *>()->bytesReceived() > 0, 20000);
    QVERIFY(!progress.isEmpty());
    auto *rate = dialog->findChild<QLabel *>(QStringLiteral("rate"));
    QVERIFY(rate);
    QVERIFY2(rate->text().contains(QStringLiteral("/s")), qPrintable(rate->text()));
    QVERIFY(done.isEmpty());
    saveShot(*dialog, QStringLiteral("fetch-progress.png"));

    QPushButton *cancel = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Cancel);
    QVERIFY(cancel);
    cancel->click();
    QVERIFY(done.count() == 1 || done.wait(10000));
    QVERIFY(!dialog->findChild<HubFetch *>()->ok());
    QVERIFY(dialog->isVisible());  // the user reads what happened, then closes
    QVERIFY(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Close));
}

void tst_UpdatesFeature::fetchOfflineSaysWhy()
{
    // A file to download, and no network allowed.
    const QString victim = m_cache + QStringLiteral("/models--fixture-org--tiny-model/snapshots/") + QString::fromLatin1(tinyDev)
                           + QStringLiteral("/README.md");
    QVERIFY(QFile::remove(QFileInfo(victim).canonicalFilePath()));
    qputenv("HF_HUB_OFFLINE", "1");
    const int requests = int(m_hub.requests().size());
    MainWindow window;
    open(window);
    window.select({NodeRef::Kind::Revision, tinyFolder, tinyDev, {}});
    FetchDialog *dialog = window.findChild<FetchFeature *>()->run({});
    QVERIFY(dialog);
    QSignalSpy done(dialog, &FetchDialog::fetchFinished);
    QVERIFY(done.count() == 1 || done.wait(10000));
    QVERIFY(!dialog->findChild<HubFetch *>()->ok());
    QVERIFY2(fetchSummary(*dialog).contains(QStringLiteral("offline"), Qt::CaseInsensitive), qPrintable(fetchSummary(*dialog)));
    saveShot(*dialog, QStringLiteral("fetch-offline.png"));
    QCOMPARE(int(m_hub.requests().size()), requests);
}

QTEST_MAIN(tst_UpdatesFeature)
#include "tst_UpdatesFeature.moc"

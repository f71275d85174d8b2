// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "app/HeadlessRun.h"
#include "app/MainWindow.h"
#include "app/SingleInstance.h"

#include "AppInfo.h"
#include "cache/CacheLocations.h"
#include "util/BackgroundThreads.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QIcon>

int main(int argc, char *argv[])
{
    QElapsedTimer sinceStart;
    sinceStart.start();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("hfcache"));
    QApplication::setApplicationDisplayName(QString::fromUtf8(hfcache::AppInfo::kDisplayName));
    QApplication::setOrganizationName(QStringLiteral("hfcache"));
    QApplication::setApplicationVersion(QStringLiteral(HFCACHE_VERSION));
    QApplication::setDesktopFileName(QString::fromLatin1(hfcache::AppInfo::kAppId));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/app/hfcache.svg")));
    // Scans and audits yield to the GUI thread: on 2 cores, two scan threads at the same priority
    // left it a third of a core and stretched 20 ms of painting into 50 ms stalls.
    hfcache::setBackgroundNiceIncrement(5);

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Browse the Hugging Face Hub cache."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption cacheDir(QStringLiteral("cache-dir"), QStringLiteral("The hub cache to open (default: as huggingface_hub resolves it)."), QStringLiteral("DIR"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"), QStringLiteral("Save the window as an image after the first full scan, then quit."), QStringLiteral("FILE"));
    const QCommandLineOption treemapShot(QStringLiteral("screenshot-treemap"), QStringLiteral("Save the treemap as an image after the first full scan, then quit."), QStringLiteral("FILE"));
    const QCommandLineOption select(QStringLiteral("select"), QStringLiteral("Select REPO[@REV] after the scan (for screenshots)."), QStringLiteral("REPO"));
    const QCommandLineOption size(QStringLiteral("size"), QStringLiteral("Window size, WIDTHxHEIGHT."), QStringLiteral("WxH"));
    const QCommandLineOption benchmark(QStringLiteral("benchmark"), QStringLiteral("Print first-repos time, longest GUI stall and memory after the scan, then quit."));
    const QCommandLineOption home(QStringLiteral("home"), QStringLiteral("Start on the Every Cache (HF_HOME) tab (with --benchmark or --screenshot: measure or render that tab)."));
    parser.addOptions({cacheDir, screenshot, treemapShot, select, size, benchmark, home});
    parser.process(app);

    // Headless runs (screenshots, benchmarks) are independent of a window the user has open.
    const bool headlessRun = parser.isSet(screenshot) || parser.isSet(treemapShot) || parser.isSet(benchmark);
    hfcache::SingleInstance instance;
    // The first instance has its own working directory: hand over an absolute path.
    const QByteArray askedRoot = parser.isSet(cacheDir) ? QFile::encodeName(QFileInfo(parser.value(cacheDir)).absoluteFilePath())
                                                        : QByteArray();
    if (!headlessRun && !instance.claim(askedRoot))
        return 0;  // the first instance raises its window

    hfcache::MainWindow window;
    const QStringList dimensions = parser.value(size).split(QLatin1Char('x'));
    if (dimensions.size() == 2)
        window.resize(dimensions.at(0).toInt(), dimensions.at(1).toInt());
    else if (headlessRun)
        window.resize(1280, 800);
    hfcache::HeadlessRun headless(&window, {parser.value(screenshot), parser.value(treemapShot), parser.value(select),
                                            parser.isSet(benchmark), parser.isSet(home)},
                                  sinceStart);
    headless.begin();
    // The scan starts before the window is shown: its first batch is due while the window maps.
    const QString root = parser.isSet(cacheDir) ? parser.value(cacheDir)
                                                : hfcache::CacheLocations::resolve().hubCache;
    window.openRoot(QFile::encodeName(root));
    QObject::connect(&instance, &hfcache::SingleInstance::raiseRequested, &window, [&window](const QByteArray &asked) {
        if (!asked.isEmpty() && asked != window.root())
            window.openRoot(asked);
        window.setWindowState(window.windowState() & ~Qt::WindowMinimized);
        window.show();
        window.raise();
        window.activateWindow();
    });
    window.show();
    return app.exec();
}

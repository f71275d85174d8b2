// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "ResponsivenessProbe.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>

class QTreeView;

namespace hfcache {

class HomeView;
class MainWindow;
class TreemapView;

// The unattended modes of hfcache-gui: `--screenshot` (render the window and the treemap
// after the first full scan, then quit) and `--benchmark` (print how soon the first repos
// showed, the longest GUI-thread stall while scanning, and the memory used, then quit; with
// `--select`, also how long selecting and expanding that row stalled the GUI thread). With
// `--home` both work on the Every Cache (HF_HOME) tab instead: the benchmark times its first
// rows, its scan and expanding its biggest cache.
class HeadlessRun : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString screenshot;
        QString treemapScreenshot;
        QString select;     // REPO[@REV] selected before the screenshot
        bool benchmark = false;
        bool home = false;  // start on the Every Cache (HF_HOME) tab
    };

    HeadlessRun(MainWindow *window, const Options &options, const QElapsedTimer &sinceStart);

    bool isActive() const;
    // Call before the first scan starts.
    void begin();

private:
    QTreeView *tree() const;
    TreemapView *treemap() const;
    void onFirstRepos();
    void onScanFinished();
    void whenSelectionShown();
    void whenTreemapReady();
    void finish();
    HomeView *homeView() const;
    QTreeView *homeTree() const;
    void onHomeRows();
    void onHomeScanFinished();
    void whenHomeTreemapReady();
    void printHomeBenchmark();

    MainWindow *m_window;
    Options m_options;
    QElapsedTimer m_sinceStart;
    ResponsivenessProbe m_probe;
    ResponsivenessProbe m_selectProbe;  // from --select to the end: opening a big repo or revision
    double m_selectShownMs = -1;        // --select's row selected, expanded and painted
    QElapsedTimer m_selectClock;
    double m_beginMs = 0;        // process start to the scan's start (Qt and window set-up)
    double m_firstReposMs = -1;
    qint64 m_scanMs = 0;
    bool m_done = false;
    double m_homeFilledMs = -1;   // --home: the first row of a scanned cache painted
    double m_homeExpandMs = -1;   // --home: the biggest cache expanded, its first rows painted
    int m_homeExpandedRows = 0;
};

} // namespace hfcache

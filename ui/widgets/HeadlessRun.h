// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "ResponsivenessProbe.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>

namespace hfcache {

class MainWindow;

// The unattended modes of hfcache-gui: `--screenshot` (render the window and the treemap
// after the first full scan, then quit) and `--benchmark` (print how soon the first repos
// showed, the longest GUI-thread stall while scanning, and the memory used, then quit; with
// `--select`, also how long selecting and expanding that row stalled the GUI thread).
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
    };

    HeadlessRun(MainWindow *window, const Options &options, const QElapsedTimer &sinceStart);

    bool isActive() const;
    // Call before the first scan starts.
    void begin();

private:
    void onFirstRepos();
    void onScanFinished();
    void whenSelectionShown();
    void whenTreemapReady();
    void finish();

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
};

} // namespace hfcache

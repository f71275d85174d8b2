# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 hfcache contributors
target_sources(hfcache_ui PRIVATE
    app/AboutDialog.cpp app/AboutDialog.h
    app/CacheBanner.cpp app/CacheBanner.h
    app/GuiLog.cpp app/GuiLog.h
    app/HeadlessRun.cpp app/HeadlessRun.h
    app/MainWindowHost.cpp app/MainWindowHost.h
    app/MainWindow.cpp app/MainWindow.h
    app/RecentRootsMenu.cpp app/RecentRootsMenu.h
    app/ResponsivenessProbe.cpp app/ResponsivenessProbe.h
    app/SingleInstance.cpp app/SingleInstance.h
    app/WindowFeatures.cpp app/WindowFeatures.h
)

# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 hfcache contributors
target_sources(hfcache_ui PRIVATE
    common/ActionRegistry.cpp common/ActionRegistry.h
    common/AppSettings.cpp common/AppSettings.h
    common/BackgroundTask.h
    common/FolderOpener.cpp common/FolderOpener.h
    common/ItemIcons.cpp common/ItemIcons.h
    common/LatestResult.h
    common/TaskProgressDialog.cpp common/TaskProgressDialog.h
    common/WindowHost.cpp common/WindowHost.h
)

# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 hfcache contributors
target_sources(hfcache_ui PRIVATE
    preferences/PreferencesFeature.cpp preferences/PreferencesFeature.h
    preferences/SettingsDialog.cpp preferences/SettingsDialog.h
)

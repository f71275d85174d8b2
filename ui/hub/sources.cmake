# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 hfcache contributors
target_sources(hfcache_ui PRIVATE
    hub/FetchDialog.cpp hub/FetchDialog.h
    hub/FetchFeature.cpp hub/FetchFeature.h
    hub/UpdatesFeature.cpp hub/UpdatesFeature.h
)

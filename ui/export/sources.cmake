# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 hfcache contributors
target_sources(hfcache_ui PRIVATE
    export/ExportDialog.cpp export/ExportDialog.h
    export/ExportFeature.cpp export/ExportFeature.h
    export/ExportRunner.cpp export/ExportRunner.h
)

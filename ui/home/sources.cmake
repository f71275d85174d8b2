# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 hfcache contributors
target_sources(hfcache_ui PRIVATE
    home/DatasetExportAction.cpp home/DatasetExportAction.h
    home/HomeCleanController.cpp home/HomeCleanController.h
    home/HomeCleanDialog.cpp home/HomeCleanDialog.h
    home/HomeCleanJob.cpp home/HomeCleanJob.h
    home/HomeDetailsPane.cpp home/HomeDetailsPane.h
    home/HomeListing.cpp home/HomeListing.h
    home/HomeNode.h
    home/HomeRepairActions.cpp home/HomeRepairActions.h
    home/HomeTreeModel.cpp home/HomeTreeModel.h
    home/HomeView.cpp home/HomeView.h
    home/KindFindingsModel.cpp home/KindFindingsModel.h
    home/KindLocksModel.cpp home/KindLocksModel.h
    home/KindTreemapView.cpp home/KindTreemapView.h
)

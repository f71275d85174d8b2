# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 hfcache contributors
target_sources(hfcache_ui PRIVATE
    maintain/DeleteConfirmDialog.cpp maintain/DeleteConfirmDialog.h
    maintain/DeleteFeature.cpp maintain/DeleteFeature.h
    maintain/DeleteSummary.cpp maintain/DeleteSummary.h
    maintain/PruneDialog.cpp maintain/PruneDialog.h
    maintain/PruneFeature.cpp maintain/PruneFeature.h
    maintain/VerifyFeature.cpp maintain/VerifyFeature.h
    maintain/VerifyResultsDialog.cpp maintain/VerifyResultsDialog.h
)

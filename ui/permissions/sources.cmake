# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 hfcache contributors
target_sources(hfcache_ui PRIVATE
    permissions/ClusterLocksDialog.cpp permissions/ClusterLocksDialog.h
    permissions/ClusterLocksFeature.cpp permissions/ClusterLocksFeature.h
    permissions/LocksPane.cpp permissions/LocksPane.h
    permissions/OwnershipPane.cpp permissions/OwnershipPane.h
    permissions/RepairDialog.cpp permissions/RepairDialog.h
    permissions/RepairFeature.cpp permissions/RepairFeature.h
)

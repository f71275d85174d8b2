# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 hfcache contributors
target_sources(hfcache_core PRIVATE
    audit/AccessCheck.cpp audit/AccessCheck.h
    audit/AclProbe.cpp audit/AclProbe.h
    audit/AuditJudge.cpp audit/AuditJudge.h
    audit/AuditLog.cpp audit/AuditLog.h
    audit/AuditReport.h
    audit/CacheAudit.cpp audit/CacheAudit.h
    audit/DatasetsOrphans.cpp audit/DatasetsOrphans.h
    audit/FilesystemFacts.cpp audit/FilesystemFacts.h
    audit/HfHomePrivacy.cpp audit/HfHomePrivacy.h
    audit/HomeDiagnosis.h
    audit/HomeDoctor.cpp audit/HomeDoctor.h
    audit/KindDiagnosis.h
    audit/GroupMembers.cpp audit/GroupMembers.h
    audit/MemberAccess.cpp audit/MemberAccess.h
    audit/MountEntry.cpp audit/MountEntry.h
    audit/MountInfo.cpp audit/MountInfo.h
    audit/PathComponent.h
    audit/RepoAccess.h
    audit/SharedGroupRule.cpp audit/SharedGroupRule.h
    audit/StaleTemporaries.cpp audit/StaleTemporaries.h
    audit/TokenTrap.cpp audit/TokenTrap.h
    audit/UserIdentity.cpp audit/UserIdentity.h
    audit/WhyPath.cpp audit/WhyPath.h
    audit/XetShardCacheLimit.cpp audit/XetShardCacheLimit.h
)
target_link_libraries(hfcache_core PRIVATE acl)

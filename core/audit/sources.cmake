target_sources(hfcache_core PRIVATE
    audit/AccessCheck.cpp audit/AccessCheck.h
    audit/UserIdentity.cpp audit/UserIdentity.h
)

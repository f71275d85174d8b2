# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 hfcache contributors
# util's files include each other by bare name ("PathText.h"). The include root core/ is only on
# the path of util's users (INTERFACE), so a util file that includes a domain header such as
# "cache/BlobKind.h" does not compile.
add_library(hfcache_util STATIC
    util/BackgroundThreads.cpp util/BackgroundThreads.h
    util/ByteArena.cpp util/ByteArena.h
    util/DirectoryReader.cpp util/DirectoryReader.h
    util/DurationText.cpp util/DurationText.h
    util/FdWalk.cpp util/FdWalk.h
    util/HumanFormat.cpp util/HumanFormat.h
    util/JsonWriter.cpp util/JsonWriter.h
    util/OutputFile.cpp util/OutputFile.h
    util/Parallel.cpp util/Parallel.h
    util/PathPrefix.cpp util/PathPrefix.h
    util/PathText.cpp util/PathText.h
    util/RegularFile.cpp util/RegularFile.h
    util/SystemError.cpp util/SystemError.h
    util/UniqueFd.cpp util/UniqueFd.h
)
target_include_directories(hfcache_util INTERFACE ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(hfcache_util PUBLIC Qt6::Core)

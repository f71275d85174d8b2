# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 hfcache contributors
target_sources(hfcache_core PRIVATE
    util/BlobHasher.cpp util/BlobHasher.h
    util/BlobLock.cpp util/BlobLock.h
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

# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 hfcache contributors
target_sources(hfcache_core PRIVATE
    export/ArchiveWriter.cpp export/ArchiveWriter.h
    export/AsyncHasher.cpp export/AsyncHasher.h
    export/AtomicTarget.cpp export/AtomicTarget.h
    export/BackgroundSink.cpp export/BackgroundSink.h
    export/ByteSink.cpp export/ByteSink.h
    export/ContentReader.cpp export/ContentReader.h
    export/DatasetExportSource.cpp export/DatasetExportSource.h
    export/DirectSink.cpp export/DirectSink.h
    export/ExportItem.h
    export/ExportJob.cpp export/ExportJob.h
    export/ExportLog.cpp export/ExportLog.h
    export/ExportMeter.cpp export/ExportMeter.h
    export/ExportSource.cpp export/ExportSource.h
    export/TreeRemover.cpp export/TreeRemover.h
    export/FolderWriter.cpp export/FolderWriter.h
    export/GzipEncoder.cpp export/GzipEncoder.h
    export/ParallelGzip.cpp export/ParallelGzip.h
    export/PlainSink.cpp export/PlainSink.h
    export/ZstdSink.cpp export/ZstdSink.h
)


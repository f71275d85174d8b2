target_sources(hfcache_core PRIVATE
    cli/CliApplication.cpp cli/CliApplication.h
    cli/CliCommand.h
    cli/CommandTable.cpp cli/CommandTable.h
)

# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 hfcache contributors
# Link-layer checks: the targets a program or library links, directly or through other targets,
# must not include a layer above it (the GUI links no command-line code, the root helper no core).

# hfcache_link_closure(TARGET OUT): every target that TARGET links, walking LINK_LIBRARIES and
# INTERFACE_LINK_LIBRARIES the way CMake builds the link line (static libraries pass on their
# PRIVATE links as $<LINK_ONLY:...>).
function(hfcache_link_closure target out)
    set(pending ${target})
    set(seen)
    while(pending)
        list(POP_FRONT pending current)
        string(REGEX REPLACE "^\\$<LINK_ONLY:(.+)>$" "\\1" current "${current}")
        if(NOT TARGET "${current}" OR current IN_LIST seen)
            continue()
        endif()
        get_target_property(aliased ${current} ALIASED_TARGET)
        if(aliased)
            set(current ${aliased})
        endif()
        list(APPEND seen ${current})
        get_target_property(type ${current} TYPE)
        set(properties INTERFACE_LINK_LIBRARIES)
        if(NOT type STREQUAL "INTERFACE_LIBRARY")
            list(APPEND properties LINK_LIBRARIES)
        endif()
        foreach(property IN LISTS properties)
            get_target_property(links ${current} ${property})
            if(links)
                list(APPEND pending ${links})
            endif()
        endforeach()
    endwhile()
    list(REMOVE_ITEM seen ${target})
    set(${out} ${seen} PARENT_SCOPE)
endfunction()

# hfcache_add_link_check(NAME TARGETS target... FORBID target...): a test NAME that fails when one
# of TARGETS links one of FORBID. The closures are files under tests/links/, one target a line,
# rewritten at every configure (a changed CMakeLists.txt reconfigures before the build).
function(hfcache_add_link_check name)
    cmake_parse_arguments(ARG "" "" "TARGETS;FORBID" ${ARGN})
    set(files)
    foreach(target IN LISTS ARG_TARGETS)
        hfcache_link_closure(${target} closure)
        list(JOIN closure "\n" lines)
        set(file ${CMAKE_CURRENT_BINARY_DIR}/links/${target}.txt)
        file(WRITE ${file} "${lines}\n")
        list(APPEND files ${file})
    endforeach()
    set(patterns)
    foreach(forbidden IN LISTS ARG_FORBID)
        list(APPEND patterns -e ${forbidden})
    endforeach()
    # grep prints FILE:TARGET for each forbidden link; it exits 1 when there is none (pass), 0 when
    # there is one and 2 when a closure file is missing (fail).
    add_test(NAME ${name} COMMAND sh -c "grep -Hx \"$@\"; test $? -eq 1" sh ${patterns} ${files})
endfunction()

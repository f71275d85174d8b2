// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
// The least work any tool showing each lock file's owner and mode does (bench/locks_home.sh): list
// the folders below argv[1] and lstat every file whose name ends in ".lock", on two threads. No
// output, no sorting, no names kept past their lstat: a floor to compare hfcache with, not a tool.
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct Name { int dirFd; char *name; };
static struct Name *names;
static size_t count, room;
static unsigned long checksum[2];

// `dirFd` stays open for the lstats; the listing reads a copy of it.
static void list(int dirFd)
{
    DIR *dir = fdopendir(dup(dirFd));
    if (!dir)
        return;
    for (struct dirent *e; (e = readdir(dir));) {
        if (e->d_type == DT_DIR && strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
            const int child = openat(dirfd(dir), e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            if (child >= 0)
                list(child);
        } else if (strlen(e->d_name) > 5 && !strcmp(e->d_name + strlen(e->d_name) - 5, ".lock")) {
            if (count == room)
                names = realloc(names, (room = room ? 2 * room : 65536) * sizeof *names);
            names[count++] = (struct Name){dirFd, strdup(e->d_name)};
        }
    }
    closedir(dir);
}

static void *statHalf(void *half)
{
    const size_t h = (size_t)half;
    struct stat st;
    for (size_t i = h; i < count; i += 2) {
        if (fstatat(names[i].dirFd, names[i].name, &st, AT_SYMLINK_NOFOLLOW) == 0)
            checksum[h] += st.st_uid + st.st_mode;
    }
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc != 2)
        return 2;
    list(open(argv[1], O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    pthread_t other;
    pthread_create(&other, NULL, statHalf, (void *)1);
    statHalf((void *)0);
    pthread_join(other, NULL);
    return checksum[0] + checksum[1] == 0;
}

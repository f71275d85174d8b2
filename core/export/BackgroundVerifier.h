#pragma once

#include "ExportItem.h"
#include "util/UniqueFd.h"

#include <QString>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

namespace hfcache {

// --verify for folder exports without giving up the kernel copy: while copy_file_range (or a
// hard link) places file N, threads of their own (one per core: the copy itself is kernel
// work that needs little CPU, the hash is the expensive part) hash the source of file N and
// the ones before it from the page cache, each through its own open file description, and
// compare the hash with the blob name. A mismatch fails the export: the next submit() or
// finish() returns it.
class BackgroundVerifier
{
public:
    // `cancel`: stops hashing early (the export is being cancelled).
    explicit BackgroundVerifier(const std::atomic_bool *cancel);
    ~BackgroundVerifier();
    BackgroundVerifier(const BackgroundVerifier &) = delete;
    BackgroundVerifier &operator=(const BackgroundVerifier &) = delete;

    // Queues `item` (read from `contentFd`, which may be closed after this returns); items
    // without a hash name are skipped. Waits while many files are queued. False (and *error)
    // when an earlier file failed.
    bool submit(const ExportItem &item, int contentFd, QString *error);
    // Waits for every queued file; false (and *error, naming the first failure) if any failed.
    bool finish(QString *error);

private:
    struct Task
    {
        ExportItem item;
        UniqueFd fd;
    };

    void loop();
    QString verify(const Task &task) const;

    const std::atomic_bool *m_cancel;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<Task> m_queue;
    int m_working = 0;  // threads hashing a file they popped
    bool m_stop = false;
    QString m_error;
    std::vector<std::thread> m_threads;  // started by the first submit()
};

} // namespace hfcache

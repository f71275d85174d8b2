// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "ScanProgress.h"

#include "CliApplication.h"
#include "CliCommand.h"
#include "CliOutput.h"
#include "util/PathText.h"

#include <QLocale>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <mutex>
#include <thread>

namespace hfcache {

namespace {

// Set by SIGINT; the scan polls it. A lock-free atomic is safe to store from a signal handler.
std::atomic_bool g_interrupted{false};
static_assert(std::atomic_bool::is_always_lock_free);

void onInterrupt(int)
{
    g_interrupted.store(true);
}

// Catches SIGINT for its lifetime, then puts the previous disposition back.
class InterruptGuard
{
public:
    InterruptGuard()
    {
        g_interrupted.store(false);
        struct sigaction action = {};
        action.sa_handler = onInterrupt;
        sigemptyset(&action.sa_mask);
        m_installed = ::sigaction(SIGINT, &action, &m_previous) == 0;
    }
    ~InterruptGuard()
    {
        if (m_installed)
            ::sigaction(SIGINT, &m_previous, nullptr);
    }

private:
    struct sigaction m_previous = {};
    bool m_installed = false;
};

constexpr auto FirstLineAfter = std::chrono::seconds(1);
constexpr auto LineEvery = std::chrono::milliseconds(250);

} // namespace

CacheSnapshotPtr ScanProgress::run(const QByteArray &root, const ScanOptions &options, const CacheScan::RepoCallback &onRepo,
                                   CliContext &context, ScanError *error)
{
    const CliOutput &output = context.output;
    InterruptGuard interrupt;
    std::atomic_int total{-1};
    std::atomic_int done{0};
    ScanOptions counted = options;
    counted.onRepoCount = [&](int count) {
        total.store(count);
        if (options.onRepoCount)
            options.onRepoCount(count);
    };
    const CacheScan::RepoCallback countRepo = [&](const CachedRepoPtr &repo) {
        done.fetch_add(1);
        if (onRepo)
            onRepo(repo);
    };

    // The line is written by its own thread: the scan blocks this one until it ends.
    std::mutex mutex;
    std::condition_variable finished;
    bool over = false;
    std::thread ticker;
    const QString shown = PathText::display(root);
    if (output.showsProgress()) {
        ticker = std::thread([&] {
            std::unique_lock lock(mutex);
            if (finished.wait_for(lock, FirstLineAfter, [&] { return over; }))
                return;
            do {
                const int of = total.load();
                output.progress(of < 0 ? QStringLiteral("Scanning %1: listing repos; Ctrl+C stops").arg(shown)
                                       : QStringLiteral("Scanning %1: %2 of %3 repos; Ctrl+C stops")
                                             .arg(shown, QLocale().toString(done.load()), QLocale().toString(of)));
            } while (!finished.wait_for(lock, LineEvery, [&] { return over; }));
            output.endProgress();
        });
    }
    CacheSnapshotPtr snapshot = CacheScan::run(root, counted, countRepo, &g_interrupted, error);
    {
        std::lock_guard lock(mutex);
        over = true;
    }
    finished.notify_all();
    if (ticker.joinable())
        ticker.join();
    if (snapshot && snapshot->cancelled)
        CliApplication::printError(context, QStringLiteral("interrupted: scanned %1 of %2 repos of %3; nothing was changed")
                             .arg(QLocale().toString(done.load()), QLocale().toString(std::max(total.load(), 0)), shown));
    return snapshot;
}

} // namespace hfcache

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "BackgroundTask.h"

#include <QtGlobal>

#include <utility>

namespace hfcache {

// "The latest request wins" for work on the thread pool: a preview recomputed on every
// keystroke, an audit redone for each scan, a listing of a root the user has left. A result
// is handed over only while no later run() or invalidate() came after the request; an older
// result that arrives late is dropped. Keep one per kind of request, as a member of `owner`.
class LatestResult
{
public:
    // Runs `work` on the pool, then `done(result)` on `owner`'s thread unless overtaken.
    template <typename Work, typename Done>
    void run(QObject *owner, Work &&work, Done &&done)
    {
        runAs(++m_generation, owner, std::forward<Work>(work), std::forward<Done>(done));
    }

    // Like run(), but next to the requests in flight (several repos rescanned for one root):
    // dropped only by a later run() or invalidate().
    template <typename Work, typename Done>
    void runAlongside(QObject *owner, Work &&work, Done &&done)
    {
        runAs(m_generation, owner, std::forward<Work>(work), std::forward<Done>(done));
    }

    // Drops every result still to come (the root they are about was left).
    void invalidate() { ++m_generation; }

private:
    template <typename Work, typename Done>
    void runAs(quint64 generation, QObject *owner, Work &&work, Done &&done)
    {
        using Result = decltype(work());
        // `this` is a member of `owner`, whose death also stops `done` (runInBackground).
        runInBackground(owner, std::forward<Work>(work),
                        [this, generation, done = std::forward<Done>(done)](const Result &result) mutable {
                            if (generation == m_generation)
                                done(result);
                        });
    }

    quint64 m_generation = 0;
};

} // namespace hfcache

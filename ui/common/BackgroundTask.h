// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "util/BackgroundThreads.h"

#include <QFutureWatcher>
#include <QObject>

#include <utility>

namespace hfcache {

// Runs `work` on the background pool (util/BackgroundThreads.h) and `done(result)` on `owner`'s
// thread. The watcher is a child of `owner`: when the owner goes away first, `done` simply never
// runs. (Qt 6.4's QFuture::then(context, ...) asserts instead when its context dies before the work
// ends.)
template <typename Work, typename Done>
void runInBackground(QObject *owner, Work &&work, Done &&done)
{
    using Result = decltype(work());
    auto *watcher = new QFutureWatcher<Result>(owner);
    QObject::connect(watcher, &QFutureWatcher<Result>::finished, owner,
                     [watcher, done = std::forward<Done>(done)]() mutable {
                         watcher->deleteLater();
                         done(watcher->result());
                     });
    watcher->setFuture(runOnBackgroundThread(std::forward<Work>(work)));
}

} // namespace hfcache

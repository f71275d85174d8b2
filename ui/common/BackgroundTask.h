// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QtConcurrent/QtConcurrentRun>

#include <utility>

namespace hfcache {

// Runs `work` on the global thread pool and `done(result)` on `owner`'s thread. The watcher
// is a child of `owner`: when the owner goes away first, `done` simply never runs. (Qt 6.4's
// QFuture::then(context, ...) asserts instead when its context dies before the work ends.)
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
    watcher->setFuture(QtConcurrent::run(std::forward<Work>(work)));
}

} // namespace hfcache

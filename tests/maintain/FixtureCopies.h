// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QString>
#include <QTemporaryDir>

// The real fixture caches extracted once into a temporary folder, and numbered `cp -a` copies
// of them for the maintenance tests, which change the caches they run on.
class FixtureCopies
{
public:
    // Call from initTestCase(); false (the reason in a warning) when nothing could be extracted.
    bool extract();

    // The temporary folder that holds the fixtures, the copies and whatever a test adds.
    QString dir() const { return m_dir.path(); }
    // The extracted fixtures: fixture-cache/, fixture-cache-v1.28/, ...
    QString fixtures() const { return m_fixtures; }
    // How many copies were made so far (numbers a test's own files beside the copies).
    int count() const { return m_copies; }
    // A fresh copy of fixture `name`; empty on failure.
    QString freshCopy(const QString &name);

private:
    QTemporaryDir m_dir;
    QString m_fixtures;
    int m_copies = 0;
};

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>

namespace hfcache {

// uid -> user name without blocking the GUI thread: getpwuid_r may go to LDAP or sssd, so
// unknown uids are looked up on the thread pool and `resolved` tells the views to repaint.
class OwnerNames : public QObject
{
    Q_OBJECT
public:
    explicit OwnerNames(QObject *parent = nullptr);

    // The name when known, else "uid N" (and a lookup starts).
    QString name(uint uid);

Q_SIGNALS:
    void resolved();

private:
    QHash<uint, QString> m_names;
    QSet<uint> m_pending;
};

} // namespace hfcache

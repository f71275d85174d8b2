// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "UpdateStore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace hfcache {

UpdateStore::UpdateStore(QString filePath, QString endpoint) : m_path(std::move(filePath)), m_endpoint(std::move(endpoint))
{
}

QString UpdateStore::key(const UpdateTarget &target) const
{
    return m_endpoint + QLatin1Char('\n') + repoTypeName(target.type) + QLatin1Char('\n') + target.repoId
         + QLatin1Char('\n') + target.ref;
}

void UpdateStore::load()
{
    m_results = m_changed;
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly))
        return;
    const QJsonArray entries = QJsonDocument::fromJson(file.readAll()).object().value(QLatin1String("entries")).toArray();
    for (const QJsonValue &value : entries) {
        const QJsonObject o = value.toObject();
        const auto type = repoTypeFromName(o.value(QLatin1String("type")).toString());
        const auto state = updateStateFromName(o.value(QLatin1String("state")).toString());
        if (!type || !state || o.value(QLatin1String("endpoint")).toString() != m_endpoint)
            continue;
        UpdateResult r;
        r.target = {*type, o.value(QLatin1String("repo_id")).toString(), o.value(QLatin1String("ref")).toString(),
                    o.value(QLatin1String("local_commit")).toString().toLatin1()};
        r.state = *state;
        r.remoteCommit = o.value(QLatin1String("remote_commit")).toString().toLatin1();
        r.renamedTo = o.value(QLatin1String("renamed_to")).toString();
        r.detail = o.value(QLatin1String("detail")).toString();
        r.checkedAtMs = qint64(o.value(QLatin1String("checked_at_ms")).toDouble());
        const QString k = key(r.target);
        if (!m_changed.contains(k))
            m_results.insert(k, r);
    }
}

const UpdateResult *UpdateStore::find(const UpdateTarget &target) const
{
    const auto it = m_results.constFind(key(target));
    return it == m_results.constEnd() ? nullptr : &it.value();
}

void UpdateStore::put(const UpdateResult &result)
{
    m_results.insert(key(result.target), result);
    m_changed.insert(key(result.target), result);
}

bool UpdateStore::save(QString *error)
{
    // Entries of other endpoints are kept as they are.
    QJsonArray kept;
    QFile old(m_path);
    if (old.open(QIODevice::ReadOnly)) {
        for (const QJsonValue &value : QJsonDocument::fromJson(old.readAll()).object().value(QLatin1String("entries")).toArray()) {
            if (value.toObject().value(QLatin1String("endpoint")).toString() != m_endpoint)
                kept.append(value);
        }
        old.close();
    }
    load();  // what another process saved meanwhile, under ours
    QJsonArray entries = kept;
    for (const UpdateResult &r : std::as_const(m_results)) {
        entries.append(QJsonObject{{QStringLiteral("endpoint"), m_endpoint},
                                   {QStringLiteral("type"), repoTypeName(r.target.type)},
                                   {QStringLiteral("repo_id"), r.target.repoId},
                                   {QStringLiteral("ref"), r.target.ref},
                                   {QStringLiteral("local_commit"), QString::fromLatin1(r.target.localCommit)},
                                   {QStringLiteral("state"), updateStateName(r.state)},
                                   {QStringLiteral("remote_commit"), QString::fromLatin1(r.remoteCommit)},
                                   {QStringLiteral("renamed_to"), r.renamedTo},
                                   {QStringLiteral("detail"), r.detail},
                                   {QStringLiteral("checked_at_ms"), double(r.checkedAtMs)}});
    }
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("cannot write %1: %2").arg(m_path, file.errorString());
        return false;
    }
    file.write(QJsonDocument(QJsonObject{{QStringLiteral("format_version"), 1}, {QStringLiteral("entries"), entries}})
                   .toJson(QJsonDocument::Indented));
    if (!file.commit()) {
        *error = QStringLiteral("cannot write %1: %2").arg(m_path, file.errorString());
        return false;
    }
    m_changed.clear();
    return true;
}

} // namespace hfcache

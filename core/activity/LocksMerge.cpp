// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "LocksMerge.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace hfcache {

namespace {

const char kMergedFormat[] = "hfcache-locks-merged/1";

// The top-level JSON objects of `text`, one after another.
QList<QByteArray> splitObjects(const QByteArray &text)
{
    QList<QByteArray> objects;
    int depth = 0;
    bool inString = false, escaped = false;
    qsizetype start = -1;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
        } else if (c == '{') {
            if (depth++ == 0)
                start = i;
        } else if (c == '}' && depth > 0 && --depth == 0) {
            objects.append(text.mid(start, i - start + 1));
        }
    }
    return objects;
}

LocksMerge::Process processOf(const QJsonObject &p, const QString &node)
{
    LocksMerge::Process process;
    process.node = p.contains(QLatin1String("node")) ? p.value(QLatin1String("node")).toString() : node;
    process.pid = qint64(p.value(QLatin1String("pid")).toDouble());
    process.process = p.value(QLatin1String("process")).toString();
    process.cmdline = p.value(QLatin1String("cmdline")).toString();
    process.user = p.value(QLatin1String("user")).toString();
    process.host = p.value(QLatin1String("host")).toString();
    return process;
}

void appendProcesses(QList<LocksMerge::Process> &into, const QJsonArray &list, const QString &node)
{
    for (const QJsonValue &v : list) {
        const LocksMerge::Process p = processOf(v.toObject(), node);
        // A soft lock's holder named by host on one node and reported by that host itself is one
        // process: keep its own node's richer description.
        const auto same = std::find_if(into.begin(), into.end(), [&](const LocksMerge::Process &q) {
            return q.pid == p.pid && (q.node == p.node || q.host == p.node || (!p.host.isEmpty() && q.node == p.host));
        });
        if (same == into.end())
            into.append(p);
        else if (!same->host.isEmpty() && p.host.isEmpty())
            *same = p;
    }
}

QJsonArray processesJson(const QList<LocksMerge::Process> &list)
{
    QJsonArray array;
    for (const LocksMerge::Process &p : list)
        array.append(QJsonObject{{QStringLiteral("node"), p.node}, {QStringLiteral("pid"), p.pid},
                                 {QStringLiteral("process"), p.process}, {QStringLiteral("cmdline"), p.cmdline},
                                 {QStringLiteral("user"), p.user},
                                 {QStringLiteral("host"), p.host.isEmpty() ? QJsonValue() : QJsonValue(p.host)}});
    return array;
}

QJsonArray rowsJson(const QList<LocksMerge::Row> &rows, const char *holdersKey)
{
    QJsonArray array;
    for (const LocksMerge::Row &r : rows) {
        array.append(QJsonObject{{QStringLiteral("cache_key"), r.cacheKey}, {QStringLiteral("rel_path"), r.relPath},
                                 {QStringLiteral("repo_id"), r.repoId}, {QStringLiteral("kind"), r.kind},
                                 {QStringLiteral("detail"), r.detail},
                                 {QString::fromLatin1(holdersKey), processesJson(r.holders)},
                                 {QStringLiteral("waiters"), processesJson(r.waiters)}});
    }
    return array;
}

} // namespace

bool LocksMerge::add(const QByteArray &input, QString *error)
{
    // pdsh and clush print "node: line", srun --label "3: line": regroup each node's lines.
    static const QRegularExpression prefixed(QStringLiteral("^([^\\s:{}\\[\\]\"]+): ?(.*)$"));
    QStringList labels;
    QHash<QString, QByteArray> byLabel;
    for (const QByteArray &line : input.split('\n')) {
        const QString text = QString::fromUtf8(line);
        const QRegularExpressionMatch m = prefixed.match(text);
        const QString label = m.hasMatch() ? m.captured(1) : QString();
        if (!byLabel.contains(label))
            labels.append(label);
        byLabel[label] += (m.hasMatch() ? m.captured(2).toUtf8() : line) + '\n';
    }
    for (const QString &label : labels) {
        for (const QByteArray &object : splitObjects(byLabel.value(label))) {
            QJsonParseError parseError;
            const QJsonDocument doc = QJsonDocument::fromJson(object, &parseError);
            if (!doc.isObject()) {
                *error = QStringLiteral("%1not a JSON report: %2").arg(label.isEmpty() ? QString() : label + QStringLiteral(": "),
                                                                      parseError.errorString());
                return false;
            }
            addReport(doc.object(), label);
        }
    }
    return true;
}

LocksMerge::Row &LocksMerge::row(QList<Row> &rows, const QJsonObject &item, const QString &cacheKey)
{
    const QString rel = item.value(QLatin1String("rel_path")).toString();
    for (Row &r : rows) {
        if (r.cacheKey == cacheKey && r.relPath == rel)
            return r;
    }
    Row r;
    r.cacheKey = cacheKey;
    r.relPath = rel;
    r.repoId = item.value(QLatin1String("repo_id")).toString();
    rows.append(r);
    return rows.last();
}

void LocksMerge::addReport(const QJsonObject &report, const QString &label)
{
    if (report.value(QLatin1String("format")).toString() == QLatin1String(kMergedFormat)) {  // a merge of merges
        for (const QJsonValue &n : report.value(QLatin1String("nodes")).toArray())
            if (!m_nodes.contains(n.toString()))
                m_nodes.append(n.toString());
        m_freeLocks += report.value(QLatin1String("free_locks")).toInt();
        const std::pair<const char *, QList<Row> *> parts[] = {{"locks", &m_locks}, {"downloads", &m_downloads}, {"in_use", &m_inUse}};
        for (const auto &[key, rows] : parts) {
            for (const QJsonValue &v : report.value(QLatin1String(key)).toArray()) {
                const QJsonObject item = v.toObject();
                Row &r = row(*rows, item, item.value(QLatin1String("cache_key")).toString());
                r.kind = item.value(QLatin1String("kind")).toString();
                r.detail = item.value(QLatin1String("detail")).toString();
                appendProcesses(r.holders, item.value(QLatin1String(key == std::string_view("locks") ? "holders" : "processes")).toArray(), {});
                appendProcesses(r.waiters, item.value(QLatin1String("waiters")).toArray(), {});
            }
        }
        return;
    }
    QString node = report.value(QLatin1String("node")).toString();
    if (node.isEmpty())
        node = label;
    if (!m_nodes.contains(node))
        m_nodes.append(node);
    QString cacheKey = report.value(QLatin1String("cache_key")).toString();
    if (cacheKey.isEmpty())  // a report of hfcache before node names
        cacheKey = node + QLatin1Char(':') + report.value(QLatin1String("cache_dir")).toString();
    for (const QJsonValue &v : report.value(QLatin1String("locks")).toArray()) {
        const QJsonObject lock = v.toObject();
        const QJsonArray holders = lock.value(QLatin1String("holders")).toArray();
        const QJsonArray waiters = lock.value(QLatin1String("waiters")).toArray();
        const bool soft = lock.value(QLatin1String("kind")).toString() == QLatin1String("soft");
        if (holders.isEmpty() && waiters.isEmpty() && !soft) {
            ++m_freeLocks;  // counted once per node that sees it
            continue;
        }
        Row &r = row(m_locks, lock, cacheKey);
        r.kind = soft ? QStringLiteral("soft") : QStringLiteral("flock");
        const QJsonObject softInfo = lock.value(QLatin1String("soft")).toObject();
        if (softInfo.value(QLatin1String("stale")).toBool())
            r.detail = QStringLiteral("stale: ") + softInfo.value(QLatin1String("stale_reason")).toString();
        appendProcesses(r.holders, holders, node);
        appendProcesses(r.waiters, waiters, node);
    }
    for (const QJsonValue &v : report.value(QLatin1String("downloads")).toArray()) {
        const QJsonObject d = v.toObject();
        Row &r = row(m_downloads, d, cacheKey);
        const bool active = d.value(QLatin1String("active")).toBool();
        if (r.kind != QLatin1String("active"))
            r.kind = active ? QStringLiteral("active") : QStringLiteral("interrupted");
        r.detail = QString::number(qint64(d.value(QLatin1String("size")).toDouble()));
        appendProcesses(r.holders, d.value(QLatin1String("writers")).toArray(), node);
    }
    for (const QJsonValue &v : report.value(QLatin1String("in_use")).toArray()) {
        const QJsonObject u = v.toObject();
        Row &r = row(m_inUse, u, cacheKey);
        appendProcesses(r.holders, u.value(QLatin1String("processes")).toArray(), node);
    }
}

QJsonObject LocksMerge::toJson() const
{
    return QJsonObject{{QStringLiteral("format"), QLatin1String(kMergedFormat)},
                       {QStringLiteral("nodes"), QJsonArray::fromStringList(m_nodes)},
                       {QStringLiteral("free_locks"), m_freeLocks},
                       {QStringLiteral("locks"), rowsJson(m_locks, "holders")},
                       {QStringLiteral("downloads"), rowsJson(m_downloads, "processes")},
                       {QStringLiteral("in_use"), rowsJson(m_inUse, "processes")}};
}

} // namespace hfcache

#include "RepairPlan.h"

#include "cache/BlobKind.h"
#include "util/FdWalk.h"
#include "util/PathText.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <initializer_list>

namespace hfcache {

namespace {

using Kind = RepairOperation::Kind;

QString operationError(qsizetype index, const RepairOperation &op, const QString &why)
{
    return QStringLiteral("operation %1 (%2 %3): %4")
        .arg(index)
        .arg(op.kindName(), PathText::display(op.path), why);
}

bool onlyKeys(const QJsonObject &object, std::initializer_list<const char *> allowed, QString *unknown)
{
    qsizetype known = 0;  // counted without making a QString per key (a million operations)
    for (const char *key : allowed)
        known += object.contains(QLatin1String(key));
    if (known == object.size())
        return true;
    for (auto it = object.begin(); it != object.end(); ++it) {
        bool known = false;
        for (const char *key : allowed)
            known = known || it.key() == QLatin1String(key);
        if (!known) {
            *unknown = it.key();
            return false;
        }
    }
    return true;
}

bool readId(const QJsonValue &value, qint64 *id)
{
    if (!value.isDouble())
        return false;
    const double number = value.toDouble();
    if (number < 0 || number > 4294967294.0 || number != double(qint64(number)))
        return false;
    *id = qint64(number);
    return true;
}

} // namespace

QByteArray RepairPlan::toJson() const
{
    QByteArray out;
    out.reserve(64 + operations.size() * 96);
    out += "{\"version\":1,\"root\":";
    PathText::appendJsonString(out, root);
    if (sharedGroup >= 0)
        out += ",\"sharedGroup\":" + QByteArray::number(sharedGroup);
    out += ",\"operations\":[";
    for (qsizetype i = 0; i < operations.size(); ++i) {
        const RepairOperation &op = operations[i];
        out += i ? ",\n{\"op\":\"" : "\n{\"op\":\"";
        out += op.kindName().toLatin1() + "\",\"path\":";
        PathText::appendJsonString(out, op.path);
        if (op.uid >= 0)
            out += ",\"uid\":" + QByteArray::number(op.uid);
        if (op.gid >= 0)
            out += ",\"gid\":" + QByteArray::number(op.gid);
        if (op.kind == Kind::Chmod)
            out += ",\"mode\":\"" + QByteArray::number(op.mode, 8).rightJustified(4, '0') + '"';
        out += '}';
    }
    out += "]}\n";
    return out;
}

bool RepairPlan::fromJson(const QByteArray &json, RepairPlan *plan, QString *error)
{
    if (json.size() > kMaxJsonBytes) {
        *error = QStringLiteral("plan larger than %1 bytes").arg(kMaxJsonBytes);
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        *error = parseError.error != QJsonParseError::NoError
                     ? QStringLiteral("malformed plan JSON at offset %1: %2").arg(parseError.offset).arg(parseError.errorString())
                     : QStringLiteral("malformed plan: not a JSON object");
        return false;
    }
    const QJsonObject top = document.object();
    QString unknown;
    if (!onlyKeys(top, {"version", "root", "sharedGroup", "operations"}, &unknown)) {
        *error = QStringLiteral("malformed plan: unknown key '%1'").arg(unknown);
        return false;
    }
    if (top.value(QLatin1String("version")).toInt(-1) != 1) {
        *error = QStringLiteral("unsupported plan version (expected 1)");
        return false;
    }
    if (!top.value(QLatin1String("root")).isString() || !top.value(QLatin1String("operations")).isArray()) {
        *error = QStringLiteral("malformed plan: 'root' must be a string and 'operations' an array");
        return false;
    }
    RepairPlan result;
    result.root = PathText::fromJsonString(top.value(QLatin1String("root")).toString());
    const QJsonValue sharedGroup = top.value(QLatin1String("sharedGroup"));
    if (!sharedGroup.isUndefined() && !readId(sharedGroup, &result.sharedGroup)) {
        *error = QStringLiteral("malformed plan: 'sharedGroup' must be a group id");
        return false;
    }
    const QJsonArray operations = top.value(QLatin1String("operations")).toArray();
    if (operations.size() > kMaxOperations) {
        *error = QStringLiteral("plan has more than %1 operations").arg(kMaxOperations);
        return false;
    }
    result.operations.reserve(operations.size());
    for (qsizetype i = 0; i < operations.size(); ++i) {
        RepairOperation op;
        const auto fail = [&](const QString &why) {
            *error = QStringLiteral("malformed plan: operation %1: %2").arg(i).arg(why);
            return false;
        };
        const QJsonValue value = operations.at(i);
        if (!value.isObject())
            return fail(QStringLiteral("not an object"));
        // One pass over the keys (a million operations): each known once, anything else refused.
        const QJsonObject object = value.toObject();
        bool hasKind = false, hasPath = false;
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            const QString key = it.key();
            const QJsonValue field = it.value();
            if (key == QLatin1String("op")) {
                if (!RepairOperation::kindFromName(field.toString(), &op.kind))
                    return fail(QStringLiteral("unknown operation '%1'").arg(field.toString()));
                hasKind = true;
            } else if (key == QLatin1String("path")) {
                if (!field.isString())
                    return fail(QStringLiteral("'path' must be a string"));
                op.path = PathText::fromJsonString(field.toString());
                hasPath = true;
            } else if (key == QLatin1String("uid") || key == QLatin1String("gid")) {
                if (!readId(field, key == QLatin1String("uid") ? &op.uid : &op.gid))
                    return fail(QStringLiteral("'uid' and 'gid' must be ids"));
            } else if (key == QLatin1String("mode")) {
                bool ok = false;
                op.mode = field.toString().toUInt(&ok, 8);
                if (!field.isString() || !ok)
                    return fail(QStringLiteral("'mode' must be an octal string like \"0664\""));
            } else {
                return fail(QStringLiteral("unknown key '%1'").arg(key));
            }
        }
        if (!hasKind)
            return fail(QStringLiteral("unknown operation ''"));
        if (!hasPath)
            return fail(QStringLiteral("'path' must be a string"));
        result.operations.append(std::move(op));
    }
    *plan = std::move(result);
    return true;
}

bool RepairPlan::isSystemPath(const QByteArray &root)
{
    // Never a cache root, nor anything below them.
    static const char *const kTrees[] = {"/bin", "/boot", "/dev", "/etc", "/lib", "/lib32", "/lib64", "/libx32",
                                         "/proc", "/run", "/sbin", "/sys", "/usr", "/var/lib", "/var/log",
                                         "/var/spool", "/var/mail", "/var/backups"};
    // Never a cache root themselves (caches below them are normal).
    static const char *const kExact[] = {"/", "/home", "/root", "/var", "/srv", "/opt", "/mnt", "/media", "/tmp",
                                          "/var/tmp", "/var/cache"};
    for (const char *tree : kTrees) {
        const QByteArray prefix(tree);
        if (root == prefix || root.startsWith(prefix + '/'))
            return true;
    }
    for (const char *exact : kExact) {
        if (root == exact)
            return true;
    }
    return false;
}

bool RepairPlan::validate(const RepairInvoker &invoker, QString *error) const
{
    QString why;
    if (!root.startsWith('/') || root == "/" || !FdWalk::isValidRelativePath(root.mid(1), &why)) {
        *error = QStringLiteral("cache root %1 must be an absolute path without '.', '..' or '//' %2")
                     .arg(PathText::display(root), why);
        return false;
    }
    if (isSystemPath(root)) {
        *error = QStringLiteral("refusing to repair %1: a system folder, not a Hugging Face cache").arg(PathText::display(root));
        return false;
    }
    if (sharedGroup >= 0 && !invoker.isMemberOf(quint32(sharedGroup))) {
        *error = QStringLiteral("shared group %1: the invoking user (uid %2) is not a member of it")
                     .arg(sharedGroup)
                     .arg(invoker.uid);
        return false;
    }
    const auto groupAllowed = [&](qint64 gid) {
        return invoker.isRoot() || gid == qint64(invoker.gid) || (sharedGroup >= 0 && gid == sharedGroup);
    };
    for (qsizetype i = 0; i < operations.size(); ++i) {
        const RepairOperation &op = operations[i];
        const auto fail = [&](const QString &reason) {
            *error = operationError(i, op, reason);
            return false;
        };
        if (!FdWalk::isValidRelativePath(op.path, &why))
            return fail(why);
        const bool needsUid = op.kind == Kind::Chown;
        const bool needsGid = op.kind == Kind::Chgrp || op.kind == Kind::DefaultAcl;
        const bool mayGid = needsGid || op.kind == Kind::Chown;
        if ((op.uid >= 0) != needsUid || (needsGid && op.gid < 0) || (!mayGid && op.gid >= 0))
            return fail(QStringLiteral("arguments do not fit the operation"));
        if (op.kind == Kind::Chmod && op.mode > 0777)
            return fail(QStringLiteral("mode %1 has bits beyond 0777 (setuid, setgid and sticky are not "
                                       "set through chmod)").arg(op.mode, 0, 8));
        if (op.kind != Kind::Chmod && op.mode != 0)
            return fail(QStringLiteral("a mode only goes with chmod"));
        if (needsUid && !invoker.isRoot() && op.uid != qint64(invoker.uid))
            return fail(QStringLiteral("uid %1 is not the invoking user's (%2)").arg(op.uid).arg(invoker.uid));
        if (op.gid >= 0 && !groupAllowed(op.gid))
            return fail(QStringLiteral("group %1 is neither the invoking user's primary group nor the plan's shared group")
                            .arg(op.gid));
        if (op.kind == Kind::RemoveIncomplete) {
            const QList<QByteArray> parts = op.path.split('/');
            if (parts.size() != 3 || parts[1] != "blobs" || incompleteEtag(parts[2]).isEmpty())
                return fail(QStringLiteral("only <repo>/blobs/<etag>.incomplete files can be removed"));
        }
    }
    return true;
}

} // namespace hfcache

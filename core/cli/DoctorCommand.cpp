// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "DoctorCommand.h"

#include "CliApplication.h"
#include "CliOutput.h"
#include "SnapshotJson.h"
#include "activity/CacheActivity.h"
#include "audit/AccessCheck.h"
#include "audit/CacheAudit.h"
#include "audit/FilesystemFacts.h"
#include "cache/CacheLocations.h"
#include "cache/CacheScan.h"
#include "util/PathText.h"

#include <QFile>
#include <QMap>
#include <QMutex>

namespace hfcache {

namespace {

// The scan's own findings that belong to this diagnosis: folders it could not read.
Findings permissionFindings(const Findings &scanFindings)
{
    Findings result;
    for (const Finding &f : scanFindings) {
        if (f.code == QLatin1String("unreadable"))
            result.append(f);
    }
    return result;
}

QString aclText(AclProbe::Support support)
{
    switch (support) {
    case AclProbe::Support::Supported: return QStringLiteral("supported");
    case AclProbe::Support::Unsupported: return QStringLiteral("not supported by this filesystem");
    case AclProbe::Support::Unknown: return QStringLiteral("unknown");
    }
    return {};
}

QString fixText(const FindingFix &fix)
{
    const QString path = PathText::display(fix.path);
    // -h: findings name symlinks too, and a plain chown would change the link's target instead.
    if (fix.action == QLatin1String("chown") || fix.action == QLatin1String("chgrp"))
        return QStringLiteral("%1 -h %2 %3").arg(fix.action, fix.value, path);
    if (fix.action == QLatin1String("chmod") || fix.action == QLatin1String("setgid"))
        return QStringLiteral("chmod %1 %2").arg(fix.value, path);
    if (fix.action == QLatin1String("default-acl"))
        return QStringLiteral("setfacl -d -m %1 %2").arg(fix.value, path);
    if (fix.action == QLatin1String("remove"))
        return QStringLiteral("remove it while holding %1 (hfcache prune --incomplete)").arg(fix.value);
    if (fix.action == QLatin1String("break-stale"))
        return QStringLiteral("hfcache locks --break-stale (renames, re-checks and removes it as filelock does)");
    if (fix.action == QLatin1String("mount-option"))
        return QStringLiteral("mount %1 with -o %2").arg(path, fix.value);
    if (fix.action == QLatin1String("set-env"))
        return QStringLiteral("set %1").arg(fix.value);
    if (fix.action == QLatin1String("client-config"))
        return QStringLiteral("set %1 in beegfs-client.conf on every node (for %2)").arg(fix.value, path);
    return QStringLiteral("%1 %2 %3").arg(fix.action, fix.value, path);
}

// Everything doctor reports: the audit, plus the scan's unreadable folders and the activity
// findings (locks, downloads, files in use) merged into their repos.
struct Diagnosis
{
    const AuditReport &audit;
    FilesystemFacts filesystem;  // of the root
    Findings cacheFindings;
    QHash<QString, Findings> extra;  // by cache id

    Findings of(const RepoAccess &repo) const { return repo.findings + extra.value(repo.cacheId); }
    int count(Severity severity) const
    {
        auto countIn = [severity](const Findings &list) {
            return int(std::count_if(list.cbegin(), list.cend(), [severity](const Finding &f) { return f.severity == severity; }));
        };
        int n = countIn(cacheFindings);
        for (const RepoAccess &repo : audit.repos)
            n += countIn(repo.findings);
        for (const Findings &list : extra)
            n += countIn(list);
        return n;
    }
};

class Printer
{
public:
    explicit Printer(FILE *out) : m_out(out) {}
    ~Printer() { CliOutput::write(m_out, m_text); }
    void line(const QString &text = {}) { m_text += text + QLatin1Char('\n'); }

    // Findings grouped by code, errors first: the first few of each code in full, then a count.
    void findings(const Findings &list, const QString &indent)
    {
        struct Group
        {
            QList<const Finding *> shown;
            int count = 0;
        };
        QMap<std::pair<int, QString>, Group> groups;
        for (const Finding &f : list) {
            Group &group = groups[{-int(f.severity), f.code}];
            if (++group.count <= 3)
                group.shown.append(&f);
        }
        for (auto it = groups.cbegin(); it != groups.cend(); ++it) {
            for (const Finding *f : it->shown) {
                line(QStringLiteral("%1%2 %3: %4").arg(indent, severityName(f->severity), f->code, f->message));
                line(QStringLiteral("%1    %2").arg(indent, PathText::display(f->path)));
                if (!f->fix.isEmpty())
                    line(QStringLiteral("%1    fix: %2").arg(indent, fixText(f->fix)));
            }
            if (it->count > it->shown.size())
                line(QStringLiteral("%1... and %2 more %3 (--json lists them all)")
                         .arg(indent).arg(it->count - it->shown.size()).arg(it.key().second));
        }
    }

    void why(const QString &title, const WhyPath &path, const QString &indent)
    {
        line(QStringLiteral("%1%2 %3").arg(indent, title, PathText::display(path.target())));
        for (const QString &l : path.lines())
            line(indent + QStringLiteral("  ") + l);
    }

private:
    FILE *m_out;
    QString m_text;
};

void printHuman(const Diagnosis &diagnosis, CliContext &context)
{
    const AuditReport &audit = diagnosis.audit;
    Printer p(context.out);
    p.line(QStringLiteral("Cache:  %1").arg(PathText::display(audit.root)));
    p.line(QStringLiteral("User:   %1 (uid %2; %3)").arg(audit.user.name).arg(audit.user.uid).arg(audit.userReason));
    if (audit.shared) {
        p.line(QStringLiteral("Shared: group %1%2; POSIX ACLs %3%4")
                   .arg(audit.sharedGroup, audit.sharedDetected ? QStringLiteral(" (detected from the root's group and mode)") : QString(),
                        aclText(audit.aclSupport),
                        audit.aclSupport == AclProbe::Support::Supported
                            ? (audit.rootDefaultAcl ? QStringLiteral(", default ACL keeps new files group-writable")
                                                    : QStringLiteral(", no default ACL for the group on the root"))
                            : QString()));
    } else {
        p.line(QStringLiteral("Shared: no (a private cache; --shared-group GROUP checks the shared-group policy)"));
    }
    p.line(QStringLiteral("FS:     %1; %2").arg(diagnosis.filesystem.summary(), diagnosis.filesystem.lockText()));
    if (audit.rootReadDenial.isDenied() || audit.rootWriteDenial.isDenied())
        p.why(QStringLiteral("Path to"), audit.rootWriteDenial.isDenied() ? audit.rootWriteDenial : audit.rootReadDenial,
              QString());
    if (!diagnosis.cacheFindings.isEmpty()) {
        p.line();
        p.findings(diagnosis.cacheFindings, QStringLiteral("  "));
    }
    int readable = 0, writable = 0;
    for (const RepoAccess &repo : audit.repos) {
        readable += repo.canRead;
        writable += repo.canWrite;
        const Findings findings = diagnosis.of(repo);
        if (findings.isEmpty() && repo.canRead && repo.canWrite)
            continue;
        p.line();
        p.line(QStringLiteral("%1  load: %2  update/delete: %3")
                   .arg(PathText::display(repo.cacheId), repo.canRead ? QStringLiteral("yes") : QStringLiteral("NO"),
                        repo.canWrite ? QStringLiteral("yes") : QStringLiteral("NO")));
        if (!repo.canRead && repo.readDenial.components.size() > audit.rootChain.size())
            p.why(QStringLiteral("  cannot load:"), repo.readDenial, QStringLiteral("  "));
        if (!repo.canWrite && repo.writeDenial.components.size() > audit.rootChain.size())
            p.why(QStringLiteral("  cannot update:"), repo.writeDenial, QStringLiteral("  "));
        p.findings(findings, QStringLiteral("  "));
    }
    const int errors = diagnosis.count(Severity::Error);
    const int warnings = diagnosis.count(Severity::Warning);
    p.line();
    p.line(QStringLiteral("%1 repo(s): %2 loadable, %3 updatable by %4; %5 error(s), %6 warning(s).")
               .arg(audit.repos.size()).arg(readable).arg(writable).arg(audit.user.name).arg(errors).arg(warnings));
    if (errors == 0 && warnings == 0)
        p.line(QStringLiteral("No problem found."));
}

void writeWhy(JsonWriter &json, const char *key, const WhyPath &why)
{
    json.key(key);
    if (!why.isDenied()) {
        json.null();
        return;
    }
    json.beginObject();
    json.field("path", why.target());
    json.field("denied_at", why.denying()->path);
    json.field("needs", AccessCheck::wantText(why.want));
    json.field("reason", why.reason);
    json.key("components");
    json.beginArray();
    for (const PathComponent &c : why.components) {
        json.beginObject();
        json.field("path", c.path);
        if (c.known) {
            json.field("mode", AccessCheck::modeString(c.stat.mode));
            json.field("owner", UserIdentity::userName(c.stat.uid));
            json.field("group", UserIdentity::groupName(c.stat.gid));
        }
        json.endObject();
    }
    json.endArray();
    json.endObject();
}

void printJson(const Diagnosis &diagnosis, CliContext &context)
{
    const AuditReport &audit = diagnosis.audit;
    JsonWriter json(context.out);
    json.beginObject();
    json.field("cache_dir", audit.root);
    json.key("user");
    json.beginObject();
    json.field("name", audit.user.name);
    json.field("uid", qint64(audit.user.uid));
    json.field("reason", audit.userReason);
    json.endObject();
    json.key("shared");
    json.beginObject();
    json.field("enabled", audit.shared);
    json.field("detected", audit.sharedDetected);
    json.key("group");
    if (audit.shared)
        json.value(audit.sharedGroup);
    else
        json.null();
    json.key("acl_supported");
    if (audit.aclSupport == AclProbe::Support::Unknown)
        json.null();
    else
        json.value(audit.aclSupport == AclProbe::Support::Supported);
    json.field("root_default_acl", audit.rootDefaultAcl);
    json.endObject();
    json.key("filesystem");
    SnapshotJson::writeFilesystem(json, diagnosis.filesystem);
    writeWhy(json, "root_denial", audit.rootWriteDenial.isDenied() ? audit.rootWriteDenial : audit.rootReadDenial);
    json.key("repos");
    json.beginArray();
    for (const RepoAccess &repo : audit.repos) {
        json.beginObject();
        json.field("repo_id", repo.repoId);
        json.field("cache_id", repo.cacheId);
        json.field("repo_path", repo.path);
        json.field("can_read", repo.canRead);
        json.field("can_write", repo.canWrite);
        writeWhy(json, "read_denial", repo.readDenial);
        writeWhy(json, "write_denial", repo.writeDenial);
        json.key("findings");
        SnapshotJson::writeFindings(json, diagnosis.of(repo));
        json.endObject();
    }
    json.endArray();
    json.key("findings");
    SnapshotJson::writeFindings(json, diagnosis.cacheFindings);
    json.key("summary");
    json.beginObject();
    json.field("errors", diagnosis.count(Severity::Error));
    json.field("warnings", diagnosis.count(Severity::Warning));
    json.field("infos", diagnosis.count(Severity::Info));
    json.endObject();
    json.endObject();
}

} // namespace

void DoctorCommand::addOptions(QCommandLineParser &parser) const
{
    CliApplication::addCacheDirOption(parser);
    parser.addOptions({
        {QStringLiteral("as-user"), QStringLiteral("Check for this user (a name or a uid) instead of the current one."), QStringLiteral("USER")},
        {QStringLiteral("shared-group"), QStringLiteral("Check the shared-group policy for this group "
                                                        "(default: detected from the root's group and mode)."),
         QStringLiteral("GROUP")},
        {QStringLiteral("json"), QStringLiteral("Print one JSON object (keys documented in README).")},
    });
}

int DoctorCommand::run(const QCommandLineParser &parser, CliContext &context) const
{
    if (!parser.positionalArguments().isEmpty()) {
        CliApplication::printError(context, QStringLiteral("doctor takes no arguments (did you mean --cache-dir?)"));
        return ExitUsage;
    }
    CacheAudit::Options options;
    options.asUser = parser.value(QStringLiteral("as-user"));
    options.sharedGroup = parser.value(QStringLiteral("shared-group"));
    if (!parser.isSet(QStringLiteral("cache-dir")))
        options.hfHome = QFile::encodeName(CacheLocations::resolve().hfHome);

    const QByteArray root = CliApplication::cacheDir(parser);
    if (CliApplication::refuseLocalDir(root, context))
        return ExitUsage;
    CacheAudit audit;
    QString error;
    if (!audit.prepare(root, options, &error)) {
        CliApplication::printError(context, error);
        return ExitUsage;
    }
    // Repos are judged by the scan's workers as they finish: one pass, both cores.
    QMutex mutex;
    QList<RepoAccess> repos;
    const auto judgeRepo = [&](const CachedRepoPtr &repo) {
        RepoAccess access = audit.auditRepo(*repo);
        const QMutexLocker locker(&mutex);
        repos.append(std::move(access));
    };
    ScanError scanError;
    CacheSnapshotPtr snapshot = CacheScan::run(root, {}, judgeRepo, nullptr, &scanError);
    if (!snapshot) {
        CliApplication::printError(context, scanError.message());
        // A root this user may not open: say why (the path to it) and what would fix it.
        snapshot = audit.deniedRoot();
        if (!snapshot)
            return ExitUsage;
    }
    const AuditReport report = audit.finish(*snapshot, std::move(repos));
    CacheActivity::Options activityOptions;
    activityOptions.lockRows = CacheActivity::Options::LockRows::Active;
    const ActivityReport activity = CacheActivity::inspect(ActivityTargets::fromSnapshot(snapshot), activityOptions);
    // What the filesystem means for the locks; the xet cache's own only when the environment places it.
    const FilesystemFacts filesystem = FilesystemFacts::probe(root);
    Findings cacheFindings = permissionFindings(snapshot->findings) + report.findings + filesystem.findings(root);
    if (!parser.isSet(QStringLiteral("cache-dir"))) {
        const QByteArray xet = QFile::encodeName(CacheLocations::resolve().xetCache);
        cacheFindings += FilesystemFacts::probe(xet).findings(xet, true);
    }
    Diagnosis diagnosis{report, filesystem, cacheFindings, activity.findingsByRepo()};
    for (const CachedRepoPtr &repo : snapshot->repos) {
        const Findings unreadable = permissionFindings(repo->findings);
        if (!unreadable.isEmpty())
            diagnosis.extra[repo->cacheId()] += unreadable;
    }
    if (parser.isSet(QStringLiteral("json")))
        printJson(diagnosis, context);
    else
        printHuman(diagnosis, context);
    return diagnosis.count(Severity::Error) > 0 ? ExitFindings : ExitOk;
}

} // namespace hfcache

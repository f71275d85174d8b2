// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "AuditReport.h"
#include "cache/CachedRepo.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QString>

#include <functional>
#include <utility>

namespace hfcache {

// Judges entries for one user against the policy in `base` (CacheAudit::prepare's report):
// which findings an entry's lstat earns, and the first denial of the repo's read and write
// access. One per repo (and one for the cache level), so scan workers can run them side by side.
class AuditJudge
{
public:
    // What an entry must allow for loading (read) and for downloading, locking and deleting (write).
    struct Needs
    {
        int read = 0;   // AccessCheck::Want bits
        int write = 0;
        bool isLock = false;
        // Kept read-only by its library (a shared blob store payload): the group needs read, not write.
        bool readOnly = false;
    };

    // Where an entry is, built into a path only when a finding needs it: most entries are fine,
    // and a 300k-entry cache should not pay for 600k path strings.
    struct EntryRef
    {
        enum class Base { Root, Repo, Locks };  // Locks: relative to <root>/.locks/<repo folder>
        Base base = Base::Repo;
        QByteArrayView dir;   // may be empty
        QByteArrayView name;  // may be empty (the base itself)

        QByteArray rel() const;
    };

    // What the judge asks of the machine beyond the lstat: the user and group databases and
    // folders' default ACLs. systemLookups() in the audit; tables in tst_AuditJudge, so that the
    // verdicts can be checked on synthetic stats.
    struct Lookups
    {
        std::function<QString(quint32 uid)> userName;    // the uid as a number when it names no user
        std::function<QString(quint32 gid)> groupName;
        std::function<UserIdentity(quint32 uid)> user;   // empty name when there is no such user
        std::function<bool(const QByteArray &dir, quint32 gid, quint32 dirGid)> defaultAclGrantsGroup;
    };
    static Lookups systemLookups();

    AuditJudge(const AuditReport &base, const QByteArray &root, const EntryStat &locksStat, bool hasLocks,
               Lookups lookups = systemLookups());

    // For repo entries; without it, entries are cache-level (relative to the root).
    void setRepo(const CachedRepo *repo, RepoAccess *access);
    void check(const EntryRef &ref, const EntryStat &stat, const Needs &needs);
    void checkLink(const EntryRef &ref, const EntryStat &stat);
    void checkAcl(const QByteArray &dir, const EntryStat &stat, Severity severity);
    void checkLockDirCreatable();
    Findings takeFindings() { return std::move(m_findings); }

private:
    // Finding texts depend only on (code, owner, group, mode, need): a cache with 300k entries
    // owned by someone else shares a handful of strings instead of formatting 300k of them.
    struct MessageKey
    {
        FindingCode code;
        quint32 uid, gid, mode;
        int want;
        friend bool operator==(const MessageKey &a, const MessageKey &b)
        {
            return a.code == b.code && a.uid == b.uid && a.gid == b.gid && a.mode == b.mode && a.want == b.want;
        }
        friend size_t qHash(const MessageKey &k, size_t seed = 0) { return qHashMulti(seed, int(k.code), k.uid, k.gid, k.mode, k.want); }
    };
    struct Owner
    {
        QString name;
        bool known = false;  // has an entry in the user database
    };

    void checkAccess(const EntryRef &ref, const EntryStat &stat, const Needs &needs);
    void checkPrivateOwner(const EntryRef &ref, const EntryStat &stat);
    void checkSharedPolicy(const EntryRef &ref, const EntryStat &stat, const Needs &needs);
    QByteArray fullPath(const EntryRef &ref) const;
    WhyPath whyPath(const EntryRef &ref, const EntryStat &stat, int want) const;
    std::pair<FixAction, QString> accessFix(const EntryStat &stat, int want) const;
    template<typename Make>
    void add(Severity severity, FindingCode code, const QByteArray &path, const EntryStat &stat, int want, Make makeMessage,
             FixAction fixAction, const QString &fixValue);
    void add(Severity severity, FindingCode code, const QByteArray &path, const QString &message, const FindingFix &fix);
    const Owner &owner(quint32 uid);
    QString ownerName(quint32 uid) { return owner(uid).name; }
    bool ownerKnown(quint32 uid) { return owner(uid).known; }
    bool ownerIsMember(quint32 uid);

    const AuditReport &m_base;
    const UserIdentity &m_user;
    const QByteArray &m_root;
    const EntryStat &m_locksStat;
    bool m_hasLocks;
    Lookups m_lookups;
    QString m_chown;  // "owner:group" of the cache: what "make it consistent" means
    const CachedRepo *m_repo = nullptr;
    RepoAccess *m_access = nullptr;
    QHash<QByteArray, EntryStat> m_dirs;  // folders of the repo, relative to it: for why-paths
    EntryStat m_lockDir;
    bool m_hasLockDir = false;
    QHash<quint32, Owner> m_owners;
    QHash<MessageKey, QString> m_messages;
    QHash<quint32, bool> m_members;
    Findings m_findings;
};

} // namespace hfcache

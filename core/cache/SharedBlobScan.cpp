// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "SharedBlobScan.h"

#include "FolderListing.h"
#include "SharedBlobLayout.h"
#include "util/HumanFormat.h"
#include "util/PathText.h"
#include "util/RegularFile.h"
#include "util/SystemError.h"
#include "util/UniqueFd.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <fcntl.h>
#include <unistd.h>

namespace hfcache {

namespace {

// The whole of a small file already opened for reading; false on a read error.
bool readAll(int fd, QByteArray *content)
{
    char buffer[65536];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0)
            return false;
        if (n == 0)
            return true;
        content->append(buffer, n);
    }
}

QString shown(const QByteArray &raw)
{
    return PathText::display(raw);
}

} // namespace

bool SharedBlobScan::isStore(int rootFd)
{
    const UniqueFd store(::openat(rootFd, SharedBlobLayout::Folder, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!store.isValid())
        return false;
    QString ignored;
    const UniqueFd marker = RegularFile::openForReading(store.get(), SharedBlobLayout::Marker, {}, &ignored);
    QByteArray content;
    return marker.isValid() && readAll(marker.get(), &content) && content == SharedBlobLayout::MarkerContent;
}

void SharedBlobScan::scan(int rootFd, const QByteArray &root, SharedBlobStore *store, Findings *findings)
{
    const QByteArray folder = SharedBlobLayout::Folder;
    if (!isStore(rootFd))
        return;
    store->present = true;
    QHash<QByteArray, SharedPayload> byHash;
    auto unknown = [&](const QByteArray &relative) {
        findings->append(makeFinding(Severity::Info, FindingCode::UnknownEntry, root + '/' + relative,
                                     QStringLiteral("%1 is not part of huggingface_hub's shared blob store").arg(shown(relative))));
    };
    int error = FolderListing::forEach(rootFd, folder, [&](int storeFd, const QByteArray &prefix, const EntryStat &st) {
        const QByteArray relativeFolder = folder + '/' + prefix;
        store->otherEntries.append({relativeFolder, st});
        if (prefix == SharedBlobLayout::Marker)
            return;
        if (!st.isDirectory() || !SharedBlobLayout::isPrefixFolder(prefix)) {
            unknown(relativeFolder);
            return;
        }
        const int inner = FolderListing::forEach(storeFd, prefix, [&](int prefixFd, const QByteArray &name, const EntryStat &entry) {
            const QByteArray relative = relativeFolder + '/' + name;
            QByteArray hash;
            const SharedBlobLayout::Entry kind = SharedBlobLayout::classify(prefix, name, &hash);
            if (kind == SharedBlobLayout::Entry::Other) {
                store->otherEntries.append({relative, entry});
                unknown(relative);
                return;
            }
            SharedPayload &payload = byHash[hash];
            payload.hash = hash;
            switch (kind) {
            case SharedBlobLayout::Entry::Payload:
                payload.stat = entry;
                if (!entry.isRegularFile())
                    findings->append(makeFinding(Severity::Warning, FindingCode::BlobNameInvalid, root + '/' + relative,
                                                 QStringLiteral("a shared payload should be a regular file; %1 is not one")
                                                     .arg(shown(relative))));
                break;
            case SharedBlobLayout::Entry::Manifest: {
                payload.manifestStat = entry;
                QString openError;
                const UniqueFd fd = RegularFile::openForReading(prefixFd, name, root + '/' + relative, &openError);
                QByteArray content;
                payload.manifestRead = fd.isValid() && readAll(fd.get(), &content);
                for (const QByteArray &line : content.split('\n')) {
                    if (!line.isEmpty())
                        payload.manifestRefs.append(line);
                }
                if (!payload.manifestRead)
                    findings->append(makeFinding(Severity::Error, FindingCode::Unreadable, root + '/' + relative,
                                                 openError.isEmpty() ? QStringLiteral("cannot read %1").arg(shown(relative))
                                                                     : openError));
                break;
            }
            case SharedBlobLayout::Entry::Lock:
                payload.lockStat = entry;
                break;
            case SharedBlobLayout::Entry::SoftLock:  // held, or stale: `locks` and doctor tell which
                payload.softLockStat = entry;
                break;
            case SharedBlobLayout::Entry::Other:
                break;
            }
        });
        if (FolderListing::isUnreadable(inner))
            findings->append(makeFinding(Severity::Error, FindingCode::Unreadable, root + '/' + relativeFolder,
                                         QStringLiteral("cannot read %1: %2; its shared payloads are missing from this report")
                                             .arg(shown(relativeFolder), errnoText(inner))));
    });
    if (FolderListing::isUnreadable(error))
        findings->append(makeFinding(Severity::Error, FindingCode::Unreadable, root + '/' + folder,
                                     QStringLiteral("cannot read the shared blob store: %1").arg(errnoText(error))));
    store->payloads = byHash.values();
    std::sort(store->payloads.begin(), store->payloads.end(),
              [](const SharedPayload &a, const SharedPayload &b) { return a.hash < b.hash; });
}

void SharedBlobScan::crossCheck(CacheSnapshot &snapshot)
{
    SharedBlobStore &store = snapshot.sharedBlobs;
    if (!store.present)
        return;
    QHash<QByteArray, QList<QByteArray>> links;  // hash -> repo blob links to it
    QSet<QByteArray> scanned;                     // repo folders read whole: a manifest line they lack is stale
    QSet<QByteArray> folders;
    for (const CachedRepoPtr &repo : std::as_const(snapshot.repos)) {
        folders.insert(repo->folderName);
        const bool whole = std::none_of(repo->findings.cbegin(), repo->findings.cend(),
                                        [](const Finding &f) { return f.code == FindingCode::Unreadable; });
        if (whole)
            scanned.insert(repo->folderName);
        for (const CachedBlob &blob : repo->blobs) {
            if (blob.payloadIndex >= 0) {
                const QByteArray &path = repo->sharedPayloads.at(blob.payloadIndex).path;
                links[path.mid(path.lastIndexOf('/') + 1)].append(repo->folderName + "/blobs/" + blob.name);
            }
        }
    }
    for (SharedPayload &payload : store.payloads) {
        payload.linkedBy = links.value(payload.hash);
        std::sort(payload.linkedBy.begin(), payload.linkedBy.end());
        const QByteArray path = snapshot.root + '/' + SharedBlobLayout::payloadPath(payload.hash);
        QList<QByteArray> stale;
        for (const QByteArray &line : std::as_const(payload.manifestRefs)) {
            if (payload.linkedBy.contains(line))
                continue;
            const QByteArray folder = line.left(line.indexOf('/'));
            if (SharedBlobLayout::isManifestLine(line) && !scanned.contains(folder) && folders.contains(folder))
                payload.uncheckedRefs.append(line);
            else
                stale.append(line);
        }
        if (!stale.isEmpty())
            snapshot.findings.append(makeFinding(
                Severity::Info, FindingCode::SharedBlobManifestStale, path + SharedBlobLayout::ManifestSuffix,
                QStringLiteral("the manifest names %1 repo blob(s) that no longer link to this payload (e.g. %2); "
                               "huggingface_hub drops them at its next clean-up of the payload")
                    .arg(stale.size()).arg(shown(stale.first()))));
        QList<QByteArray> unlisted;
        for (const QByteArray &link : std::as_const(payload.linkedBy)) {
            if (!payload.manifestRefs.contains(link))
                unlisted.append(link);
        }
        if (!unlisted.isEmpty())
            snapshot.findings.append(makeFinding(
                Severity::Warning, FindingCode::SharedBlobManifestStale, path + SharedBlobLayout::ManifestSuffix,
                QStringLiteral("%1 repo blob link(s) to this payload are missing from its manifest (e.g. %2): a "
                               "huggingface_hub clean-up that trusts the manifest could delete the payload under them; "
                               "hfcache rewrites the manifest when it next removes a link to it")
                    .arg(unlisted.size()).arg(shown(unlisted.first()))));
        if (payload.hasPayload() && payload.linkedBy.isEmpty() && payload.uncheckedRefs.isEmpty())
            snapshot.findings.append(makeFinding(
                Severity::Info, FindingCode::SharedBlobUnreferenced, path,
                payload.manifestRead
                    ? QStringLiteral("no repo blob links to this shared payload (%1 on disk); `hfcache prune --orphans` "
                                     "removes it").arg(HumanFormat::size(payload.stat.diskSize))
                    : QStringLiteral("no repo blob links to this shared payload (%1 on disk) and it has no readable "
                                     "manifest, so neither huggingface_hub nor hfcache prune removes it: delete it by "
                                     "hand once no download uses it").arg(HumanFormat::size(payload.stat.diskSize))));
    }
}

} // namespace hfcache

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "TokenTrap.h"

#include "AccessCheck.h"
#include "util/PathPrefix.h"
#include "util/PathText.h"

#include <QStringList>

#include <sys/stat.h>

namespace hfcache {

Findings TokenTrap::check(const QByteArray &tokenPath, const QList<SharedRoot> &sharedRoots)
{
    const qsizetype slash = tokenPath.lastIndexOf('/');
    struct stat st;
    if (slash <= 0 || ::lstat(tokenPath.constData(), &st) != 0)
        return {};
    const QByteArray folder = tokenPath.left(slash);
    QStringList below;
    QString group;
    for (const SharedRoot &root : sharedRoots) {
        if (root.path == folder || PathPrefix::isUnder(root.path, folder)) {
            below << PathText::display(root.path);
            group = root.group;
        }
    }
    if (below.isEmpty() || ::stat(folder.constData(), &st) != 0)
        return {};
    const bool sprung = !(st.st_mode & 0077);
    const QString state = sprung
        ? QStringLiteral("it is mode %1 now: members of %2 cannot reach %3; chmod alone lasts until the next login")
        : QStringLiteral("it is mode %1 now, but the next `hf auth login` or token refresh makes it 0700 and locks "
                         "members of %2 out of %3");
    return {makeFinding(sprung ? Severity::Error : Severity::Warning, FindingCode::HfHomeTokenTrap, tokenPath,
                        QStringLiteral("the token lives in %1, above caches shared with the group; huggingface_hub >= 1.16 "
                                       "chmods the token's folder to 0700 (#4234): ")
                                .arg(PathText::display(folder))
                            + state.arg(AccessCheck::octal(st.st_mode & 07777), group, below.join(QStringLiteral(", "))),
                        makeFix(FixAction::SetEnv, tokenPath,
                                QStringLiteral("HF_TOKEN_PATH to a file of your own, e.g. HF_TOKEN_PATH=$HOME/.config/"
                                               "huggingface/token, then hf auth login again")))};
}

} // namespace hfcache

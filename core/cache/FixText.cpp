// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "FixText.h"

#include "util/PathText.h"

#include <QCoreApplication>

#include <algorithm>
#include <iterator>
#include <utility>

namespace hfcache::FixText {

namespace {

// {value} is fix.value, {path} the fix's path for people, {action} the action's name. Named rather
// than %1/%2: several texts use only one of them, and QString::arg numbers what is left.
struct Texts
{
    FixAction action;
    const char *command;
    const char *prose;
};

constexpr Texts kTexts[] = {
    // -h: findings name symlinks too, and a plain chown would change the link's target instead.
    {FixAction::Chown, "chown -h {value} {path}", QT_TRANSLATE_NOOP("FixText", "Give {path} to the user {value}.")},
    {FixAction::Chgrp, "chgrp -h {value} {path}", QT_TRANSLATE_NOOP("FixText", "Give {path} to the group {value}.")},
    {FixAction::Chmod, "chmod {value} {path}",
     QT_TRANSLATE_NOOP("FixText", "Change the permissions of {path} to {value}.")},
    {FixAction::SetGid, "chmod {value} {path}",
     QT_TRANSLATE_NOOP("FixText", "Set the set-group-ID bit on {path} so new files inherit its group.")},
    {FixAction::DefaultAcl, "setfacl -d -m {value} {path}",
     QT_TRANSLATE_NOOP("FixText", "Set the default ACL {value} on {path}.")},
    {FixAction::Remove, "remove it while holding {value} (hfcache prune --incomplete)",
     QT_TRANSLATE_NOOP("FixText", "Remove {path}.")},
    {FixAction::BreakStale, "hfcache locks --break-stale (renames, re-checks and removes it as filelock does)",
     QT_TRANSLATE_NOOP("FixText", "Remove the stale soft lock {path} (hfcache locks --break-stale).")},
    {FixAction::MountOption, "mount {path} with -o {value}", QT_TRANSLATE_NOOP("FixText", "Mount {path} with -o {value}.")},
    {FixAction::SetEnv, "set {value}", QT_TRANSLATE_NOOP("FixText", "Set {value}.")},
    {FixAction::ClientConfig, "set {value} in beegfs-client.conf on every node (for {path})",
     QT_TRANSLATE_NOOP("FixText", "Set {value} in beegfs-client.conf on every node (for {path}).")},
    // Files no running process uses (doctor checked /proc): nothing to hold while removing them.
    {FixAction::Delete, "rm -r -- {path}", QT_TRANSLATE_NOOP("FixText", "Delete {path}: no running process uses it.")},
};

// An action this build does not know (a newer plan's): its name, value and path as they are.
constexpr const char *kUnknown = "{action} {value} {path}";

const Texts *textsOf(const FindingFix &fix)
{
    const std::optional<FixAction> action = fixActionFromName(fix.action);
    if (!action)
        return nullptr;
    for (const Texts &texts : kTexts) {
        if (texts.action == *action)
            return &texts;
    }
    return nullptr;
}

// One pass over the pattern, so a file name that holds "{value}" stays as it is.
QString render(const QString &pattern, const FindingFix &fix)
{
    const std::pair<QLatin1String, QString> fields[] = {{QLatin1String("{value}"), fix.value},
                                                        {QLatin1String("{path}"), PathText::display(fix.path)},
                                                        {QLatin1String("{action}"), fix.action}};
    QString text;
    for (qsizetype i = 0; i < pattern.size();) {
        const auto field = std::find_if(std::begin(fields), std::end(fields), [&pattern, i](const auto &entry) {
            return QStringView(pattern).sliced(i).startsWith(entry.first);
        });
        if (field == std::end(fields)) {
            text += pattern.at(i++);
        } else {
            text += field->second;
            i += field->first.size();
        }
    }
    return text;
}

} // namespace

QString command(const FindingFix &fix)
{
    const Texts *texts = textsOf(fix);
    return render(QLatin1String(texts ? texts->command : kUnknown), fix);
}

QString prose(const FindingFix &fix)
{
    const Texts *texts = textsOf(fix);
    return texts ? render(QCoreApplication::translate("FixText", texts->prose), fix)
                 : render(QLatin1String(kUnknown), fix).simplified();
}

bool hasTexts(FixAction action)
{
    return std::any_of(std::begin(kTexts), std::end(kTexts), [action](const Texts &texts) {
        return texts.action == action && *texts.command && *texts.prose;
    });
}

} // namespace hfcache::FixText

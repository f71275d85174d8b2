// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "DatasetExportAction.h"

#include "common/AppSettings.h"
#include "common/ItemIcons.h"
#include "common/WindowHost.h"
#include "export/ExportDialog.h"
#include "export/ExportRunner.h"

#include "export/DatasetExportSource.h"
#include "util/PathText.h"

#include <QAction>
#include <QFile>

namespace hfcache {

namespace {

const QString DatasetsKindId = QStringLiteral("datasets");

// The datasets builder the row stands for, or null.
const HomeGroup *builderOf(const HomeListingPtr &listing, const HomeNode &node)
{
    if (!listing || node.level != HomeNode::Level::Item || node.group < 0)
        return nullptr;
    const KindSnapshot &kind = *listing->kinds[size_t(node.kind)].snapshot;
    const HomeGroup &group = kind.groups[node.group];
    return kind.location.kindId == DatasetsKindId && group.type == QLatin1String("builder") ? &group : nullptr;
}

} // namespace

DatasetExportAction::DatasetExportAction(WindowHost &host, QObject *parent)
    : QObject(parent)
    , m_host(host)
    , m_action(new QAction(ItemIcons::named(QStringLiteral("document-export")), tr("&Export…"), this))
    , m_runner(new ExportRunner(host, this))
{
    m_action->setObjectName(QStringLiteral("homeExportAction"));
    m_action->setToolTip(tr("Copy the selected dataset's Arrow files out of the cache (folder or archive)"));
    m_action->setEnabled(false);
    connect(m_action, &QAction::triggered, this, &DatasetExportAction::openDialog);
}

void DatasetExportAction::setCurrent(const HomeListingPtr &listing, const HomeNode &node)
{
    m_listing = listing;
    m_node = node;
    m_action->setEnabled(builderOf(listing, node) != nullptr);
}

void DatasetExportAction::openDialog()
{
    const HomeGroup *builder = builderOf(m_listing, m_node);
    if (!builder || m_runner->isRunning())
        return;
    const QByteArray root = QFile::encodeName(m_listing->kinds[size_t(m_node.kind)].snapshot->location.path);
    const QByteArray key = builder->key;
    // "org/squad (plain_text, 0.0.0)" and "org--squad-plain_text-0.0.0".
    const QString dataset = builder->detail(QStringLiteral("dataset"));
    const QString config = builder->detail(QStringLiteral("config"));
    const QString version = builder->detail(QStringLiteral("version"));
    const QString label = tr("%1 (%2, %3)").arg(dataset, config, version);
    QString name = QStringLiteral("%1-%2-%3").arg(dataset, config, version);
    name.replace(QLatin1Char('/'), QLatin1String("--"));
    auto *dialog = new ExportDialog(label, name, m_host.window());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->applyDefaults(AppSettings::load());
    dialog->offerMapCaches();
    // Not into the datasets cache, as for the CLI (ExportSource::origin()).
    dialog->setSourceOrigin(root);
    connect(dialog, &QDialog::accepted, this, [this, dialog, root, key, label] {
        const DatasetExportSource::Options options{dialog->mapCaches()};
        m_runner->start(label, [root, key, options](QString *error) { return DatasetExportSource::open(root, key, options, error); },
                        dialog->options());
    });
    dialog->open();
}

} // namespace hfcache

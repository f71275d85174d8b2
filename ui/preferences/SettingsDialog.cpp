// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "SettingsDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace hfcache {

SettingsDialog::SettingsDialog(const AppSettings &settings, QWidget *parent)
    : QDialog(parent)
    , m_roots(new QListWidget(this))
    , m_group(new QLineEdit(settings.sharedGroup, this))
    , m_autoUpdates(new QCheckBox(tr("Check the Hub for updates when a cache is opened"), this))
    , m_compression(new QComboBox(this))
    , m_level(new QSpinBox(this))
    , m_verify(new QCheckBox(tr("&Verify every file against its hash"), this))
{
    setWindowTitle(tr("Settings"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(createCachesBox(settings));
    layout->addWidget(createSharingBox());
    layout->addWidget(createUpdatesBox(settings));
    layout->addWidget(createExportBox(settings));
    layout->addWidget(buttons);
    resize(480, sizeHint().height());
}

// A grey explanatory line under a group's controls.
static QLabel *hintLabel(const QString &text, QWidget *parent)
{
    auto *hint = new QLabel(text, parent);
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);
    return hint;
}

QGroupBox *SettingsDialog::createCachesBox(const AppSettings &settings)
{
    auto *caches = new QGroupBox(tr("Cache folders"), this);
    m_roots->addItems(settings.cacheRoots);
    m_roots->setAccessibleName(tr("Cache folders"));
    // A few rows: most people have one or two extra caches.
    m_roots->setFixedHeight(m_roots->fontMetrics().height() * 5);
    auto *add = new QPushButton(tr("&Add…"), caches);
    auto *remove = new QPushButton(tr("&Remove"), caches);
    remove->setEnabled(false);
    connect(add, &QPushButton::clicked, this, &SettingsDialog::addRoot);
    connect(remove, &QPushButton::clicked, this, &SettingsDialog::removeRoot);
    connect(m_roots, &QListWidget::currentRowChanged, remove, [remove](int row) { remove->setEnabled(row >= 0); });
    auto *rootButtons = new QVBoxLayout;
    rootButtons->addWidget(add);
    rootButtons->addWidget(remove);
    rootButtons->addStretch();
    auto *rootRow = new QHBoxLayout;
    rootRow->addWidget(m_roots, 1);
    rootRow->addLayout(rootButtons);
    auto *cachesLayout = new QVBoxLayout(caches);
    cachesLayout->addLayout(rootRow);
    cachesLayout->addWidget(hintLabel(tr("Listed in File ▸ Open Configured Cache, besides the default cache "
                                         "(HF_HUB_CACHE, HF_HOME or ~/.cache/huggingface/hub)."), caches));
    return caches;
}

QGroupBox *SettingsDialog::createSharingBox()
{
    auto *sharing = new QGroupBox(tr("Shared caches"), this);
    m_group->setPlaceholderText(tr("e.g. ml-users"));
    m_group->setAccessibleName(tr("Shared group"));
    auto *sharingLayout = new QFormLayout(sharing);
    sharingLayout->addRow(tr("Shared &group:"), m_group);
    sharingLayout->addRow(hintLabel(tr("The group that should own caches shared by several users."), sharing));
    return sharing;
}

QGroupBox *SettingsDialog::createUpdatesBox(const AppSettings &settings)
{
    auto *updates = new QGroupBox(tr("Updates"), this);
    m_autoUpdates->setChecked(settings.automaticUpdateChecks);
    auto *updatesLayout = new QVBoxLayout(updates);
    updatesLayout->addWidget(m_autoUpdates);
    updatesLayout->addWidget(hintLabel(tr("Off: the Hub is only asked when you choose Check for Updates."), updates));
    return updates;
}

QGroupBox *SettingsDialog::createExportBox(const AppSettings &settings)
{
    auto *exporting = new QGroupBox(tr("Export defaults"), this);
    m_compression->addItem(tr("zstd (fast, small)"), QStringLiteral("zstd"));
    m_compression->addItem(tr("gzip (compatible)"), QStringLiteral("gzip"));
    m_compression->addItem(tr("None"), QStringLiteral("none"));
    m_compression->setCurrentIndex(qMax(0, m_compression->findData(settings.exportCompression)));
    m_level->setRange(1, 19);
    m_level->setValue(settings.exportLevel);
    auto syncLevel = [this] { m_level->setEnabled(m_compression->currentData().toString() != QLatin1String("none")); };
    connect(m_compression, &QComboBox::currentIndexChanged, this, syncLevel);
    syncLevel();
    auto *exportLayout = new QFormLayout(exporting);
    exportLayout->addRow(tr("&Compression:"), m_compression);
    exportLayout->addRow(tr("&Level:"), m_level);
    m_verify->setObjectName(QStringLiteral("exportVerify"));
    m_verify->setChecked(settings.exportVerify);
    exportLayout->addRow(QString(), m_verify);
    return exporting;
}

AppSettings SettingsDialog::settings() const
{
    AppSettings s;
    for (int i = 0; i < m_roots->count(); ++i)
        s.cacheRoots.append(m_roots->item(i)->text());
    s.sharedGroup = m_group->text().trimmed();
    s.automaticUpdateChecks = m_autoUpdates->isChecked();
    s.exportCompression = m_compression->currentData().toString();
    s.exportLevel = m_level->value();
    s.exportVerify = m_verify->isChecked();
    return s;
}

void SettingsDialog::addRoot()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Add Cache Folder"));
    if (!dir.isEmpty() && m_roots->findItems(dir, Qt::MatchExactly).isEmpty())
        m_roots->addItem(dir);
}

void SettingsDialog::removeRoot()
{
    delete m_roots->takeItem(m_roots->currentRow());
}

} // namespace hfcache

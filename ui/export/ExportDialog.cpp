// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "ExportDialog.h"

#include "export/GzipEncoder.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace hfcache {

namespace {

QString suffixOf(ExportJob::Format format)
{
    switch (format) {
    case ExportJob::Format::Folder: return {};
    case ExportJob::Format::Tar: return QStringLiteral(".tar");
    case ExportJob::Format::TarGz: return QStringLiteral(".tar.gz");
    case ExportJob::Format::TarZst: return QStringLiteral(".tar.zst");
    }
    return {};
}

// The highest level that changes anything for each compressor (`hfcache export --level`
// takes gzip levels up to 12 for scripts, but ISA-L's strongest is 3).
int maxLevel(ExportJob::Format format)
{
    return format == ExportJob::Format::TarZst ? 19 : format == ExportJob::Format::TarGz ? GzipEncoder::StrongestLevel : 0;
}

QString withoutArchiveSuffix(QString path)
{
    for (const char *suffix : {".tar.gz", ".tar.zst", ".tgz", ".tzst", ".tar"}) {
        if (path.endsWith(QLatin1String(suffix))) {
            path.chop(int(qstrlen(suffix)));
            break;
        }
    }
    return path;
}

} // namespace

ExportDialog::ExportDialog(const QString &itemLabel, const QString &defaultName, QWidget *parent)
    : QDialog(parent)
    , m_defaultName(defaultName)
    , m_format(new QComboBox(this))
    , m_target(new QLineEdit(this))
    , m_level(new QSpinBox(this))
    , m_levelLabel(new QLabel(tr("Compression &level:"), this))
    , m_verify(new QCheckBox(tr("&Verify every file against its hash while exporting"), this))
    , m_skipMissing(new QCheckBox(tr("&Leave out files that are not in the cache (incomplete download)"), this))
    , m_mapCaches(new QCheckBox(tr("Include the &map caches (cache-*.arrow of Dataset.map())"), this))
    , m_problem(new QLabel(this))
{
    setObjectName(QStringLiteral("exportDialog"));
    m_format->setObjectName(QStringLiteral("exportFormat"));
    m_target->setObjectName(QStringLiteral("exportDestination"));
    m_level->setObjectName(QStringLiteral("exportLevel"));
    m_verify->setObjectName(QStringLiteral("exportVerify"));
    m_mapCaches->setObjectName(QStringLiteral("exportMapCaches"));
    setWindowTitle(tr("Export %1").arg(itemLabel));
    auto *intro = new QLabel(tr("Copies the files of <b>%1</b> out of the cache, as plain files with their "
                                "real names (no symlinks), into a new folder or an archive.").arg(itemLabel.toHtmlEscaped()), this);
    intro->setWordWrap(true);

    m_format->addItem(tr("Folder"), int(ExportJob::Format::Folder));
    m_format->addItem(tr("Archive (.tar.zst, fast)"), int(ExportJob::Format::TarZst));
    m_format->addItem(tr("Archive (.tar.gz)"), int(ExportJob::Format::TarGz));
    m_format->addItem(tr("Archive (.tar, uncompressed)"), int(ExportJob::Format::Tar));

    m_target->setAccessibleName(tr("Destination"));
    m_target->setMinimumWidth(360);
    auto *browse = new QPushButton(tr("&Browse…"), this);
    connect(browse, &QPushButton::clicked, this, &ExportDialog::browse);
    auto *targetRow = new QHBoxLayout;
    targetRow->addWidget(m_target, 1);
    targetRow->addWidget(browse);

    m_level->setSpecialValueText(tr("Default"));
    m_level->setMinimum(0);
    m_levelLabel->setBuddy(m_level);
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: palette(link-visited);"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Format:"), m_format);
    auto *targetLabel = new QLabel(tr("&Destination:"), this);
    targetLabel->setBuddy(m_target);
    form->addRow(targetLabel, targetRow);
    form->addRow(m_levelLabel, m_level);
    form->addRow(QString(), m_verify);
    m_skipMissing->setToolTip(tr("Without this, an export of a revision whose download did not finish fails and "
                                 "names the missing files."));
    form->addRow(QString(), m_skipMissing);
    form->addRow(QString(), m_mapCaches);
    form->setRowVisible(m_mapCaches, false);
    m_form = form;

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_export = buttons->addButton(tr("&Export"), QDialogButtonBox::AcceptRole);
    m_export->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addSpacing(6);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addStretch();
    layout->addWidget(buttons);

    const QString downloads = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
    m_target->setText(QDir(downloads.isEmpty() ? QDir::homePath() : downloads).filePath(defaultName));
    connect(m_format, &QComboBox::currentIndexChanged, this, &ExportDialog::onFormatChanged);
    connect(m_target, &QLineEdit::textChanged, this, &ExportDialog::onTargetEdited);
    onFormatChanged();
}

void ExportDialog::setFormat(ExportJob::Format format)
{
    m_format->setCurrentIndex(m_format->findData(int(format)));
}

ExportJob::Format ExportDialog::format() const
{
    return ExportJob::Format(m_format->currentData().toInt());
}

void ExportDialog::setTarget(const QString &path)
{
    m_target->setText(path);
}

QString ExportDialog::target() const
{
    return m_target->text().trimmed();
}

void ExportDialog::setLevel(int level)
{
    m_level->setValue(level < 0 ? 0 : level);
}

void ExportDialog::setVerify(bool verify)
{
    m_verify->setChecked(verify);
}

void ExportDialog::setSourceOrigin(const QByteArray &origin)
{
    m_origin = origin;
    updateState();
}

void ExportDialog::applyDefaults(const AppSettings &settings)
{
    const QString &compression = settings.exportCompression;
    setFormat(compression == QLatin1String("gzip")   ? ExportJob::Format::TarGz
              : compression == QLatin1String("none") ? ExportJob::Format::Tar
                                                     : ExportJob::Format::TarZst);
    // After the format: the spin box clamps to that compressor's highest level.
    setLevel(settings.exportLevel);
    setVerify(settings.exportVerify);
}

ExportJob::Options ExportDialog::options() const
{
    ExportJob::Options options;
    options.target = QFile::encodeName(QDir::cleanPath(target()));
    options.format = format();
    // 0 is the spin box's "Default" (no compressor here treats 0 as useful).
    options.level = m_level->isEnabled() && m_level->value() > 0 ? m_level->value() : -1;
    options.verify = m_verify->isChecked();
    return options;
}

void ExportDialog::offerMapCaches()
{
    // A datasets builder has no revision to be incomplete; its map caches are the choice.
    m_form->setRowVisible(m_skipMissing, false);
    m_form->setRowVisible(m_mapCaches, true);
}

bool ExportDialog::mapCaches() const
{
    return m_mapCaches->isChecked();
}

ExportSource::Options ExportDialog::sourceOptions() const
{
    ExportSource::Options options;
    options.skipMissing = m_skipMissing->isChecked();
    return options;
}

QString ExportDialog::problem() const
{
    const QString path = target();
    if (path.isEmpty())
        return tr("Choose where to export to.");
    if (!QDir::isAbsolutePath(path))
        return tr("The destination must be an absolute path.");
    const QFileInfo info(path);
    if (info.exists() || info.isSymLink())
        return tr("%1 already exists; choose a new name.").arg(path);
    if (!QFileInfo(info.absolutePath()).isDir())
        return tr("The folder %1 does not exist.").arg(info.absolutePath());
    const QByteArray encoded = QFile::encodeName(QDir::cleanPath(path));
    if (format() != ExportJob::Format::Folder && !ExportJob::archiveFormat(encoded))
        return tr("An archive's name must end in %1 (or choose the format Folder).").arg(suffixOf(format()));
    QString refused = ExportJob::formatProblem(encoded, format());
    if (refused.isEmpty())
        refused = ExportJob::targetProblem(encoded, m_origin);
    return refused;
}

void ExportDialog::accept()
{
    if (!problem().isEmpty())
        return;
    QDialog::accept();
}

void ExportDialog::browse()
{
    QString chosen;
    if (format() == ExportJob::Format::Folder) {
        const QString parent = QFileDialog::getExistingDirectory(this, tr("Export Into Folder"), QFileInfo(target()).absolutePath());
        if (!parent.isEmpty())
            chosen = QDir(parent).filePath(m_defaultName);
    } else {
        chosen = QFileDialog::getSaveFileName(this, tr("Export To Archive"), target(),
                                              tr("Archives (*%1)").arg(suffixOf(format())));
    }
    if (!chosen.isEmpty())
        setTarget(chosen);
}

void ExportDialog::onFormatChanged()
{
    // Keep the chosen name; only the suffix follows the format (a .tgz typed for gzip stays).
    const auto named = ExportJob::archiveFormat(QFile::encodeName(target()));
    const bool fits = format() == ExportJob::Format::Folder ? !named : named == format();
    const QString base = withoutArchiveSuffix(target());
    if (!fits && !base.isEmpty())
        m_target->setText(base + suffixOf(format()));
    updateLevel();
    updateState();
}

void ExportDialog::onTargetEdited()
{
    // The extension typed decides the archive format: never gzip bytes in a .tar.zst or back.
    if (const auto named = ExportJob::archiveFormat(QFile::encodeName(target())); named && *named != format()) {
        const QSignalBlocker blocker(m_format);
        setFormat(*named);
        updateLevel();
    }
    updateState();
}

void ExportDialog::updateLevel()
{
    const int max = maxLevel(format());
    m_level->setEnabled(max > 0);
    m_levelLabel->setEnabled(max > 0);
    m_level->setMaximum(max);
}

void ExportDialog::updateState()
{
    const QString why = problem();
    m_problem->setText(why);
    m_problem->setVisible(!why.isEmpty());
    m_export->setEnabled(why.isEmpty());
}

} // namespace hfcache

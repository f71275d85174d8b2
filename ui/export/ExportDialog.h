// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "export/ExportJob.h"
#include "common/AppSettings.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace hfcache {

// The settings of one export: destination (a new folder or an archive file), format,
// compression level, verification and whether to leave out files that are not cached. Only
// collects options; ExportFeature runs the job. The format follows an archive extension typed
// in the destination (model.tar.gz is gzip whatever the combo said); an archive format with a
// name that is no archive is refused, as are the targets no export may have (the core's rule).
class ExportDialog : public QDialog
{
    Q_OBJECT
public:
    ExportDialog(const QString &itemLabel, const QString &defaultName, QWidget *parent = nullptr);

    ExportJob::Format format() const;
    QString target() const;
    // The folder the export must stay out of (ExportSource::origin()): the cache or local_dir.
    void setSourceOrigin(const QByteArray &origin);
    // Starts from the user's export defaults (Settings): the archive of their compression,
    // their level and --verify choice.
    void applyDefaults(const AppSettings &settings);
    ExportJob::Options options() const;
    ExportSource::Options sourceOptions() const;
    // A datasets builder's export: the map caches are offered (off), "leave out missing files" is not.
    void offerMapCaches();
    bool mapCaches() const;
    // Empty when the options can be run; else why not, in words.
    QString problem() const;

    void accept() override;

private:
    void setFormat(ExportJob::Format format);
    void setTarget(const QString &path);
    void setLevel(int level);
    void setVerify(bool verify);
    void browse();
    void onFormatChanged();
    void onTargetEdited();
    void updateLevel();
    void updateState();

    QString m_defaultName;
    QComboBox *m_format;
    QLineEdit *m_target;
    QSpinBox *m_level;
    QLabel *m_levelLabel;
    QCheckBox *m_verify;
    QCheckBox *m_skipMissing;
    QCheckBox *m_mapCaches;
    QFormLayout *m_form = nullptr;
    QByteArray m_origin;
    QLabel *m_problem;
    QPushButton *m_export = nullptr;
};

} // namespace hfcache

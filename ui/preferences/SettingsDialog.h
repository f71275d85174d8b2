// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "common/AppSettings.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QGroupBox;
class QLineEdit;
class QListWidget;
class QSpinBox;

namespace hfcache {

// Edits AppSettings; the caller decides where they are stored (AppSettings::save()).
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsDialog(const AppSettings &settings, QWidget *parent = nullptr);

    AppSettings settings() const;

private:
    // One group box each, in the order the dialog shows them.
    QGroupBox *createCachesBox(const AppSettings &settings);
    QGroupBox *createSharingBox();
    QGroupBox *createUpdatesBox(const AppSettings &settings);
    QGroupBox *createExportBox(const AppSettings &settings);
    void addRoot();
    void removeRoot();

    QListWidget *m_roots;
    QLineEdit *m_group;
    QCheckBox *m_autoUpdates;
    QComboBox *m_compression;
    QSpinBox *m_level;
    QCheckBox *m_verify;
};

} // namespace hfcache

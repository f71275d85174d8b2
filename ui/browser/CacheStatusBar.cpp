// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "CacheStatusBar.h"

#include "common/BackgroundTask.h"
#include "common/ItemIcons.h"

#include "util/HumanFormat.h"

#include <QLabel>
#include <QProgressBar>
#include <QStorageInfo>
#include <QStringList>
#include <QToolButton>

namespace hfcache {

CacheStatusBar::CacheStatusBar(QWidget *parent)
    : QStatusBar(parent)
    , m_state(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_cancel(new QToolButton(this))
    , m_size(new QLabel(this))
    , m_repos(new QLabel(this))
    , m_free(new QLabel(this))
    , m_filesystem(new QLabel(this))
{
    setAccessibleName(tr("Status"));
    m_progress->setRange(0, 0);
    m_progress->setMaximumWidth(120);
    m_progress->setMaximumHeight(14);
    m_progress->setAccessibleName(tr("Scan progress"));
    m_progress->setTextVisible(false);
    m_cancel->setIcon(ItemIcons::named(QStringLiteral("process-stop")));
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(tr("Stop scanning (the repos found so far stay)"));
    m_cancel->setAccessibleName(tr("Cancel scan"));
    m_cancel->setObjectName(QStringLiteral("cancelScan"));  // shown while a scan runs
    m_cancel->setAutoRaise(true);
    connect(m_cancel, &QToolButton::clicked, this, &CacheStatusBar::cancelRequested);
    // A long state never widens the window beyond a small screen: cut, whole in the tooltip.
    m_state->setObjectName(QStringLiteral("scanState"));
    m_state->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_state->setMinimumWidth(120);
    addWidget(m_state, 1);
    addWidget(m_progress);
    addWidget(m_cancel);
    for (QLabel *label : {m_size, m_repos, m_free, m_filesystem}) {
        label->setContentsMargins(8, 0, 8, 0);
        addPermanentWidget(label);
    }
    m_size->setAccessibleName(tr("Total size on disk"));
    m_repos->setAccessibleName(tr("Number of repos"));
    m_free->setObjectName(QStringLiteral("freeSpace"));
    m_free->setAccessibleName(tr("Free space"));
    // "nfs4 (shared)"; its tooltip says what the locks mean there and what to fix.
    m_filesystem->setObjectName(QStringLiteral("filesystem"));
    m_filesystem->setAccessibleName(tr("File system"));
    setIdle(tr("Ready"));
}

void CacheStatusBar::setExpectedRepos(int repos)
{
    m_expected = repos;
    m_progress->setRange(0, repos);
}

void CacheStatusBar::setScanning(int reposDone)
{
    if (m_expected > 0) {
        m_progress->setValue(reposDone);
        m_state->setText(tr("Scanning… %L1 of %Ln repo(s)", nullptr, m_expected).arg(reposDone));
    } else {
        m_state->setText(tr("Scanning… %n repo(s) so far", nullptr, reposDone));
    }
    m_progress->show();
    m_cancel->show();
}

void CacheStatusBar::setIdle(const QString &state)
{
    m_state->setText(state);
    m_state->setToolTip(state);
    m_progress->hide();
    m_cancel->hide();
}

void CacheStatusBar::setTotals(int repos, quint64 sizeOnDisk)
{
    m_size->setText(tr("%1 on disk").arg(HumanFormat::size(sizeOnDisk)));
    m_repos->setText(tr("%n repo(s)", nullptr, repos));
}

void CacheStatusBar::refreshFreeSpace(const QByteArray &root)
{
    const QString path = QFile::decodeName(root);
    struct Measured
    {
        qint64 available = -1;
        qint64 total = -1;
        FilesystemFacts facts;
    };
    const auto measure = [path, root] {
        Measured measured;
        QStorageInfo info(path);
        if (info.isValid()) {
            measured.available = info.bytesAvailable();
            measured.total = info.bytesTotal();
        }
        measured.facts = FilesystemFacts::probe(root);
        return measured;
    };
    m_freeSpace.run(this, measure, [this, root](const Measured &measured) {
        showFilesystem(measured.facts, root);
        const std::pair<qint64, qint64> space{measured.available, measured.total};
        if (space.first < 0)
            m_free->setText(tr("free space unknown"));
        else
            m_free->setText(tr("%1 free of %2").arg(HumanFormat::size(quint64(space.first)),
                                                    HumanFormat::size(quint64(space.second))));
    });
}

void CacheStatusBar::showFilesystem(const FilesystemFacts &facts, const QByteArray &root)
{
    if (!facts.known) {
        m_filesystem->clear();
        m_filesystem->setToolTip({});
        return;
    }
    const bool warn = facts.lockScope == FilesystemFacts::LockScope::NodeLocal || facts.lockScope == FilesystemFacts::LockScope::None;
    m_filesystem->setText(facts.network ? tr("%1 (shared)%2").arg(facts.type, warn ? tr(", locks not shared") : QString())
                                        : facts.type);
    QStringList tip{facts.summary(), facts.lockText()};
    for (const Finding &finding : facts.findings(root))
        tip << QStringLiteral("%1: %2").arg(findingCodeName(finding.code), finding.message);
    m_filesystem->setToolTip(tip.join(QLatin1Char('\n')));
}

} // namespace hfcache

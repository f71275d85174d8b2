// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "CacheBanner.h"

#include "common/ItemIcons.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace hfcache {

CacheBanner::CacheBanner(QWidget *parent)
    : QFrame(parent)
    , m_text(new QLabel(this))
    , m_demo(new QPushButton(tr("Open the Demo Cache"), this))
{
    setObjectName(QStringLiteral("cacheBanner"));
    setAccessibleName(tr("Message"));
    setAutoFillBackground(true);
    QPalette bannerPalette = palette();
    const QColor highlight = bannerPalette.color(QPalette::Highlight);
    bannerPalette.setColor(QPalette::Window, QColor::fromHslF(highlight.hslHueF(), 0.45f,
                                                              bannerPalette.color(QPalette::Window).lightnessF() > 0.5f ? 0.9f : 0.22f));
    setPalette(bannerPalette);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 10, 6);
    auto *icon = new QLabel(this);
    icon->setPixmap(ItemIcons::named(QStringLiteral("status-info")).pixmap(22, 22));
    m_text->setObjectName(QStringLiteral("bannerText"));
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    connect(m_demo, &QPushButton::clicked, this, &CacheBanner::demoRequested);
    auto *open = new QPushButton(ItemIcons::named(QStringLiteral("folder-open")), tr("Open Cache Folder…"), this);
    connect(open, &QPushButton::clicked, this, &CacheBanner::openFolderRequested);
    // Created after Open…: Tab reaches the buttons in this order (MainWindow::setVisualTabOrder).
    m_repair = new QPushButton(ItemIcons::named(QStringLiteral("status-warning")), tr("Repair…"), this);
    m_repair->setObjectName(QStringLiteral("bannerRepair"));
    m_repair->setToolTip(tr("Change the owner or mode of the cache (with administrator rights when it is not yours)"));
    connect(m_repair, &QPushButton::clicked, this, &CacheBanner::repairRequested);
    layout->addWidget(icon);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_demo);
    layout->addWidget(m_repair);
    layout->addWidget(open);
    hide();
}

void CacheBanner::showMessage(const QString &text, Offer offer)
{
    m_text->setText(text);
    m_demo->setVisible(offer == Offer::Demo);
    m_repair->hide();
    show();
}

void CacheBanner::showDenied(const QString &user, const QString &root, const QStringList &whyPath)
{
    // Rich text (it starts with a tag) for the why-path's columns.
    QString text = QStringLiteral("<p>")
                   + tr("%1 cannot open the cache %2. The path to it (the reason is on the line that denies):")
                         .arg(user.toHtmlEscaped(), root.toHtmlEscaped())
                   + QStringLiteral("</p>");
    // Monospace for the columns, but wrapping: a long line must not widen an 800 px window.
    text += QStringLiteral("<p style=\"white-space: pre-wrap; font-family: monospace\">%1</p>")
                .arg(whyPath.join(QLatin1Char('\n')).toHtmlEscaped());
    showMessage(text);
    m_repair->show();
}

} // namespace hfcache

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "HomeCleanDialog.h"

#include "util/HumanFormat.h"
#include "util/PathText.h"

#include <QApplication>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFontDatabase>
#include <QGridLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

#include <utility>

namespace hfcache {

namespace {

const QString WholeKey = QStringLiteral("whole");
constexpr double GiB = 1024.0 * 1024.0 * 1024.0;

// The caches the "legacy" target empties whole; torch hub's "legacy" is its .partial downloads.
bool isLegacyCache(const QString &kindId)
{
    return kindId == QLatin1String("sentence_transformers") || kindId == QLatin1String("transformers_legacy");
}

} // namespace

QList<HomeCleanDialog::Category> HomeCleanDialog::categoriesOf(const QString &kindId)
{
    if (kindId == QLatin1String("hub") || kindId == QLatin1String("token"))
        return {};
    const auto text = [](HomeCleanTarget target, const QString &forKind) -> std::pair<QString, QString> {
        switch (target) {
        case HomeCleanTarget::XetChunkCache:
            return {tr("Chunk caches"), tr("written by hf_xet <= 1.2; hf_xet >= 1.3 never reads them")};
        case HomeCleanTarget::XetLogs:
            return {tr("Logs"), tr("of hf_xet processes that are gone (a running one keeps its log)")};
        case HomeCleanTarget::XetStaging:
            return {tr("Staging of dead sessions"), tr("temp folders and files no process uses, unchanged for an hour")};
        case HomeCleanTarget::XetShards:
            return {tr("Shard cache over its limit"), tr("the oldest shards until the rest fits, as hf_xet does at a session start")};
        case HomeCleanTarget::DatasetsMapCaches:
            return {tr("map() caches"), tr("cache-*.arrow files: datasets makes them again when map() runs")};
        case HomeCleanTarget::DatasetsOrphans:
            return {tr("Orphans"), tr("extracted archives whose download is gone, downloads without data, locks of deleted builders")};
        case HomeCleanTarget::DatasetsIncomplete:
            return {tr("Interrupted builds and downloads"), tr(".incomplete folders and files whose lock is free and which no process uses")};
        case HomeCleanTarget::DatasetsTemporaries:
            return {tr("Temporary files of map()"), tr("tmpXXXXXXXX files a killed map() left, unused and unchanged for an hour")};
        case HomeCleanTarget::EvaluateFinished:
            return {tr("Finished experiments"), tr("lock files of experiments whose arrow files evaluate already deleted")};
        case HomeCleanTarget::Legacy:
            if (isLegacyCache(forKind))
                return {tr("The whole legacy cache"), tr("no current library reads it")};
            return {tr("Partial downloads"), tr(".partial files no process writes")};
        }
        return {};
    };
    QList<Category> categories;
    for (const HomeCleanTargets::Info &info : HomeCleanTargets::all()) {
        const QString cleans = QLatin1String(info.kind);
        const bool legacyHere = cleans == QLatin1String("legacy") && (isLegacyCache(kindId) || kindId == QLatin1String("torch_hub"));
        if (cleans != kindId && !legacyHere)
            continue;
        const auto [title, why] = text(info.target, kindId);
        categories.append({QLatin1String(info.word), info.target, title, why});
    }
    if (!isLegacyCache(kindId))
        categories.append({WholeKey, std::nullopt, tr("Everything in this cache"),
                           tr("every item and file its layout knows; the folder itself and unknown files stay")});
    return categories;
}

HomeCleanDialog::HomeCleanDialog(const HomeListingPtr &listing, int kind, QWidget *parent)
    : QDialog(parent)
    , m_listing(listing)
    , m_kind(listing->kinds[size_t(kind)].snapshot)
    , m_total(new QLabel(this))
    , m_kept(new QLabel(this))
    , m_details(new QPlainTextEdit(this))
    , m_clean(nullptr)
{
    setObjectName(QStringLiteral("homeCleanDialog"));
    const QString kindName = listing->kinds[size_t(kind)].name;
    setWindowTitle(tr("Clean %1").arg(kindName));

    auto *headline = new QLabel(tr("<b>What to delete in the %1</b><br>%2")
                                    .arg(kindName.toHtmlEscaped(),
                                         PathText::display(QFile::encodeName(m_kind->location.path)).toHtmlEscaped()),
                                this);
    headline->setObjectName(QStringLiteral("homeCleanHeadline"));
    headline->setTextInteractionFlags(Qt::TextSelectableByMouse);
    headline->setWordWrap(true);

    auto *grid = new QGridLayout;
    grid->setColumnStretch(0, 1);
    grid->setVerticalSpacing(0);  // a box and its explanation read as one; categories apart (below)
    const QList<Category> categories = categoriesOf(m_kind->location.kindId);
    for (const Category &category : categories) {
        Row row{category, new QCheckBox(category.title, this), new QLabel(tr("computing…"), this)};
        row.box->setObjectName(QStringLiteral("homeClean_%1").arg(category.key));
        // The leftovers are ticked; emptying the whole cache is a choice of its own.
        row.box->setChecked(category.target.has_value());
        row.size->setObjectName(QStringLiteral("homeCleanSize_%1").arg(category.key));
        row.size->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        auto *why = new QLabel(category.why, this);
        why->setWordWrap(true);
        why->setIndent(24);
        why->setContentsMargins(0, 0, 0, 8);
        why->setForegroundRole(QPalette::PlaceholderText);
        const int line = grid->rowCount();
        grid->addWidget(row.box, line, 0);
        if (category.target == HomeCleanTarget::XetShards) {
            m_shardLimit = new QDoubleSpinBox(this);
            m_shardLimit->setObjectName(QStringLiteral("homeCleanShardLimit"));
            m_shardLimit->setAccessibleName(tr("Shard cache limit"));
            m_shardLimit->setRange(0, 1 << 20);
            m_shardLimit->setDecimals(1);
            m_shardLimit->setSuffix(tr(" GiB"));
            m_shardLimit->setValue(double(HomeCleanPlanner::DefaultShardLimit) / GiB);
            connect(m_shardLimit, &QDoubleSpinBox::valueChanged, this, [this] { m_replanDelay.start(); });
            grid->addWidget(m_shardLimit, line, 1);
        }
        grid->addWidget(row.size, line, 2);
        grid->addWidget(why, line + 1, 0, 1, 3);
        connect(row.box, &QCheckBox::toggled, this, &HomeCleanDialog::replan);
        m_rows.append(row);
    }
    // The whole cache holds every leftover: its box stands for all of them.
    for (const Row &whole : std::as_const(m_rows)) {
        if (whole.category.target)
            continue;
        for (const Row &row : std::as_const(m_rows)) {
            if (row.category.target)
                connect(whole.box, &QCheckBox::toggled, row.box, &QWidget::setDisabled);
        }
    }

    m_total->setObjectName(QStringLiteral("homeCleanTotal"));
    m_total->setWordWrap(true);
    m_kept->setObjectName(QStringLiteral("homeCleanKept"));
    m_kept->setWordWrap(true);
    m_kept->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_kept->hide();
    m_details->setObjectName(QStringLiteral("homeCleanDetails"));
    m_details->setReadOnly(true);
    m_details->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_details->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_details->setAccessibleName(tr("Dry run: what will be deleted and what is kept"));
    m_details->setMinimumHeight(120);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_clean = buttons->addButton(tr("&Clean…"), QDialogButtonBox::AcceptRole);
    m_clean->setObjectName(QStringLiteral("homeCleanButton"));
    m_clean->setIcon(QApplication::style()->standardIcon(QStyle::SP_TrashIcon));
    m_clean->setEnabled(false);
    // Cancel is the default: Enter must never delete.
    buttons->button(QDialogButtonBox::Cancel)->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &HomeCleanDialog::confirm);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(headline);
    layout->addLayout(grid);
    layout->addWidget(m_total);
    layout->addWidget(m_kept);
    layout->addWidget(m_details, 1);
    layout->addWidget(buttons);
    resize(720, 520);

    m_replanDelay.setSingleShot(true);
    m_replanDelay.setInterval(300);
    connect(&m_replanDelay, &QTimer::timeout, this, [this] {
        survey();
        replan();
    });
    survey();
    replan();
}

HomeCleanJob::Request HomeCleanDialog::request(const QList<const Row *> &rows) const
{
    HomeCleanJob::Request request;
    for (const Row *row : rows) {
        if (row->category.target)
            request.targets.append(*row->category.target);
        else
            request.wholeKind = true;
    }
    if (m_shardLimit)
        request.shardLimit = quint64(m_shardLimit->value() * GiB);
    return request;
}

// Each category's own dry run, for the size beside its box.
void HomeCleanDialog::survey()
{
    m_isSurveyed = false;
    QList<HomeCleanJob::Request> requests;
    for (const Row &row : std::as_const(m_rows)) {
        row.size->setText(tr("computing…"));
        requests.append(request({&row}));
    }
    // Sizes only come back: the plans of a big cache are freed where they were made.
    struct Size
    {
        quint64 bytes = 0;
        int items = 0;
        int kept = 0;
        QString error;
    };
    m_surveys.run(this, [kind = m_kind, hfHome = m_listing->snapshot->hfHome, requests] {
        QList<Size> sizes;
        for (const HomeCleanJob::Request &request : requests) {
            const HomeCleanJob::Planned planned = HomeCleanJob::plan(kind, hfHome, request);
            sizes.append({planned.plan.bytesFreed(), int(planned.plan.items.size()),
                          int(planned.plan.kept.size() + planned.check.kept.size()), planned.error});
        }
        return sizes;
    }, [this](const QList<Size> &sizes) {
        for (qsizetype i = 0; i < sizes.size() && i < m_rows.size(); ++i) {
            const Size &size = sizes[i];
            QString text = !size.error.isEmpty() ? tr("not possible")
                           : size.items == 0    ? tr("nothing to delete")
                                                : tr("%1 in %n item(s)", nullptr, size.items).arg(HumanFormat::size(size.bytes));
            if (size.kept > 0)
                text += QLatin1String(", ") + tr("%n kept", nullptr, size.kept);
            m_rows[i].size->setText(text);
            m_rows[i].size->setToolTip(size.error);
        }
        m_isSurveyed = true;
        Q_EMIT surveyed();
    });
}

// The dry run of what is ticked: what Clean will execute.
void HomeCleanDialog::replan()
{
    m_isPlanned = false;
    m_clean->setEnabled(false);
    QList<const Row *> ticked;
    bool whole = false;
    for (const Row &row : std::as_const(m_rows)) {
        if (row.box->isChecked())
            ticked.append(&row);
        whole = whole || (row.box->isChecked() && !row.category.target);
    }
    if (whole)  // its box disabled the others, which are part of it
        ticked.removeIf([](const Row *row) { return row->category.target.has_value(); });
    if (ticked.isEmpty()) {
        m_plans.invalidate();
        showPlanned({});
        return;
    }
    m_total->setText(tr("Computing the dry run…"));
    m_plans.run(this, [kind = m_kind, hfHome = m_listing->snapshot->hfHome, request = request(ticked)] {
        return HomeCleanJob::plan(kind, hfHome, request);
    }, [this](const HomeCleanJob::Planned &planned) { showPlanned(planned); });
}

void HomeCleanDialog::showPlanned(const HomeCleanJob::Planned &planned)
{
    HomeCleanJob::release(this, std::exchange(m_planned, planned).plan);
    m_isPlanned = true;
    const DeletePlan &plan = planned.plan;
    if (!planned.error.isEmpty())
        m_total->setText(tr("<b>Not possible:</b> %1").arg(planned.error.toHtmlEscaped()));
    else if (planned.check.refused)
        m_total->setText(tr("<b>Nothing can be deleted now:</b> a running program uses these files or holds their "
                            "lock. Close it or wait, then try again."));
    else if (plan.isEmpty())
        m_total->setText(tr("Nothing to delete."));
    else
        m_total->setText(tr("<b>Deletes %n item(s), freeing %1 on disk.</b>", nullptr,
                            int(plan.items.size()))
                             .arg(HumanFormat::size(plan.bytesFreed())));
    // What stays and why, wrapped: in the dry run below the reason is past the long path.
    constexpr int MaxKeptShown = 5;
    const QList<DeleteNote> kept = plan.kept + planned.check.kept;
    QStringList lines;
    for (qsizetype i = 0; i < kept.size() && i < MaxKeptShown; ++i)
        lines << tr("%1 — %2").arg(PathText::display(kept[i].path).toHtmlEscaped(), kept[i].reason.toHtmlEscaped());
    if (kept.size() > MaxKeptShown)
        lines << tr("and %n more (in the dry run below)", nullptr, int(kept.size() - MaxKeptShown));
    m_kept->setText(tr("<b>Kept:</b> %1").arg(lines.join(QStringLiteral("<br>"))));
    m_kept->setVisible(!kept.isEmpty());
    m_details->setPlainText(planned.text);
    m_clean->setEnabled(planned.canExecute());
    Q_EMIT this->planned();
}

void HomeCleanDialog::confirm()
{
    if (!m_isPlanned || !m_planned.canExecute())
        return;
    auto *box = new QMessageBox(QMessageBox::Warning, windowTitle(),
                                tr("Delete %n item(s), freeing %1 on disk? This cannot be undone.", nullptr,
                                   int(m_planned.plan.items.size()))
                                    .arg(HumanFormat::size(m_planned.plan.bytesFreed())),
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("homeCleanConfirm"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->button(QMessageBox::Yes)->setText(tr("&Delete"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this](int result) {
        if (result == QMessageBox::Yes)
            accept();
    });
    box->open();
}

} // namespace hfcache

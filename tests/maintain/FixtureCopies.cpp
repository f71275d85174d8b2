// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "FixtureCopies.h"

#include "MaintainFixture.h"
#include "support/TestSupport.h"

#include <QDebug>

bool FixtureCopies::extract()
{
    if (!m_dir.isValid()) {
        qWarning() << "cannot create a temporary folder:" << m_dir.errorString();
        return false;
    }
    m_fixtures = TestSupport::extractFixtures(m_dir);
    return !m_fixtures.isEmpty();
}

QString FixtureCopies::freshCopy(const QString &name)
{
    return MaintainFixture::copyCache(m_fixtures, name, m_dir.path(), QStringLiteral("copy%1").arg(++m_copies));
}

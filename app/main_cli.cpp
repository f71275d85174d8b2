#include "cli/CliApplication.h"

#include <QCoreApplication>

#include <unistd.h>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("hfcache"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HFCACHE_VERSION));
    hfcache::CliContext context;
    context.outIsTerminal = isatty(STDOUT_FILENO);
    context.errIsTerminal = isatty(STDERR_FILENO);
    return hfcache::CliApplication::run(QCoreApplication::arguments(), context);
}

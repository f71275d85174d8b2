// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "export/AsyncHasher.h"
#include "export/AtomicTarget.h"
#include "export/ContentReader.h"
#include "export/DirectSink.h"
#include "export/ExportMeter.h"
#include "export/GzipEncoder.h"
#include "export/ParallelGzip.h"
#include "export/PlainSink.h"
#include "export/ZstdSink.h"

#include "GzipReaders.h"
#include "support/TestSupport.h"

#include <QFile>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fcntl.h>
#include <random>
#include <sys/mman.h>
#include <sys/mount.h>
#include <time.h>
#include <unistd.h>

using namespace hfcache;

namespace {

QByteArray randomBytes(qsizetype size)
{
    QByteArray data(size, Qt::Uninitialized);
    QRandomGenerator generator(42);
    generator.fillRange(reinterpret_cast<quint32 *>(data.data()), size / 4);
    return data;
}

// Model weights as they are stored: normal(0, 0.02) floats cut to their top 16 bits (bf16).
QByteArray bf16Weights(qsizetype count)
{
    std::mt19937 engine(7);
    std::normal_distribution<float> normal(0.0f, 0.02f);
    QByteArray data(count * 2, Qt::Uninitialized);
    for (qsizetype i = 0; i < count; ++i) {
        const float value = normal(engine);
        quint32 bits;
        std::memcpy(&bits, &value, 4);
        const quint16 top = quint16(bits >> 16);
        std::memcpy(data.data() + i * 2, &top, 2);
    }
    return data;
}

QByteArray decompress(const QString &tool, const QString &file)
{
    QByteArray out;
    if (TestSupport::runProgram(tool, {QStringLiteral("-dc"), file}, &out) != 0)
        return "failed";
    return out;
}

} // namespace

class TestExportStreams : public QObject
{
    Q_OBJECT
private:
    // Streams `input` through a sink in uneven pieces, as libarchive does.
    static quint64 feed(ByteSink &sink, const QByteArray &input)
    {
        qsizetype pos = 0;
        qsizetype piece = 511;
        while (pos < input.size()) {
            const qsizetype n = std::min(piece, input.size() - pos);
            if (!sink.write(input.constData() + pos, size_t(n)))
                return 0;
            pos += n;
            piece = piece * 3 % 3000001 + 1;
        }
        return sink.finish() ? sink.bytesWritten() : 0;
    }

    // `input` through a ParallelGzip into a new file; returns the file's bytes (empty on failure).
    static QByteArray compressToFile(const QString &file, const QByteArray &input, int level, int threads = 2)
    {
        const int fd = ::open(QFile::encodeName(file).constData(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0)
            return {};
        quint64 written;
        {
            ParallelGzip sink(fd, QFile::encodeName(file), level, threads);
            written = feed(sink, input);
            if (written == 0)
                qWarning() << sink.error();
        }
        ::close(fd);
        QFile f(file);
        if (written == 0 || !f.open(QIODevice::ReadOnly))
            return {};
        const QByteArray bytes = f.readAll();
        return quint64(bytes.size()) == written ? bytes : QByteArray();
    }

private Q_SLOTS:

    void gzipRoundTrip_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<int>("level");
        QTest::addColumn<int>("threads");
        QTest::newRow("empty") << QByteArray() << 1 << 2;
        QTest::newRow("one byte") << QByteArray("x") << 6 << 2;
        QTest::newRow("random 9 MiB") << randomBytes(9 << 20) << 1 << 2;
        QTest::newRow("bf16 8 MiB, 3 threads") << bf16Weights(4 << 20) << 1 << 3;
        QTest::newRow("text level 12, 1 thread") << QByteArray("a line of text 0123456789\n").repeated(200000) << 12 << 1;
        QTest::newRow("stored level 0") << bf16Weights(1 << 20) << 0 << 2;
    }
    void gzipRoundTrip()
    {
        QFETCH(QByteArray, input);
        QFETCH(int, level);
        QFETCH(int, threads);
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("out.gz"));
        const int fd = ::open(QFile::encodeName(file).constData(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        QVERIFY(fd >= 0);
        quint64 written;
        {
            ParallelGzip sink(fd, QFile::encodeName(file), level, threads);
            written = feed(sink, input);
            QVERIFY2(written > 0, qPrintable(sink.error()));
        }
        ::close(fd);
        QCOMPARE(quint64(QFileInfo(file).size()), written);
        QCOMPARE(TestSupport::runProgram(QStringLiteral("gzip"), {QStringLiteral("-t"), file}), 0);
        QCOMPARE(decompress(QStringLiteral("gzip"), file), input);
        // Python's gzip (what tarfile and SageMaker use) reads every member.
        QByteArray out;
        QCOMPARE(TestSupport::runProgram(QStringLiteral("/usr/bin/python3"),
                                         {QStringLiteral("-c"), QStringLiteral("import gzip,sys,hashlib; print(hashlib.sha256(gzip.open(sys.argv[1]).read()).hexdigest())"), file}, &out), 0);
        const QByteArray digest = QCryptographicHash::hash(input, QCryptographicHash::Sha256).toHex();
        QCOMPARE(out.trimmed(), digest);
        // zlib's streaming reader, member after member: one member per MiB chunk (at least one).
        const QByteArray members = QByteArray::number(std::max<qsizetype>(1, (input.size() + (1 << 20) - 1) >> 20));
        QCOMPARE(GzipReaders::zlibStream(file, 64 << 10), digest + ' ' + members);
        // Fed byte by byte (slow in Python: small files only), members split at every possible point.
        if (written <= 256 << 10)
            QCOMPARE(GzipReaders::zlibStream(file, 1), digest + ' ' + members);
    }

    // DirectSink: every length around the block and stage sizes (up to three stages in flight)
    // comes out byte for byte, and the descriptor gets its own flags back.
    void directSink_data()
    {
        QTest::addColumn<qsizetype>("size");
        for (const qsizetype size : {0, 1, 4095, 4096, 4097, (4 << 20) - 1, 4 << 20, (9 << 20) + 4097, (17 << 20) + 1})
            QTest::newRow(qPrintable(QString::number(size))) << size;
    }
    void directSink()
    {
        QFETCH(qsizetype, size);
        QTemporaryDir dir;
        const QByteArray file = QFile::encodeName(dir.filePath(QStringLiteral("out")));
        const int fd = ::open(file.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        QVERIFY(fd >= 0);
        const auto closeFd = qScopeGuard([fd] { ::close(fd); });
        const int flags = ::fcntl(fd, F_GETFL);
        const QByteArray input = randomBytes(size);
        {
            DirectSink sink(fd, file);
            if (!sink.isDirect())
                QSKIP("the temporary folder's filesystem refuses O_DIRECT");
            QCOMPARE(feed(sink, input), quint64(size));
        }
        QCOMPARE(::fcntl(fd, F_GETFL), flags);
        // Stages are written at their offsets (pwrite) by another thread; the descriptor still
        // ends where write() would have left it.
        QCOMPARE(::lseek(fd, 0, SEEK_CUR), off_t(size));
        QFile written(QFile::decodeName(file));
        QVERIFY(written.open(QIODevice::ReadOnly));
        QVERIFY(written.readAll() == input);
    }

    // The gzip output goes to the disk without a copy into the page cache (DirectSink): on a VM
    // the copy into fresh cache pages cost more CPU than deflate itself (bench/export.sh).
    void gzipOutputSkipsThePageCache()
    {
        QTemporaryDir dir;
        const QByteArray file = QFile::encodeName(dir.filePath(QStringLiteral("out.gz")));
        const int fd = ::open(file.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        QVERIFY(fd >= 0);
        if (::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_DIRECT) != 0)
            QSKIP("the temporary folder's filesystem refuses O_DIRECT");
        ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_DIRECT);
        quint64 written;
        {
            ParallelGzip sink(fd, file, 1, 2);
            written = feed(sink, randomBytes(16 << 20));
            QVERIFY2(written > (16 << 20), qPrintable(sink.error()));
        }
        ::close(fd);
        const int reader = ::open(file.constData(), O_RDONLY | O_CLOEXEC);
        void *map = ::mmap(nullptr, written, PROT_READ, MAP_SHARED, reader, 0);
        ::close(reader);
        QVERIFY(map != MAP_FAILED);
        const size_t pages = (written + 4095) / 4096;
        std::vector<unsigned char> resident(pages);
        QVERIFY(::mincore(map, written, resident.data()) == 0);
        ::munmap(map, written);
        const auto cached = std::count_if(resident.begin(), resident.end(), [](unsigned char r) { return r & 1; });
        // Only the tail written through the cache (less than a block) may be there.
        QVERIFY2(cached <= 1, qPrintable(QStringLiteral("%1 of %2 pages cached").arg(cached).arg(pages)));
    }

    // Bytes put into ParallelGzip's room (as ContentReader reads file content) are taken where
    // they are, between ordinary writes (tar headers); up to the chunk's end, never past it.
    void writesInPlace()
    {
        const QByteArray input = bf16Weights(3 << 20) + randomBytes(3 << 20);  // 6 + 3 MiB
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("room.gz"));
        const int fd = ::open(QFile::encodeName(file).constData(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        QVERIFY(fd >= 0);
        quint64 written = 0;
        {
            ParallelGzip sink(fd, QFile::encodeName(file), ParallelGzip::DefaultLevel, 2);
            qsizetype pos = 0;
            for (qsizetype piece = 700 << 10; pos < input.size(); piece = piece * 7 % (900 << 10) + 1) {
                const qsizetype header = std::min<qsizetype>(512, input.size() - pos);
                QVERIFY(sink.write(input.constData() + pos, size_t(header)));
                pos += header;
                size_t room = 0;
                char *in = sink.room(&room);
                QVERIFY(in && room > 0 && room <= (1 << 20));
                const qsizetype n = std::min({piece, qsizetype(room), input.size() - pos});
                std::memcpy(in, input.constData() + pos, size_t(n));
                QVERIFY(sink.write(in, size_t(n)));
                pos += n;
            }
            QVERIFY2(sink.finish(), qPrintable(sink.error()));
            written = sink.bytesWritten();
        }
        ::close(fd);
        QCOMPARE(quint64(QFileInfo(file).size()), written);
        const QByteArray digest = QCryptographicHash::hash(input, QCryptographicHash::Sha256).toHex();
        QCOMPARE(GzipReaders::gunzip(file), digest);
        QCOMPARE(GzipReaders::zlibStream(file, 1), digest + " 9");
    }

    // With --verify, file content is read straight into ParallelGzip's chunks and hashed there
    // (no copy from the reader's buffers): every piece reaches the sink where the sink wants it,
    // and chunks reused while the hash thread lags behind never change bytes it has yet to hash.
    void verifyHashesInPlace()
    {
        const QByteArray input = randomBytes(20 << 20) + bf16Weights(2 << 20) + randomBytes(3 << 20);
        QTemporaryDir dir;
        const QString source = dir.filePath(QStringLiteral("blob"));
        QFile sourceFile(source);
        QVERIFY(sourceFile.open(QIODevice::WriteOnly) && sourceFile.write(input) == input.size());
        sourceFile.close();
        ExportItem item;
        item.path = "blob";
        item.contentPath = QFile::encodeName(source);
        item.hashName = QCryptographicHash::hash(input, QCryptographicHash::Sha256).toHex();
        item.size = quint64(input.size());
        const QString file = dir.filePath(QStringLiteral("verified.gz"));
        const int in = ::open(item.contentPath.constData(), O_RDONLY);
        const int out = ::open(QFile::encodeName(file).constData(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        QVERIFY(in >= 0 && out >= 0);
        quint64 written = 0;
        int copied = 0;
        {
            ParallelGzip sink(out, QFile::encodeName(file), ParallelGzip::DefaultLevel, 2);
            AsyncHasher verifier;
            ExportMeter meter(item.size, 1, {}, 1000, nullptr);
            QString error;
            ContentReader reader(item, in, &verifier);
            const bool ok = reader.readAll([&](const char *data, size_t length) {
                size_t room = 0;
                if (sink.room(&room) != data)
                    ++copied;
                return sink.write(data, length);
            }, meter, &error, &sink);
            QVERIFY2(ok, qPrintable(error));
            QVERIFY2(sink.finish(), qPrintable(sink.error()));
            written = sink.bytesWritten();
        }
        ::close(in);
        ::close(out);
        QCOMPARE(copied, 0);
        QCOMPARE(quint64(QFileInfo(file).size()), written);
        QCOMPARE(GzipReaders::gunzip(file), item.hashName);
    }

    // Every level --level takes: a valid stream, never larger than stored, levels above the
    // library's strongest the same as it; with ISA-L higher levels are not larger on text.
    void levelSweep()
    {
        const QByteArray text = QByteArray("{\"hidden_size\": 768, \"vocab_size\": 50257, \"n_layer\": 12}\n").repeated(40000);
        const QByteArray input = text + bf16Weights(1 << 20) + randomBytes(2 << 20);
        const QByteArray digest = QCryptographicHash::hash(input, QCryptographicHash::Sha256).toHex();
        const QByteArray members = QByteArray::number((input.size() + (1 << 20) - 1) >> 20);
        QTemporaryDir dir;
        QList<QByteArray> outputs;
        QList<qsizetype> textSizes;
        for (int level = 0; level <= ParallelGzip::MaxLevel; ++level) {
            const QString file = dir.filePath(QStringLiteral("l%1.gz").arg(level));
            const QByteArray bytes = compressToFile(file, input, level);
            QVERIFY2(!bytes.isEmpty(), qPrintable(file));
            QVERIFY2(size_t(bytes.size()) <= GzipEncoder::bound(size_t(input.size())), qPrintable(file));
            QCOMPARE(GzipReaders::gunzip(file), digest);
            QCOMPARE(GzipReaders::zlibStream(file, 64 << 10), digest + ' ' + members);
            outputs.append(bytes);
            if (level <= GzipEncoder::StrongestLevel)
                textSizes.append(compressToFile(dir.filePath(QStringLiteral("t.gz")), text, level).size());
        }
        for (int level = GzipEncoder::StrongestLevel + 1; level <= ParallelGzip::MaxLevel; ++level)
            QVERIFY2(outputs[level] == outputs[GzipEncoder::StrongestLevel], qPrintable(QString::number(level)));
        qInfo() << GzipEncoder::Library << "sizes of text by level" << textSizes;
        for (int level = 2; level <= GzipEncoder::StrongestLevel; ++level)
            QVERIFY2(textSizes[level] <= textSizes[1], qPrintable(QString::number(level)));
        QVERIFY(textSizes[1] < text.size() / 10);
    }

    // Incompressible chunks are stored: output within 0.1 % of the input, at every level.
    void randomIsStored()
    {
        const QByteArray input = randomBytes(16 << 20);
        QTemporaryDir dir;
        for (int level = 0; level <= GzipEncoder::StrongestLevel; ++level) {
            const QString file = dir.filePath(QStringLiteral("random%1.gz").arg(level));
            const qsizetype written = compressToFile(file, input, level).size();
            QVERIFY(written > input.size());
            QVERIFY2(double(written) <= double(input.size()) * 1.001, qPrintable(QStringLiteral("level %1: %2").arg(level).arg(written)));
        }
    }

    // GzipEncoder probes every chunk (its middle, then its start and end) and stores it without
    // compressing when no sample shrinks, the first chunk too; a chunk that ends (or starts) in
    // compressible bytes, and the weights after it, are still compressed.
    void storedAfterIncompressible()
    {
        constexpr qsizetype chunk = 1 << 20;
        const QByteArray random = randomBytes(3 * chunk);
        const QByteArray weights = bf16Weights(chunk / 2);  // 2 bytes each
        const QList<QByteArray> members = {
            random.left(chunk), random.mid(chunk, chunk),
            random.mid(2 * chunk, chunk - (128 << 10)) + weights.left(128 << 10),  // weights at the end only
            random.left(chunk),
            weights.left(128 << 10) + random.mid(chunk, chunk - (128 << 10)),  // weights at the start only
            weights,
        };
        GzipEncoder encoder(ParallelGzip::DefaultLevel);
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("members.gz"));
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        QList<qsizetype> sizes;
        for (const QByteArray &input : members) {
            QByteArray member(qsizetype(GzipEncoder::bound(size_t(input.size()))), Qt::Uninitialized);
            const size_t size = encoder.encode(input.constData(), size_t(input.size()), member.data(), size_t(member.size()));
            QVERIFY(size > 0);
            sizes.append(qsizetype(size));
            out.write(member.constData(), qsizetype(size));
        }
        out.close();
        // Random bytes as stored blocks: header, trailer and 5 bytes per 64 KiB block, nothing more.
        const qsizetype stored = chunk + 18 + 5 * ((chunk + 65534) / 65535);
        QCOMPARE(sizes[0], stored);
        QCOMPARE(sizes[1], stored);
        QCOMPARE(sizes[3], stored);
        const qsizetype saved = (128 << 10) / 8;  // the weights shrink by ~20 %
        QVERIFY2(sizes[2] < chunk - saved, qPrintable(QString::number(sizes[2])));
        QVERIFY2(sizes[4] < chunk - saved, qPrintable(QString::number(sizes[4])));
        QVERIFY2(sizes[5] < chunk * 8 / 10, qPrintable(QString::number(sizes[5])));
        const QByteArray digest = QCryptographicHash::hash(members.join(), QCryptographicHash::Sha256).toHex();
        QCOMPARE(GzipReaders::gunzip(file), digest);
        QCOMPARE(GzipReaders::zlibStream(file, 1), digest + " 6");
    }

    // Storing skips ISA-L's match finder: random chunks cost well under half the CPU of
    // compressing them (thread CPU time, so other processes do not count).
    void storingSkipsCompression()
    {
        if (QLatin1String(GzipEncoder::Library) != QLatin1String("ISA-L"))
            QSKIP("libdeflate builds store by an entropy test on every chunk");
        constexpr size_t chunk = 1 << 20;
        const QByteArray random = randomBytes(16 * chunk);
        QByteArray member(qsizetype(GzipEncoder::bound(chunk)), Qt::Uninitialized);
        const auto cpuSeconds = [] {
            timespec t;
            ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
            return double(t.tv_sec) + double(t.tv_nsec) / 1e9;
        };
        // The same chunks with 4 KiB of zeros in their middle: that sample shrinks, so ISA-L
        // compresses the whole chunk (and stores nearly all of it anyway).
        QByteArray zeroMiddles = random;
        for (size_t i = 0; i < 16; ++i)
            std::memset(zeroMiddles.data() + i * chunk + chunk / 2 - 2048, 0, 4096);
        const auto encodeAll = [&](const QByteArray &input) {
            GzipEncoder encoder(ParallelGzip::DefaultLevel);
            double seconds = 0;
            for (size_t i = 0; i < 16; ++i) {
                const double start = cpuSeconds();
                const size_t size = encoder.encode(input.constData() + i * chunk, chunk, member.data(), size_t(member.size()));
                if (i > 0)
                    seconds += cpuSeconds() - start;
                // Random bytes come out stored (a little larger), the zeros shrink the others.
                if (size == 0 || (size > chunk) != (&input == &random))
                    return -1.0;
            }
            return seconds;
        };
        const double compressing = encodeAll(zeroMiddles);
        const double storing = encodeAll(random);
        qInfo() << "15 MiB of random bytes, CPU seconds: compressed" << compressing << "stored" << storing;
        QVERIFY(compressing > 0 && storing > 0);
        QVERIFY2(storing < compressing / 2, qPrintable(QStringLiteral("%1 vs %2").arg(storing).arg(compressing)));
    }

    // Whether a chunk is stored depends on its bytes alone, never on what the thread that got it
    // compressed before: the same input gives the same bytes on one thread or three, run after run.
    void sameBytesOnAnyThreads()
    {
        constexpr qsizetype chunk = 1 << 20;
        const QByteArray random = randomBytes(8 * chunk);
        const QByteArray weights = bf16Weights(4 * chunk / 2);
        // Random and compressible chunks interleaved: one thread alone sees random chunks after
        // both kinds, and three threads get them in a different order every run.
        QByteArray input;
        for (const char kind : QByteArrayLiteral("rwrrwrrrwrwr"))
            input += kind == 'r' ? random.mid((input.size() / chunk % 8) * chunk, chunk) : weights.mid((input.size() / chunk % 4) * chunk, chunk);
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("mixed.gz"));
        const QByteArray once = compressToFile(file, input, ParallelGzip::DefaultLevel, 1);
        QVERIFY(!once.isEmpty());
        QCOMPARE(GzipReaders::gunzip(file), QCryptographicHash::hash(input, QCryptographicHash::Sha256).toHex());
        for (int run = 0; run < 20; ++run)
            QVERIFY2(compressToFile(file, input, ParallelGzip::DefaultLevel, 3) == once, qPrintable(QStringLiteral("run %1").arg(run)));
        // One encoder after a random chunk, one fresh: the same member.
        QByteArray afterRandom(qsizetype(GzipEncoder::bound(chunk)), Qt::Uninitialized);
        QByteArray fresh(afterRandom.size(), Qt::Uninitialized);
        GzipEncoder used(ParallelGzip::DefaultLevel);
        QVERIFY(used.encode(random.constData(), chunk, afterRandom.data(), size_t(afterRandom.size())) > 0);
        const size_t size = used.encode(random.constData() + chunk, chunk, afterRandom.data(), size_t(afterRandom.size()));
        QCOMPARE(GzipEncoder(ParallelGzip::DefaultLevel).encode(random.constData() + chunk, chunk, fresh.data(), size_t(fresh.size())), size);
        QCOMPARE(fresh.left(qsizetype(size)), afterRandom.left(qsizetype(size)));
    }

    void bf16BeatsPigz6()
    {
        const QByteArray input = bf16Weights(8 << 20);
        QTemporaryDir dir;
        const QString raw = dir.filePath(QStringLiteral("w.bin"));
        const QString ours = dir.filePath(QStringLiteral("ours.gz"));
        QFile rawFile(raw);
        QVERIFY(rawFile.open(QIODevice::WriteOnly));
        rawFile.write(input);
        rawFile.close();
        QByteArray pigz;
        QCOMPARE(TestSupport::runProgram(QStringLiteral("pigz"), {QStringLiteral("-6c"), raw}, &pigz), 0);
        // The default and every stronger level.
        for (int level = ParallelGzip::DefaultLevel; level <= GzipEncoder::StrongestLevel; ++level) {
            const qsizetype written = compressToFile(ours, input, level).size();
            QVERIFY(written > 0);
            QVERIFY2(written <= pigz.size(), qPrintable(QStringLiteral("level %1: %2 > pigz %3").arg(level).arg(written).arg(pigz.size())));
        }
        QCOMPARE(GzipReaders::gunzip(ours), QCryptographicHash::hash(input, QCryptographicHash::Sha256).toHex());
    }

    void zstdRoundTrip()
    {
        const QByteArray input = bf16Weights(3 << 20) + randomBytes(3 << 20);
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("out.zst"));
        const int fd = ::open(QFile::encodeName(file).constData(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        {
            ZstdSink sink(fd, QFile::encodeName(file), 3, 2);
            QVERIFY2(feed(sink, input) > 0, qPrintable(sink.error()));
        }
        ::close(fd);
        QCOMPARE(TestSupport::runProgram(QStringLiteral("zstd"), {QStringLiteral("-qt"), file}), 0);
        QCOMPARE(decompress(QStringLiteral("zstd"), file), input);
    }

    // ENOSPC surfaces as an error naming the file, from every sink.
    void fullDisk()
    {
        if (geteuid() != 0)
            QSKIP("mounting a tmpfs needs root");
        QTemporaryDir dir;
        QVERIFY(::mount("tmpfs", QFile::encodeName(dir.path()).constData(), "tmpfs", 0, "size=256k") == 0);
        const QByteArray input = randomBytes(4 << 20);
        for (const QString &kind : {QStringLiteral("gz"), QStringLiteral("zst"), QStringLiteral("tar")}) {
            const QByteArray file = QFile::encodeName(dir.filePath(QStringLiteral("full.") + kind));
            const int fd = ::open(file.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            std::unique_ptr<ByteSink> sink;
            if (kind == QLatin1String("gz"))
                sink = std::make_unique<ParallelGzip>(fd, file, 1, 2);
            else if (kind == QLatin1String("zst"))
                sink = std::make_unique<ZstdSink>(fd, file, 3, 2);
            else
                sink = std::make_unique<PlainSink>(fd, file);
            QCOMPARE(feed(*sink, input), quint64(0));
            QVERIFY2(sink->error().contains(QLatin1String("No space left on device"))
                         && sink->error().contains(QString::fromLocal8Bit(file)), qPrintable(sink->error()));
            sink.reset();
            ::close(fd);
            ::unlink(file.constData());
        }
        QVERIFY(::umount(QFile::encodeName(dir.path()).constData()) == 0);
    }

    void atomicTarget()
    {
        QTemporaryDir dir;
        const QByteArray final = QFile::encodeName(dir.filePath(QStringLiteral("out.tar")));
        QString error;
        QString warning;
        {
            AtomicTarget target;
            QVERIFY(target.create(AtomicTarget::Kind::File, final, false, {}, &error));
            QVERIFY(QFileInfo::exists(QString::fromLocal8Bit(target.tempPath())));
            QVERIFY(!QFileInfo::exists(QString::fromLocal8Bit(final)));
        }  // dropped without commit: nothing left at all
        QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), QStringList());
        AtomicTarget target;
        QVERIFY(target.create(AtomicTarget::Kind::File, final, false, {}, &error));
        QVERIFY(::write(target.fd(), "x", 1) == 1);
        QVERIFY(target.commit(&error, &warning));
        QVERIFY(QFileInfo(QString::fromLocal8Bit(final)).size() == 1);
        AtomicTarget again;
        QVERIFY(!again.create(AtomicTarget::Kind::File, final, false, {}, &error));
        QVERIFY2(error.contains(QLatin1String("already exists")) && error.contains(QLatin1String("--force")), qPrintable(error));
        QVERIFY(!again.create(AtomicTarget::Kind::Directory, final, true, {}, &error));
        QVERIFY2(error.contains(QLatin1String("cannot replace")), qPrintable(error));
        // --force never replaces a folder hfcache did not export (no marker in it)...
        const QByteArray folder = QFile::encodeName(dir.filePath(QStringLiteral("folder")));
        QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral("folder/old/deep"))));
        AtomicTarget refused;
        QVERIFY(!refused.create(AtomicTarget::Kind::Directory, folder, true, "new", &error));
        QVERIFY2(error.contains(QLatin1String("not a folder hfcache exported")), qPrintable(error));
        QVERIFY(QFileInfo::exists(dir.filePath(QStringLiteral("folder/old/deep"))));
        // ... but an earlier export: swapped in one step, the old one removed, the new one marked.
        AtomicTarget first;
        QVERIFY(first.create(AtomicTarget::Kind::Directory, folder + "-first", false, "old", &error));
        QVERIFY(first.commit(&error, &warning));
        QVERIFY(QDir().rmdir(dir.filePath(QStringLiteral("folder/old/deep"))) && QDir().rmdir(dir.filePath(QStringLiteral("folder/old"))));
        QVERIFY(QDir().rmdir(dir.filePath(QStringLiteral("folder"))) && QDir().rename(dir.filePath(QStringLiteral("folder-first")), dir.filePath(QStringLiteral("folder"))));
        QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral("folder/old/deep"))));
        AtomicTarget replacing;
        QVERIFY(replacing.create(AtomicTarget::Kind::Directory, folder, true, "new", &error));
        QVERIFY(replacing.commit(&error, &warning));
        QCOMPARE(warning, QString());
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("folder/old"))));
        QFile marker(QFile::decodeName(folder + '/' + AtomicTarget::MarkerName));
        QVERIFY(marker.open(QIODevice::ReadOnly));
        QCOMPARE(marker.readAll(), QByteArray("new"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
                 QStringList({QStringLiteral("folder"), QStringLiteral("out.tar")}));
    }
};

QTEST_GUILESS_MAIN(TestExportStreams)
#include "tst_ExportStreams.moc"

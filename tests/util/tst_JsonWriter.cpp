// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "support/TestSupport.h"
#include "util/JsonWriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <cstdio>
#include <cstdlib>

using namespace hfcache;

namespace {

// What a JsonWriter wrote, read back from a memory stream.
class WrittenText
{
public:
    WrittenText() : m_stream(::open_memstream(&m_data, &m_size)) {}
    ~WrittenText() { std::free(m_data); }
    FILE *stream() const { return m_stream; }
    QByteArray take()
    {
        std::fclose(m_stream);
        return QByteArray(m_data, qsizetype(m_size));
    }

private:
    char *m_data = nullptr;
    size_t m_size = 0;
    FILE *m_stream;
};

// A value nested `depth` levels deep, so that its lines are indented past one run of spaces.
void writeValue(JsonWriter &json, qsizetype i, int depth)
{
    json.beginObject();
    json.field("index", qint64(i));
    json.field("path", QByteArray("dir/\xff name-") + QByteArray::number(i));
    json.field("quoted \"key\"", QStringLiteral("value"));
    if (depth > 0) {
        json.key("inner");
        writeValue(json, i, depth - 1);
    }
    json.endObject();
}

QByteArray written(bool pretty, qsizetype count, bool inParallel, bool valueBefore)
{
    WrittenText text;
    {
        JsonWriter json(text.stream(), pretty);
        json.beginObject();
        json.key("values");
        json.beginArray();
        if (valueBefore)
            json.value("first");
        if (inParallel) {
            json.writeValues(count, [](JsonWriter &part, qsizetype i) { writeValue(part, i, int(i % 20)); });
        } else {
            for (qsizetype i = 0; i < count; ++i)
                writeValue(json, i, int(i % 20));
        }
        json.value("last");
        json.endArray();
        json.endObject();
    }
    return text.take();
}

// The value of "plan" in {"dry_run": true, "plan": ..., "refused": false} (several: within
// {"caches": [{...}]}), written in place or by a writer into memory and taken with rawValue.
QByteArray withPlan(bool pretty, bool several, qsizetype count, bool madeElsewhere)
{
    auto writePlan = [count](JsonWriter &json) {
        json.beginArray();
        json.writeValues(count, [](JsonWriter &part, qsizetype i) { writeValue(part, i, int(i % 5)); });
        json.endArray();
    };
    QByteArray plan;
    if (madeElsewhere) {
        JsonWriter into(&plan, several ? 3 : 1, pretty);
        writePlan(into);
    }
    WrittenText text;
    {
        JsonWriter json(text.stream(), pretty);
        json.beginObject();
        json.field("dry_run", true);
        if (several) {
            json.key("caches");
            json.beginArray();
            json.beginObject();
        }
        json.key("plan");
        if (madeElsewhere)
            json.rawValue(plan);
        else
            writePlan(json);
        json.field("refused", false);
        if (several) {
            json.endObject();
            json.endArray();
        }
        json.endObject();
    }
    return text.take();
}

// Objects of an array whose fields after the first are pasted from sharedFields() (two
// classes, one of them nesting an object and an empty array), or written one by one.
QByteArray withSharedFields(bool pretty, qsizetype count, bool shared)
{
    auto writeRest = [](JsonWriter &json, qsizetype kind) {
        json.field("kind", kind == 0 ? "even" : "odd");
        json.key("inner");
        json.beginObject();
        json.field("mode", QStringLiteral("0644"));
        json.key("holders");
        json.beginArray();
        json.endArray();
        json.endObject();
        json.field("writable", kind == 0);
    };
    WrittenText text;
    {
        JsonWriter json(text.stream(), pretty);
        json.beginObject();
        json.key("locks");
        json.beginArray();
        const QByteArray rest[] = {json.sharedFields([&](JsonWriter &f) { writeRest(f, 0); }),
                                   json.sharedFields([&](JsonWriter &f) { writeRest(f, 1); })};
        json.writeValues(count, [&](JsonWriter &part, qsizetype i) {
            part.beginObject();
            part.field("path", QByteArray("dir/") + QByteArray::number(i));
            if (shared)
                part.rawFields(rest[i % 2]);
            else
                writeRest(part, i % 2);
            part.endObject();
        });
        json.endArray();
        json.endObject();
    }
    return text.take();
}

} // namespace

class TestJsonWriter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Values written on every core, many blocks of slices and many buffer flushes: the same
    // bytes as written one by one, in order, and valid JSON.
    void writeValuesInParallel_data()
    {
        QTest::addColumn<bool>("pretty");
        QTest::addColumn<qsizetype>("count");
        QTest::addColumn<bool>("valueBefore");
        QTest::newRow("pretty, many blocks") << true << qsizetype(20000) << false;
        QTest::newRow("compact, many blocks") << false << qsizetype(20000) << false;
        QTest::newRow("after a value") << true << qsizetype(1000) << true;
        QTest::newRow("one") << true << qsizetype(1) << false;
        QTest::newRow("none") << true << qsizetype(0) << true;
    }
    void writeValuesInParallel()
    {
        QFETCH(bool, pretty);
        QFETCH(qsizetype, count);
        QFETCH(bool, valueBefore);
        const QByteArray parallel = written(pretty, count, true, valueBefore);
        QCOMPARE(parallel, written(pretty, count, false, valueBefore));
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(parallel, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        const QJsonArray values = document.object().value(QStringLiteral("values")).toArray();
        QCOMPARE(values.size(), count + 1 + (valueBefore ? 1 : 0));
        if (count > 0)
            QCOMPARE(values.at(valueBefore ? 1 : 0).toObject().value(QStringLiteral("index")).toInteger(), 0);
    }

    // A value written into memory (on another thread, by DeleteFlow) for its place in another
    // writer's document: the same bytes as written in place, small or flushed many times over.
    void valueMadeElsewhere_data()
    {
        QTest::addColumn<bool>("pretty");
        QTest::addColumn<bool>("several");
        QTest::addColumn<qsizetype>("count");
        QTest::newRow("pretty, top level, big") << true << false << qsizetype(20000);
        QTest::newRow("pretty, in caches, big") << true << true << qsizetype(20000);
        QTest::newRow("compact, in caches, big") << false << true << qsizetype(20000);
        QTest::newRow("pretty, top level, small") << true << false << qsizetype(3);
        QTest::newRow("pretty, empty") << true << true << qsizetype(0);
    }
    void valueMadeElsewhere()
    {
        QFETCH(bool, pretty);
        QFETCH(bool, several);
        QFETCH(qsizetype, count);
        const QByteArray elsewhere = withPlan(pretty, several, count, true);
        QCOMPARE(elsewhere, withPlan(pretty, several, count, false));
        QJsonParseError error;
        QJsonDocument::fromJson(elsewhere, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
    }

    // Fields made once and pasted into many objects (free lock files of one owner and mode):
    // the bytes of writing them in each object.
    void sharedFieldsAsIfWritten_data()
    {
        QTest::addColumn<bool>("pretty");
        QTest::newRow("pretty") << true;
        QTest::newRow("compact") << false;
    }
    void sharedFieldsAsIfWritten()
    {
        QFETCH(bool, pretty);
        const QByteArray pasted = withSharedFields(pretty, 20000, true);
        QCOMPARE(pasted, withSharedFields(pretty, 20000, false));
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(pasted, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(document.object().value(QStringLiteral("locks")).toArray().at(1).toObject().value(QStringLiteral("kind")).toString(),
                 QStringLiteral("odd"));
    }
};

QTEST_GUILESS_MAIN(TestJsonWriter)
#include "tst_JsonWriter.moc"

package io.jenkins.plugins.awsdelivery.engine.record;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.jenkins.plugins.awsdelivery.engine.InvalidParameterException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code release.json}: a {@link ReleaseRecord} as JSON, {@code {"schemaVersion": 1, "entries": [...]}}, each entry
 * an object with {@code type} ({@code push}, {@code deployment}, {@code testRun}, {@code approval},
 * {@code promotion}), {@code time} (ISO-8601, UTC) and the fields of its {@link RecordEntry#toMap()}.
 *
 * <p><b>Compatibility rule.</b> A record written by any earlier version still reads, and reads the same:
 *
 * <ul>
 *   <li>Fields and entry types are only ever added. A reader ignores fields and entry types it does not know, and a
 *       field missing from an older record reads as its default (null, 0, false, empty list or object).
 *   <li>A field is never renamed, removed or given another meaning while {@link #SCHEMA_VERSION} stays the same. A
 *       change an older reader would misread increments {@link #SCHEMA_VERSION}; the reader then still reads every
 *       earlier version, and the test fixture of each version ({@code release-v1.json}, ...) stays in the tests.
 *   <li>A record of a newer schema version than {@link #SCHEMA_VERSION} is refused, because it may mean something
 *       this version cannot tell.
 * </ul>
 */
public final class ReleaseRecordJson {
    /** The schema version this class writes, and the newest it reads. */
    public static final int SCHEMA_VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, false)
            .configure(SerializationFeature.INDENT_OUTPUT, true)
            .configure(JsonParser.Feature.STRICT_DUPLICATE_DETECTION, true);

    private static final Map<String, Function<Fields, RecordEntry>> READERS = Map.of(
            "push", PushEntry::fromMap,
            "deployment", DeploymentEntry::fromMap,
            "testRun", TestRunEntry::fromMap,
            "approval", ApprovalEntry::fromMap,
            "promotion", PromotionEntry::fromMap);

    private ReleaseRecordJson() {}

    public static String write(ReleaseRecord record) {
        try {
            return MAPPER.writeValueAsString(record.toMap());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a record entry holds a value JSON cannot represent", e);
        }
    }

    /** Writes to {@code out}, which stays open. */
    public static void write(ReleaseRecord record, OutputStream out) throws IOException {
        MAPPER.writer()
                .without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .writeValue(out, record.toMap());
    }

    /** @throws ReleaseRecordFormatException when {@code json} is not a release record this version can read */
    public static ReleaseRecord read(String json) {
        try {
            return fromMap(MAPPER.readValue(json, Object.class));
        } catch (JsonProcessingException e) {
            throw notJson(e);
        }
    }

    /** Reads from {@code in}, which stays open. */
    public static ReleaseRecord read(InputStream in) throws IOException {
        try {
            return fromMap(MAPPER.reader()
                    .without(JsonParser.Feature.AUTO_CLOSE_SOURCE)
                    .readValue(in, Object.class));
        } catch (JsonProcessingException e) {
            throw notJson(e);
        }
    }

    private static ReleaseRecordFormatException notJson(JsonProcessingException e) {
        return new ReleaseRecordFormatException(
                "release record: not valid JSON (" + e.getOriginalMessage() + ") at line "
                        + e.getLocation().getLineNr() + "; the file is damaged or is not a release.json",
                e);
    }

    private static ReleaseRecord fromMap(Object json) {
        Fields record = Fields.object(json, "$");
        int version = record.integer("schemaVersion");
        if (version < 1) {
            throw new ReleaseRecordFormatException(
                    "release record: schemaVersion is missing or not a positive number; this is not a release.json");
        }
        if (version > SCHEMA_VERSION) {
            throw new ReleaseRecordFormatException("release record: schemaVersion " + version
                    + " was written by a newer AWS Container Delivery; this version reads up to " + SCHEMA_VERSION
                    + ". Upgrade the plugin (or bin/delivery) to read it");
        }
        List<RecordEntry> entries = new ArrayList<>();
        for (Fields entry : record.objects("entries")) {
            Function<Fields, RecordEntry> reader = READERS.get(entry.requiredString("type"));
            if (reader != null) {
                entries.add(read(entry, reader));
            }
        }
        return ReleaseRecord.of(entries);
    }

    private static RecordEntry read(Fields entry, Function<Fields, RecordEntry> reader) {
        try {
            return reader.apply(entry);
        } catch (InvalidParameterException e) {
            throw new ReleaseRecordFormatException("release record: " + entry.path() + "." + e.getMessage(), e);
        }
    }
}

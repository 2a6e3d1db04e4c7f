package io.jenkins.plugins.awsdelivery.engine.record;

import io.jenkins.plugins.awsdelivery.engine.InvalidParameterException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one build did to release an image, as events in time order: pushes, deployments, test runs, approvals and
 * promotions. Immutable: {@link #with(RecordEntry)} returns a new record.
 *
 * <p>Entries are kept sorted by {@link RecordEntry#time()}; entries with equal times keep the order they were added
 * in. So an approval collected late from an {@code input} step still lands where it happened, before a later test
 * run, and the {@link ApprovalPolicy} can read the order as the order of events.
 *
 * <p>Its JSON form ({@code release.json}) is written and read by {@link ReleaseRecordJson}.
 */
public final class ReleaseRecord implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final ReleaseRecord EMPTY = new ReleaseRecord(new ArrayList<>());

    private final ArrayList<RecordEntry> entries;

    private ReleaseRecord(ArrayList<RecordEntry> entries) {
        this.entries = entries;
    }

    public static ReleaseRecord empty() {
        return EMPTY;
    }

    /** A record of these entries, sorted by time; entries of equal times keep their order, as with {@link #with}. */
    public static ReleaseRecord of(Collection<? extends RecordEntry> entries) {
        ArrayList<RecordEntry> sorted = Values.copyOf("entries", entries);
        sorted.sort(Comparator.comparing(RecordEntry::time));
        return new ReleaseRecord(sorted);
    }

    /** A new record with {@code entry} after every entry of the same time or earlier. */
    public ReleaseRecord with(RecordEntry entry) {
        if (entry == null) {
            throw new InvalidParameterException("entry", "is required");
        }
        ArrayList<RecordEntry> copy = new ArrayList<>(entries.size() + 1);
        copy.addAll(entries);
        int position = copy.size();
        while (position > 0 && copy.get(position - 1).time().isAfter(entry.time())) {
            position--;
        }
        copy.add(position, entry);
        return new ReleaseRecord(copy);
    }

    /** Every entry, oldest first. */
    public List<RecordEntry> entries() {
        return Collections.unmodifiableList(entries);
    }

    /** The entries of one kind, oldest first: {@code record.entries(TestRunEntry.class)}. */
    public <T extends RecordEntry> List<T> entries(Class<T> kind) {
        return entries.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** {@code schemaVersion} and {@code entries}: the JSON form, as plain values. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("schemaVersion", ReleaseRecordJson.SCHEMA_VERSION);
        map.put("entries", entries.stream().map(RecordEntry::toMap).toList());
        return map;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ReleaseRecord record && record.entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return "ReleaseRecord" + entries;
    }
}

package io.jenkins.plugins.awsdelivery.engine.record;

import io.jenkins.plugins.awsdelivery.engine.InvalidParameterException;
import java.io.Serializable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One event of a release, with the time it happened. Two entries are equal when they are of the same kind and their
 * {@link #toMap()} is equal, which is also their JSON form in {@code release.json}.
 */
public abstract sealed class RecordEntry implements Serializable
        permits PushEntry, DeploymentEntry, TestRunEntry, ApprovalEntry, PromotionEntry {
    private static final long serialVersionUID = 1L;

    private final Instant time;

    RecordEntry(Instant time) {
        if (time == null) {
            throw new InvalidParameterException("time", "every record entry needs the time it happened");
        }
        this.time = time;
    }

    public Instant time() {
        return time;
    }

    /** The {@code type} field of the JSON form: {@code push}, {@code deployment}, {@code testRun}, ... */
    public abstract String type();

    /** Plain values only (String, Number, Boolean, List, Map); absent optional values are left out. */
    public final Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("type", type());
        map.put("time", time.toString());
        putFields(map);
        return map;
    }

    abstract void putFields(Map<String, Object> map);

    static void putIfPresent(Map<String, Object> map, String name, Object value) {
        if (value != null) {
            map.put(name, value);
        }
    }

    @Override
    public final boolean equals(Object other) {
        return other instanceof RecordEntry entry
                && entry.getClass() == getClass()
                && entry.toMap().equals(toMap());
    }

    @Override
    public final int hashCode() {
        return toMap().hashCode();
    }

    @Override
    public final String toString() {
        return getClass().getSimpleName() + toMap();
    }
}

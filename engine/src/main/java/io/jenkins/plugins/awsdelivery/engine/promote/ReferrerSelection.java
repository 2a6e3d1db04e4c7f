package io.jenkins.plugins.awsdelivery.engine.promote;

import io.jenkins.plugins.awsdelivery.engine.InvalidParameterException;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which referrers (signatures, SBOMs, attestations) travel with a promoted image: {@code all} (the default),
 * {@code none}, or those of the listed artifact types. The choice applies at every level: a signature of an SBOM is
 * copied only when its own type is chosen too.
 */
public final class ReferrerSelection {
    private static final ReferrerSelection ALL = new ReferrerSelection(true, Set.of());
    private static final ReferrerSelection NONE = new ReferrerSelection(false, Set.of());

    private final boolean all;
    private final Set<String> artifactTypes;

    private ReferrerSelection(boolean all, Set<String> artifactTypes) {
        this.all = all;
        this.artifactTypes = artifactTypes;
    }

    public static ReferrerSelection all() {
        return ALL;
    }

    public static ReferrerSelection none() {
        return NONE;
    }

    /**
     * Reads the option as a user gives it: {@code [all]}, {@code [none]}, or artifact types such as
     * {@code application/spdx+json}. An empty list means all.
     *
     * @param parameter the option's name as the caller shows it, for the error message
     */
    public static ReferrerSelection parse(String parameter, Collection<String> values) {
        if (values == null || values.isEmpty() || List.copyOf(values).equals(List.of("all"))) {
            return ALL;
        }
        if (List.copyOf(values).equals(List.of("none"))) {
            return NONE;
        }
        Set<String> types = new TreeSet<>();
        for (String value : values) {
            String type = value == null ? "" : value.trim();
            if (type.equals("all") || type.equals("none")) {
                throw new InvalidParameterException(
                        parameter, "'" + type + "' cannot be combined with artifact types; give it alone");
            }
            if (!type.matches("[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}")) {
                throw new InvalidParameterException(
                        parameter,
                        "'" + value + "' is not an artifact type; use all, none, or media types such as"
                                + " application/spdx+json");
            }
            types.add(type);
        }
        return new ReferrerSelection(false, Set.copyOf(types));
    }

    public boolean isNone() {
        return !all && artifactTypes.isEmpty();
    }

    public boolean accepts(String artifactType) {
        return all || artifactTypes.contains(artifactType);
    }

    /** The one artifact type chosen, which a registry may filter by; null otherwise. */
    String singleType() {
        return artifactTypes.size() == 1 ? artifactTypes.iterator().next() : null;
    }

    @Override
    public String toString() {
        return all ? "all" : isNone() ? "none" : String.join(",", artifactTypes);
    }
}

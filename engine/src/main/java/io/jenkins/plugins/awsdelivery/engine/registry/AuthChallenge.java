package io.jenkins.plugins.awsdelivery.engine.registry;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A parsed {@code WWW-Authenticate} header: {@code Bearer realm="...",service="...",scope="..."} or {@code Basic}. */
record AuthChallenge(String scheme, Map<String, String> parameters) {

    static AuthChallenge parse(String header) {
        if (header == null || header.isBlank()) {
            return new AuthChallenge("basic", Map.of());
        }
        String text = header.trim();
        int space = text.indexOf(' ');
        String scheme = (space < 0 ? text : text.substring(0, space)).toLowerCase(Locale.ROOT);
        Map<String, String> parameters = new LinkedHashMap<>();
        int i = space < 0 ? text.length() : space + 1;
        while (i < text.length()) {
            while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == ',')) {
                i++;
            }
            int equals = text.indexOf('=', i);
            if (equals < 0) {
                break;
            }
            String key = text.substring(i, equals).trim().toLowerCase(Locale.ROOT);
            i = equals + 1;
            StringBuilder value = new StringBuilder();
            if (i < text.length() && text.charAt(i) == '"') {
                i++;
                while (i < text.length() && text.charAt(i) != '"') {
                    if (text.charAt(i) == '\\' && i + 1 < text.length()) {
                        i++;
                    }
                    value.append(text.charAt(i++));
                }
                i++;
            } else {
                while (i < text.length() && text.charAt(i) != ',') {
                    value.append(text.charAt(i++));
                }
            }
            parameters.put(key, value.toString().trim());
        }
        return new AuthChallenge(scheme, Map.copyOf(parameters));
    }

    boolean isBearer() {
        return scheme.equals("bearer");
    }
}

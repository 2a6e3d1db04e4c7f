package io.jenkins.plugins.awsdelivery.engine.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** What every protocol stage reads from a registry's answer: its {@code Retry-After}, its error text, or nothing. */
final class HttpResponses {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpResponses() {}

    /** Closes the body of a response nothing is read from. */
    static void discard(HttpResponse<InputStream> response) {
        try {
            response.body().close();
        } catch (IOException e) {
            // Nothing to keep from a response we throw away.
        }
    }

    /** {@code Retry-After} in seconds or as an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(HttpResponse<?> response) {
        String value = response.headers().firstValue("Retry-After").orElse(null);
        if (value == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime when = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(ZonedDateTime.now(when.getZone()), when);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (RuntimeException unparsable) {
                return null;
            }
        }
    }

    /**
     * The codes and messages of the distribution error format ({@code {"errors":[{"code","message"}]}}), joined by
     * {@code "; "}; empty for any other body (an HTML page says nothing a user can act on).
     */
    static String errorDetail(byte[] body) {
        if (body.length == 0) {
            return "";
        }
        try {
            JsonNode errors = JSON.readTree(body).path("errors");
            if (errors.isArray() && errors.size() > 0) {
                StringBuilder text = new StringBuilder();
                for (JsonNode error : errors) {
                    if (text.length() > 0) {
                        text.append("; ");
                    }
                    text.append(error.path("code").asText(""))
                            .append(' ')
                            .append(error.path("message").asText(""));
                }
                return text.toString().trim();
            }
        } catch (IOException | RuntimeException e) {
            // Not the registry's JSON error format; the status alone is the message.
        }
        return "";
    }
}

package io.jenkins.plugins.awsdelivery.engine.record;

import io.jenkins.plugins.awsdelivery.engine.spi.Secret;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of record entries: values of parameters whose names look secret, known secret values wherever
 * they appear, and credentials inside URLs ({@code https://user:password@host}, {@code ?X-Amz-Signature=…}).
 */
final class Redaction {
    /** What replaces a hidden value. */
    static final String MASK = "****";

    /**
     * Parameter names that hold secrets by convention: password, passwd, pwd, secret, token, credential(s), key
     * (api_key, accessKey, X-Amz-Credential, ...), signature, auth.
     */
    private static final Pattern SECRET_NAME =
            Pattern.compile("(?i).*(password|passwd|pwd|secret|token|credential|key|signature|auth).*");

    /** {@code scheme://user:password@} at the start of a URL. */
    private static final Pattern URL_USER_INFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/?#@]*@");

    /** A query or fragment parameter {@code name=value}. */
    private static final Pattern URL_PARAMETER = Pattern.compile("([?&#;])([^=&#;]+)=([^&#;]*)");

    private Redaction() {}

    static boolean looksSecret(String parameterName) {
        return SECRET_NAME.matcher(parameterName).matches();
    }

    /** {@code value} with every occurrence of a known secret replaced by {@link #MASK}. */
    static String maskKnown(String value, Collection<Secret> knownSecrets) {
        if (value == null) {
            return null;
        }
        String masked = value;
        for (Secret secret : knownSecrets) {
            masked = masked.replace(secret.reveal(), MASK);
        }
        return masked;
    }

    /** A URL without user information and with the values of secret-looking parameters masked. */
    static String url(String value) {
        if (value == null) {
            return null;
        }
        String withoutUser = URL_USER_INFO.matcher(value).replaceFirst("$1");
        Matcher parameters = URL_PARAMETER.matcher(withoutUser);
        StringBuilder cleaned = new StringBuilder();
        while (parameters.find()) {
            String name = parameters.group(2);
            String replacement = looksSecret(name) ? parameters.group(1) + name + "=" + MASK : parameters.group();
            parameters.appendReplacement(cleaned, Matcher.quoteReplacement(replacement));
        }
        parameters.appendTail(cleaned);
        return cleaned.toString();
    }
}

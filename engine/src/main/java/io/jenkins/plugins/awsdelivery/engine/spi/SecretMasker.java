package io.jenkins.plugins.awsdelivery.engine.spi;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from text before it is shown: server messages before they become an event, an exception message or
 * JSON, and every line a front end prints. Two kinds of secret are replaced by {@value #MASK}:
 *
 * <ul>
 *   <li>the values it was given (passwords, {@code user:password} pairs, tokens, AWS secret keys and session tokens),
 *       also in their Base64 forms (standard and URL-safe, with and without padding), as an echoed {@code Basic}
 *       header carries them;
 *   <li>whatever looks like a credential whoever sent it: the value after {@code Basic} and {@code Bearer}, the SigV4
 *       {@code Credential=} and {@code Signature=}, {@code X-Amz-Security-Token}, {@code X-Amz-Signature}, EKS tokens
 *       ({@code k8s-aws-v1.…}), and token, password and secret-key fields of JSON and XML.
 * </ul>
 *
 * Immutable and thread-safe; {@link #and} gives a masker that knows more secrets.
 */
public final class SecretMasker {
    public static final String MASK = "****";

    private static final List<Scrub> PATTERNS = List.of(
            // RFC 7235 token68 after the scheme; "Bearer realm=\"...\"" (a challenge, no secret) stays readable.
            new Scrub("(?i)\\b(Basic|Bearer)(\\s+)(?![A-Za-z]+=[\"A-Za-z])[A-Za-z0-9._~+/-]+=*", "$1$2" + MASK),
            new Scrub("(?i)(Credential=)[^,\\s&\"'<]+", "$1" + MASK),
            new Scrub("(?i)(Signature=)[0-9a-fA-F]+", "$1" + MASK),
            new Scrub("(?i)(X-Amz-Security-Token\"?\\s*[:=]\\s*\"?)[^\"&\\s,;}<]+", "$1" + MASK),
            new Scrub("k8s-aws-v1\\.[A-Za-z0-9_-]+", "k8s-aws-v1." + MASK),
            new Scrub(
                    "(?i)(\"(?:token|access_token|refresh_token|password|secret|secretAccessKey|sessionToken"
                            + "|authorizationToken)\"\\s*:\\s*\")[^\"]*",
                    "$1" + MASK),
            new Scrub("(?i)(<(SecretAccessKey|SessionToken)>)[^<]*", "$1" + MASK),
            new Scrub("(?i)(aws_secret_access_key|aws_session_token)(\\s*[=:]\\s*)[^\\s\"&,;]+", "$1$2" + MASK));

    private static final SecretMasker PATTERNS_ONLY = new SecretMasker(List.of());

    /** Longest first, so that a secret that contains another is replaced whole. */
    private final List<String> literals;

    private SecretMasker(List<String> literals) {
        this.literals = literals;
    }

    /** A masker for these secrets (null and empty values are ignored) and every credential-looking pattern. */
    public static SecretMasker of(Collection<String> secrets) {
        return PATTERNS_ONLY.and(secrets);
    }

    /** A masker that knows no secret values, only the credential-looking patterns. */
    public static SecretMasker patternsOnly() {
        return PATTERNS_ONLY;
    }

    /** A masker that knows these secrets as well. */
    public SecretMasker and(Collection<String> secrets) {
        Set<String> all = new LinkedHashSet<>(literals);
        for (String secret : Objects.requireNonNull(secrets, "secrets")) {
            if (secret == null || secret.isEmpty()) {
                continue;
            }
            all.add(secret);
            byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
            String base64 = Base64.getEncoder().encodeToString(bytes);
            String urlSafe = Base64.getUrlEncoder().encodeToString(bytes);
            all.add(base64);
            all.add(urlSafe);
            all.add(base64.replace("=", ""));
            all.add(urlSafe.replace("=", ""));
        }
        if (all.size() == literals.size()) {
            return this;
        }
        List<String> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        return new SecretMasker(List.copyOf(sorted));
    }

    /** The text with every known secret and credential-looking value replaced by {@value #MASK}; null stays null. */
    public String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = text;
        for (String secret : literals) {
            masked = masked.replace(secret, MASK);
        }
        for (Scrub scrub : PATTERNS) {
            masked = scrub.apply(masked);
        }
        return masked;
    }

    @Override
    public String toString() {
        return "SecretMasker{" + literals.size() + " secret forms}";
    }

    private static final class Scrub {
        private final Pattern pattern;
        private final String replacement;

        Scrub(String regex, String replacement) {
            this.pattern = Pattern.compile(regex);
            this.replacement = replacement;
        }

        String apply(String text) {
            Matcher matcher = pattern.matcher(text);
            return matcher.find() ? matcher.replaceAll(replacement) : text;
        }
    }
}

package io.jenkins.plugins.awsdelivery.engine.reference;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * A content digest such as {@code sha256:4f2a…}: the identity of a manifest or a blob. Only the algorithms that the
 * OCI image spec registers are accepted, with their exact lower-case hex length, because a registry would refuse the
 * others and a shortened digest identifies nothing.
 */
public final class Digest {
    private static final Map<String, Integer> HEX_LENGTHS = Map.of("sha256", 64, "sha512", 128);
    private static final Map<String, String> JAVA_NAMES = Map.of("sha256", "SHA-256", "sha512", "SHA-512");

    private final String algorithm;
    private final String hex;

    private Digest(String algorithm, String hex) {
        this.algorithm = algorithm;
        this.hex = hex;
    }

    public static Digest parse(String value) {
        return parse("digest", value);
    }

    /** Parses {@code value}; an error names {@code parameter}, the parameter the user wrote it in. */
    public static Digest parse(String parameter, String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidReferenceException(parameter, "a digest is required, such as sha256:<64 hex digits>");
        }
        int colon = value.indexOf(':');
        if (colon <= 0) {
            throw new InvalidReferenceException(
                    parameter, "\"" + value + "\" is not a digest; write it as sha256:<64 hex digits>");
        }
        String algorithm = value.substring(0, colon);
        String hex = value.substring(colon + 1);
        Integer length = HEX_LENGTHS.get(algorithm);
        if (length == null) {
            throw new InvalidReferenceException(
                    parameter,
                    "digest algorithm \"" + algorithm + "\" in \"" + value
                            + "\" is not supported; use sha256 or sha512");
        }
        if (hex.length() != length) {
            throw new InvalidReferenceException(
                    parameter,
                    "digest \"" + value + "\" has " + hex.length() + " hex digits; " + algorithm + " needs exactly "
                            + length);
        }
        for (int i = 0; i < hex.length(); i++) {
            char c = hex.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                throw new InvalidReferenceException(
                        parameter,
                        "digest \"" + value + "\" has '" + c + "' at position " + (colon + 2)
                                + "; only lower-case hex digits 0-9 a-f are allowed");
            }
        }
        return new Digest(algorithm, hex);
    }

    /** The sha256 digest of {@code content}. */
    public static Digest sha256(byte[] content) {
        return of("sha256", newMessageDigest("sha256").digest(content));
    }

    /** A digest from a finished {@link MessageDigest} of the given algorithm ({@code sha256} or {@code sha512}). */
    public static Digest of(String algorithm, byte[] hash) {
        return parse(algorithm + ":" + HexFormat.of().formatHex(hash));
    }

    public String algorithm() {
        return algorithm;
    }

    public String hex() {
        return hex;
    }

    /** A fresh hasher of this digest's algorithm, for checking streamed content against it. */
    public MessageDigest newMessageDigest() {
        return newMessageDigest(algorithm);
    }

    /** Whether {@code finishedHash}, the result of {@link #newMessageDigest()}, matches this digest. */
    public boolean matches(byte[] finishedHash) {
        return HexFormat.of().formatHex(finishedHash).equals(hex);
    }

    private static MessageDigest newMessageDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(JAVA_NAMES.get(algorithm.toLowerCase(Locale.ROOT)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks " + algorithm, e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Digest d && d.algorithm.equals(algorithm) && d.hex.equals(hex);
    }

    @Override
    public int hashCode() {
        return algorithm.hashCode() * 31 + hex.hashCode();
    }

    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }
}

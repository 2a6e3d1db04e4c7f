package io.jenkins.plugins.awsdelivery.engine.kube.eks;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * Test verifier for EKS bearer tokens, written from the specifications and never from the code under test, so that it
 * can check ours and the reference tool's tokens alike.
 *
 * <ul>
 *   <li>What EKS checks before it forwards the token (aws-iam-authenticator's server, {@code pkg/token/token.go},
 *       {@code Verify}): prefix {@code k8s-aws-v1.}, base64url without padding, at most 4096 bytes, {@code https}, path
 *       {@code /}, only the allowed query parameters, each once, {@code Action=GetCallerIdentity},
 *       {@code x-k8s-aws-id} among the signed headers, {@code X-Amz-Expires} within 0..900, and valid for 15 minutes
 *       after {@code X-Amz-Date} whatever {@code X-Amz-Expires} says.
 *   <li>What STS checks when EKS sends it that URL as a {@code GET} without a body and with the header
 *       {@code x-k8s-aws-id: <cluster>}: the AWS Signature Version 4 of query-string authentication ("Create a signed
 *       AWS API request" and "Authenticating requests: using query parameters" in the AWS documentation). The
 *       canonical request is method, canonical URI, the query sorted by name with every name and value URI-encoded
 *       (RFC 3986 unreserved characters kept, everything else {@code %XX} in upper case) without
 *       {@code X-Amz-Signature}, the signed headers as {@code name:value} lines, the signed header names, and the hex
 *       SHA-256 of the payload. A GET has an empty payload; {@code UNSIGNED-PAYLOAD} is S3's alone. The string to sign
 *       is {@code AWS4-HMAC-SHA256}, {@code X-Amz-Date}, the credential scope and the hex SHA-256 of the canonical
 *       request; the key is {@code HMAC("AWS4"+secret, date)} chained over region, service and
 *       {@code aws4_request}.
 * </ul>
 */
public final class EksTokenVerifier {
    public static final String PREFIX = "k8s-aws-v1.";
    /** Hex SHA-256 of zero bytes (FIPS 180-4 test vector), the payload hash of a request without a body. */
    public static final String EMPTY_PAYLOAD_SHA256 =
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    /** The payload hash S3 presigned URLs use; STS does not accept it. */
    public static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

    private static final int MAX_TOKEN_BYTES = 4096;
    private static final Duration EKS_TOKEN_VALIDITY = Duration.ofMinutes(15);
    private static final Set<String> ALLOWED_PARAMETERS = Set.of(
            "action",
            "version",
            "x-amz-algorithm",
            "x-amz-credential",
            "x-amz-date",
            "x-amz-expires",
            "x-amz-security-token",
            "x-amz-signature",
            "x-amz-signedheaders");
    /** The headers of the request EKS makes to STS with the token's URL. */
    private static final Set<String> HEADERS_SENT_BY_EKS = Set.of("host", "x-k8s-aws-id", "accept");

    private static final Pattern REGIONAL_STS_HOST = Pattern.compile("sts\\.([a-z0-9-]+)\\.amazonaws\\.com(\\.cn)?");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private final AwsCredentials credentials;
    private final String cluster;

    private EksTokenVerifier(AwsCredentials credentials, String cluster) {
        this.credentials = credentials;
        this.cluster = cluster;
    }

    /** A verifier that knows the secret of {@code credentials}, as STS does, and sends {@code cluster}, as EKS does. */
    public static EksTokenVerifier of(AwsCredentials credentials, String cluster) {
        return new EksTokenVerifier(credentials, cluster);
    }

    /** The presigned URL inside a token, with its query decoded. */
    public record PresignedUrl(URI url, Map<String, String> query) {
        public Set<String> parameterNames() {
            return query.keySet();
        }

        public List<String> signedHeaders() {
            return List.of(query.getOrDefault("X-Amz-SignedHeaders", "").split(";"));
        }

        public Instant signedAt() {
            return LocalDateTime.parse(query.get("X-Amz-Date"), AMZ_DATE).toInstant(ZoneOffset.UTC);
        }
    }

    /** Decodes {@code token}; fails when it is not {@code k8s-aws-v1.} + base64url (without padding) of a URL. */
    public static PresignedUrl decode(String token) {
        if (!token.startsWith(PREFIX)) {
            throw new IllegalArgumentException("token lacks the prefix " + PREFIX);
        }
        String encoded = token.substring(PREFIX.length());
        if (!encoded.matches("[A-Za-z0-9_-]*")) {
            throw new IllegalArgumentException("token is not base64url without padding");
        }
        URI url = URI.create(new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8));
        Map<String, String> query = new TreeMap<>();
        for (String pair : url.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            String name = percentDecode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : percentDecode(pair.substring(eq + 1));
            if (query.put(name, value) != null) {
                throw new IllegalArgumentException("query parameter " + name + " appears more than once");
            }
        }
        return new PresignedUrl(url, query);
    }

    /**
     * Everything EKS or STS would refuse in {@code token} at {@code now}, or an empty list when both accept it. The
     * signature is recomputed over the empty body's hash, as STS does.
     */
    public List<String> problems(String token, Instant now) {
        List<String> problems = new ArrayList<>();
        if (token.getBytes(StandardCharsets.UTF_8).length > MAX_TOKEN_BYTES) {
            problems.add("token is longer than " + MAX_TOKEN_BYTES + " bytes");
        }
        PresignedUrl presigned;
        try {
            presigned = decode(token);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return problems;
        }
        URI url = presigned.url();
        Map<String, String> query = presigned.query();
        if (!"https".equals(url.getScheme())) {
            problems.add("scheme is " + url.getScheme() + ", not https");
        }
        if (!"/".equals(url.getRawPath())) {
            problems.add("path is " + url.getRawPath() + ", not /");
        }
        for (String name : query.keySet()) {
            if (!ALLOWED_PARAMETERS.contains(name.toLowerCase(Locale.ROOT))) {
                problems.add("query parameter " + name + " is not allowed");
            }
        }
        if (!"GetCallerIdentity".equals(query.get("Action"))) {
            problems.add("Action is " + query.get("Action") + ", not GetCallerIdentity");
        }
        if (!"AWS4-HMAC-SHA256".equals(query.get("X-Amz-Algorithm"))) {
            problems.add("X-Amz-Algorithm is " + query.get("X-Amz-Algorithm"));
        }
        if (!presigned.signedHeaders().contains("x-k8s-aws-id")) {
            problems.add("x-k8s-aws-id is not a signed header");
        }
        if (!presigned.signedHeaders().contains("host")) {
            problems.add("host is not a signed header");
        }
        for (String header : presigned.signedHeaders()) {
            if (!HEADERS_SENT_BY_EKS.contains(header)) {
                problems.add("signed header " + header + " is not one EKS sends");
            }
        }
        problems.addAll(expiryProblems(presigned, now));
        problems.addAll(credentialProblems(presigned));
        if (problems.isEmpty()) {
            String expected = signature(presigned, EMPTY_PAYLOAD_SHA256);
            if (!MessageDigest.isEqual(
                    expected.getBytes(StandardCharsets.US_ASCII),
                    query.get("X-Amz-Signature").getBytes(StandardCharsets.US_ASCII))) {
                problems.add("signature does not match the canonical request over the empty body"
                        + signedPayloadHash(token)
                                .map(hash -> " (it was signed over " + hash + ")")
                                .orElse(""));
            }
        }
        return problems;
    }

    /**
     * Which payload hash the token's signature covers, among the empty body's SHA-256 and {@code UNSIGNED-PAYLOAD};
     * empty when neither (another secret, another cluster, a changed parameter).
     */
    public Optional<String> signedPayloadHash(String token) {
        PresignedUrl presigned = decode(token);
        String signature = presigned.query().get("X-Amz-Signature");
        return List.of(EMPTY_PAYLOAD_SHA256, UNSIGNED_PAYLOAD).stream()
                .filter(hash -> signature(presigned, hash).equals(signature))
                .findFirst();
    }

    /** The canonical request STS builds for {@code presigned} when EKS sends it with this verifier's cluster. */
    public String canonicalRequest(PresignedUrl presigned, String payloadHash) {
        String canonicalQuery = presigned.query().entrySet().stream()
                .filter(e -> !e.getKey().equals("X-Amz-Signature"))
                .map(e -> new String[] {uriEncode(e.getKey()), uriEncode(e.getValue())})
                .sorted(Comparator.<String[], String>comparing(pair -> pair[0]).thenComparing(pair -> pair[1]))
                .map(pair -> pair[0] + "=" + pair[1])
                .collect(Collectors.joining("&"));
        StringBuilder canonicalHeaders = new StringBuilder();
        for (String header : presigned.signedHeaders()) {
            canonicalHeaders
                    .append(header)
                    .append(':')
                    .append(headerValueSentByEks(presigned.url(), header))
                    .append('\n');
        }
        return String.join(
                "\n",
                "GET",
                presigned.url().getRawPath(),
                canonicalQuery,
                canonicalHeaders.toString(),
                presigned.query().get("X-Amz-SignedHeaders"),
                payloadHash);
    }

    private String signature(PresignedUrl presigned, String payloadHash) {
        String scope = presigned.query().get("X-Amz-Credential").split("/", 2)[1];
        String[] scopeParts = scope.split("/");
        String stringToSign = String.join(
                "\n",
                "AWS4-HMAC-SHA256",
                presigned.query().get("X-Amz-Date"),
                scope,
                sha256Hex(canonicalRequest(presigned, payloadHash)));
        byte[] key = hmac(("AWS4" + credentials.secretAccessKey()).getBytes(StandardCharsets.UTF_8), scopeParts[0]);
        key = hmac(key, scopeParts[1]);
        key = hmac(key, scopeParts[2]);
        key = hmac(key, scopeParts[3]);
        return HexFormat.of().formatHex(hmac(key, stringToSign));
    }

    private String headerValueSentByEks(URI url, String header) {
        return switch (header) {
            case "host" -> url.getRawAuthority();
            case "x-k8s-aws-id" -> cluster.strip();
            case "accept" -> "application/json";
            default -> throw new IllegalArgumentException("EKS sends no header " + header);
        };
    }

    private static List<String> expiryProblems(PresignedUrl presigned, Instant now) {
        List<String> problems = new ArrayList<>();
        String expires = presigned.query().get("X-Amz-Expires");
        if (expires == null || !expires.matches("[0-9]{1,3}") || Integer.parseInt(expires) > 900) {
            problems.add("X-Amz-Expires is " + expires + ", not 0..900");
        }
        Instant signedAt;
        try {
            signedAt = presigned.signedAt();
        } catch (DateTimeParseException | NullPointerException e) {
            problems.add("X-Amz-Date is " + presigned.query().get("X-Amz-Date") + ", not yyyyMMddTHHmmssZ");
            return problems;
        }
        if (now.isAfter(signedAt.plus(EKS_TOKEN_VALIDITY))) {
            problems.add("expired: signed at " + signedAt + ", valid for 15 minutes, now " + now);
        }
        return problems;
    }

    private List<String> credentialProblems(PresignedUrl presigned) {
        List<String> problems = new ArrayList<>();
        String credential = presigned.query().getOrDefault("X-Amz-Credential", "");
        String[] parts = credential.split("/");
        if (parts.length != 5) {
            problems.add("X-Amz-Credential is " + credential + ", not key/date/region/service/aws4_request");
            return problems;
        }
        if (!parts[0].equals(credentials.accessKeyId())) {
            problems.add("access key " + parts[0] + " is not " + credentials.accessKeyId());
        }
        String date = presigned.query().getOrDefault("X-Amz-Date", "");
        if (!date.startsWith(parts[1])) {
            problems.add("scope date " + parts[1] + " is not the date of X-Amz-Date " + date);
        }
        Matcher host = REGIONAL_STS_HOST.matcher(presigned.url().getHost());
        if (!host.matches()) {
            problems.add("host " + presigned.url().getHost() + " is no regional STS host");
        } else {
            if (!host.group(1).equals(parts[2])) {
                problems.add("scope region " + parts[2] + " is not the host's region " + host.group(1));
            }
            boolean china = parts[2].startsWith("cn-");
            if (china != (host.group(2) != null)) {
                problems.add("host " + presigned.url().getHost() + " is not in the partition of " + parts[2]);
            }
        }
        if (!parts[3].equals("sts") || !parts[4].equals("aws4_request")) {
            problems.add("scope service/terminator is " + parts[3] + "/" + parts[4] + ", not sts/aws4_request");
        }
        String sessionToken = presigned.query().get("X-Amz-Security-Token");
        if (credentials instanceof AwsSessionCredentials session) {
            if (!session.sessionToken().equals(sessionToken)) {
                problems.add("X-Amz-Security-Token is not the session token of the credentials");
            }
        } else if (sessionToken != null) {
            problems.add("X-Amz-Security-Token present for credentials without a session");
        }
        return problems;
    }

    /** RFC 3986 percent-encoding as SigV4 prescribes: unreserved characters stay, every other byte is %XX. */
    private static String uriEncode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-_.~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    /** Query decoding as a server does it: {@code %XX} to bytes, {@code +} to a space. */
    private static String percentDecode(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                bytes.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
                i += 2;
            } else if (c == '+') {
                bytes.write(' ');
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

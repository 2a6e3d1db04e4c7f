package io.jenkins.plugins.awsdelivery.engine.testing.aws;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * STS on an {@link AwsEmulator} (AWS Query protocol): {@code AssumeRole} and (unsigned, as EKS IRSA calls it)
 * {@code AssumeRoleWithWebIdentity} issue session credentials that really expire, and {@code GetCallerIdentity} tells who signed (the assumed-role ARN for a session it issued). Other service emulators call {@link #checkCredentials} so
 * that a call signed with an expired or unknown session is refused with {@code ExpiredTokenException}, as AWS does.
 */
public final class StsEmulator {
    public static final String ACCOUNT = "123456789012";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();
    private static final java.util.regex.Pattern IAM_ROLE_ARN =
            java.util.regex.Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");
    private static final java.util.regex.Pattern SESSION_NAME = java.util.regex.Pattern.compile("[\\w+=,.@-]{2,64}");

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, String> sessionArns = new ConcurrentHashMap<>();
    private final List<AssumeRoleCall> assumeRoleCalls = new CopyOnWriteArrayList<>();
    private final List<WebIdentityCall> webIdentityCalls = new CopyOnWriteArrayList<>();
    private final AtomicInteger counter = new AtomicInteger();
    private volatile Duration sessionValidity;

    private StsEmulator() {}

    /** Registers STS on {@code emulator}. */
    public static StsEmulator on(AwsEmulator emulator) {
        StsEmulator sts = new StsEmulator();
        emulator.queryOperation("AssumeRole", sts::assumeRole);
        emulator.queryOperation("AssumeRoleWithWebIdentity", sts::assumeRoleWithWebIdentity);
        emulator.queryOperation("GetCallerIdentity", sts::getCallerIdentity);
        return sts;
    }

    /** Makes new sessions expire this long after they are issued, whatever duration was asked; null: as asked. */
    public void sessionValidity(Duration validity) {
        this.sessionValidity = validity;
    }

    public List<AssumeRoleCall> assumeRoleCalls() {
        return List.copyOf(assumeRoleCalls);
    }

    public List<WebIdentityCall> webIdentityCalls() {
        return List.copyOf(webIdentityCalls);
    }

    /** Every session issued so far, oldest first (for the secrets test). */
    public List<Session> sessions() {
        return sessions.values().stream()
                .sorted(java.util.Comparator.comparing(Session::issued))
                .toList();
    }

    /** Refuses a call signed by an issued session that has expired or whose token does not match. */
    public void checkCredentials(AwsEmulator.Request request) throws AwsEmulator.AwsError {
        Session session = sessions.get(request.accessKeyId());
        if (session == null) {
            return; // long-term keys of a test: accepted
        }
        if (!session.sessionToken().equals(request.header("X-Amz-Security-Token"))) {
            throw new AwsEmulator.AwsError(
                    403, "UnrecognizedClientException", "The security token included in the request is invalid");
        }
        if (Instant.now().isAfter(session.expiration())) {
            throw new AwsEmulator.AwsError(
                    400, "ExpiredTokenException", "The security token included in the request is expired");
        }
    }

    private AwsEmulator.Response assumeRole(AwsEmulator.Request request) throws AwsEmulator.AwsError {
        checkCredentials(request);
        Map<String, String> form = request.form();
        String roleArn = form.get("RoleArn");
        String sessionName = form.get("RoleSessionName");
        if (roleArn == null || sessionName == null) {
            throw new AwsEmulator.AwsError(400, "ValidationError", "RoleArn and RoleSessionName are required");
        }
        int durationSeconds = Integer.parseInt(form.getOrDefault("DurationSeconds", "3600"));
        assumeRoleCalls.add(new AssumeRoleCall(
                roleArn, sessionName, form.get("ExternalId"), durationSeconds, request.accessKeyId()));
        String xml = "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult>"
                + issue(roleArn, sessionName, durationSeconds)
                + "</AssumeRoleResult><ResponseMetadata><RequestId>" + java.util.UUID.randomUUID()
                + "</RequestId></ResponseMetadata></AssumeRoleResponse>";
        return AwsEmulator.Response.xml(xml);
    }

    /**
     * {@code AssumeRoleWithWebIdentity}, which AWS serves unsigned (see {@link AwsEmulator#UNSIGNED_QUERY_ACTIONS}): the
     * token is not verified against an identity provider, only required to be a JWT; its {@code sub}, {@code aud} and
     * {@code iss} claims are answered as {@code SubjectFromWebIdentityToken}, {@code Audience} and {@code Provider}.
     * Errors never repeat the token, as AWS's do not.
     */
    private AwsEmulator.Response assumeRoleWithWebIdentity(AwsEmulator.Request request) throws AwsEmulator.AwsError {
        Map<String, String> form = request.form();
        String roleArn = form.get("RoleArn");
        String sessionName = form.get("RoleSessionName");
        String token = form.get("WebIdentityToken");
        int durationSeconds = Integer.parseInt(form.getOrDefault("DurationSeconds", "3600"));
        webIdentityCalls.add(new WebIdentityCall(roleArn, sessionName, token, durationSeconds));
        if (roleArn == null || !IAM_ROLE_ARN.matcher(roleArn).matches()) {
            throw new AwsEmulator.AwsError(
                    400,
                    "ValidationError",
                    "RoleArn is not the ARN of an IAM role: arn:aws:iam::<account>:role/<name>");
        }
        if (sessionName == null || !SESSION_NAME.matcher(sessionName).matches()) {
            throw new AwsEmulator.AwsError(
                    400, "ValidationError", "RoleSessionName must be 2 to 64 characters of [\\w+=,.@-]");
        }
        Map<String, String> claims = jwtClaims(token);
        String xml = "<AssumeRoleWithWebIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                + "<AssumeRoleWithWebIdentityResult>"
                + issue(roleArn, sessionName, durationSeconds)
                + "<SubjectFromWebIdentityToken>" + AwsEmulator.escapeXml(claims.get("sub"))
                + "</SubjectFromWebIdentityToken><Provider>" + AwsEmulator.escapeXml(claims.get("iss"))
                + "</Provider><Audience>" + AwsEmulator.escapeXml(claims.get("aud")) + "</Audience>"
                + "</AssumeRoleWithWebIdentityResult><ResponseMetadata><RequestId>" + java.util.UUID.randomUUID()
                + "</RequestId></ResponseMetadata></AssumeRoleWithWebIdentityResponse>";
        return AwsEmulator.Response.xml(xml);
    }

    /**
     * A token shaped as EKS IRSA's projected service account token (a JWT with {@code iss}, {@code sub}, {@code aud});
     * its signature is random, as the emulator does not verify it.
     */
    public static String jwt(String issuer, String subject, String audience) {
        java.util.Base64.Encoder base64 = java.util.Base64.getUrlEncoder().withoutPadding();
        try {
            String header = base64.encodeToString(
                    JSON.writeValueAsBytes(Map.of("alg", "RS256", "kid", "emulator", "typ", "JWT")));
            String payload = base64.encodeToString(JSON.writeValueAsBytes(Map.of(
                    "iss", issuer,
                    "sub", subject,
                    "aud", audience,
                    "exp", Instant.now().plus(Duration.ofHours(1)).getEpochSecond())));
            byte[] signature = new byte[256];
            RANDOM.nextBytes(signature);
            return header + "." + payload + "." + base64.encodeToString(signature);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The {@code sub}, {@code aud} and {@code iss} claims of a JWT; {@code InvalidIdentityToken} for anything else. */
    private static Map<String, String> jwtClaims(String token) throws AwsEmulator.AwsError {
        AwsEmulator.AwsError invalid = new AwsEmulator.AwsError(
                400,
                "InvalidIdentityToken",
                "The web identity token that was passed could not be validated by Amazon Web Services."
                        + " Get a new identity token from the identity provider and then retry the request.");
        String[] parts = token == null ? new String[0] : token.split("\\.", -1);
        if (parts.length != 3) {
            throw invalid;
        }
        try {
            com.fasterxml.jackson.databind.JsonNode payload =
                    JSON.readTree(java.util.Base64.getUrlDecoder().decode(parts[1]));
            Map<String, String> claims = new java.util.HashMap<>();
            for (String claim : List.of("sub", "aud", "iss")) {
                if (!payload.path(claim).isTextual()) {
                    throw invalid;
                }
                claims.put(claim, payload.path(claim).asText());
            }
            return claims;
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw invalid;
        }
    }

    /**
     * Issues a session for {@code sessionName} in {@code roleArn} and answers its {@code Credentials} and
     * {@code AssumedRoleUser} elements, the part that {@code AssumeRole} and {@code AssumeRoleWithWebIdentity} share.
     */
    private String issue(String roleArn, String sessionName, int durationSeconds) {
        Duration validity = sessionValidity != null ? sessionValidity : Duration.ofSeconds(durationSeconds);
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        Session session = new Session(
                "ASIAEMULATOR" + String.format("%08d", counter.incrementAndGet()),
                random(20),
                "FQoGZXIvYXdzE" + random(40),
                now,
                now.plus(validity));
        sessions.put(session.accessKeyId(), session);
        String role = roleArn.substring(roleArn.lastIndexOf('/') + 1);
        sessionArns.put(session.accessKeyId(), "arn:aws:sts::" + ACCOUNT + ":assumed-role/" + role + "/" + sessionName);
        return "<Credentials><AccessKeyId>" + session.accessKeyId() + "</AccessKeyId><SecretAccessKey>"
                + session.secretAccessKey() + "</SecretAccessKey><SessionToken>" + session.sessionToken()
                + "</SessionToken><Expiration>" + session.expiration() + "</Expiration></Credentials>"
                + "<AssumedRoleUser><Arn>arn:aws:sts::" + ACCOUNT + ":assumed-role/" + AwsEmulator.escapeXml(role)
                + "/" + AwsEmulator.escapeXml(sessionName) + "</Arn><AssumedRoleId>AROAEMULATOR:"
                + AwsEmulator.escapeXml(sessionName) + "</AssumedRoleId></AssumedRoleUser>";
    }

    private AwsEmulator.Response getCallerIdentity(AwsEmulator.Request request) throws AwsEmulator.AwsError {
        checkCredentials(request);
        String xml = "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                + "<GetCallerIdentityResult><Arn>"
                + AwsEmulator.escapeXml(callerArn(request.accessKeyId()))
                + "</Arn><UserId>"
                + AwsEmulator.escapeXml(request.accessKeyId()) + "</UserId><Account>" + ACCOUNT
                + "</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>" + java.util.UUID.randomUUID()
                + "</RequestId></ResponseMetadata></GetCallerIdentityResponse>";
        return AwsEmulator.Response.xml(xml);
    }

    /**
     * Who {@code GetCallerIdentity} says signed with {@code accessKeyId}: the assumed-role ARN of a session this
     * emulator issued, else the emulator's IAM user (long-term keys of a test).
     */
    public String callerArn(String accessKeyId) {
        return sessionArns.getOrDefault(accessKeyId, "arn:aws:iam::" + ACCOUNT + ":user/emulator");
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }

    /** An {@code AssumeRole} call as received: who asked ({@code callerAccessKeyId}) for which role and session. */
    public record AssumeRoleCall(
            String roleArn, String roleSessionName, String externalId, int durationSeconds, String callerAccessKeyId) {}

    /** An {@code AssumeRoleWithWebIdentity} call as received (unsigned), refused or not, with the token it carried. */
    public record WebIdentityCall(
            String roleArn, String roleSessionName, String webIdentityToken, int durationSeconds) {}

    /** Session credentials the emulator issued. */
    public record Session(
            String accessKeyId, String secretAccessKey, String sessionToken, Instant issued, Instant expiration) {
        @Override
        public String toString() {
            return "Session{" + accessKeyId + ", expires " + expiration + "}";
        }
    }
}

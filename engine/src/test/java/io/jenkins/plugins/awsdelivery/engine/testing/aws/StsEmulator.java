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
 * STS on an {@link AwsEmulator} (AWS Query protocol): {@code AssumeRole} issues session credentials that really
 * expire, and {@code GetCallerIdentity} tells who signed (the assumed-role ARN for a session it issued). Other service emulators call {@link #checkCredentials} so
 * that a call signed with an expired or unknown session is refused with {@code ExpiredTokenException}, as AWS does.
 */
public final class StsEmulator {
    public static final String ACCOUNT = "123456789012";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, String> sessionArns = new ConcurrentHashMap<>();
    private final List<AssumeRoleCall> assumeRoleCalls = new CopyOnWriteArrayList<>();
    private final AtomicInteger counter = new AtomicInteger();
    private volatile Duration sessionValidity;

    private StsEmulator() {}

    /** Registers STS on {@code emulator}. */
    public static StsEmulator on(AwsEmulator emulator) {
        StsEmulator sts = new StsEmulator();
        emulator.queryOperation("AssumeRole", sts::assumeRole);
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
        String xml = "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult>"
                + "<Credentials><AccessKeyId>" + session.accessKeyId() + "</AccessKeyId><SecretAccessKey>"
                + session.secretAccessKey() + "</SecretAccessKey><SessionToken>" + session.sessionToken()
                + "</SessionToken><Expiration>" + session.expiration() + "</Expiration></Credentials>"
                + "<AssumedRoleUser><Arn>arn:aws:sts::" + ACCOUNT + ":assumed-role/" + AwsEmulator.escapeXml(role)
                + "/" + AwsEmulator.escapeXml(sessionName) + "</Arn><AssumedRoleId>AROAEMULATOR:"
                + AwsEmulator.escapeXml(sessionName) + "</AssumedRoleId></AssumedRoleUser>"
                + "</AssumeRoleResult><ResponseMetadata><RequestId>" + java.util.UUID.randomUUID()
                + "</RequestId></ResponseMetadata></AssumeRoleResponse>";
        return AwsEmulator.Response.xml(xml);
    }

    private AwsEmulator.Response getCallerIdentity(AwsEmulator.Request request) throws AwsEmulator.AwsError {
        checkCredentials(request);
        String xml = "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                + "<GetCallerIdentityResult><Arn>"
                + AwsEmulator.escapeXml(
                        sessionArns.getOrDefault(request.accessKeyId(), "arn:aws:iam::" + ACCOUNT + ":user/emulator"))
                + "</Arn><UserId>"
                + AwsEmulator.escapeXml(request.accessKeyId()) + "</UserId><Account>" + ACCOUNT
                + "</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>" + java.util.UUID.randomUUID()
                + "</RequestId></ResponseMetadata></GetCallerIdentityResponse>";
        return AwsEmulator.Response.xml(xml);
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }

    /** An {@code AssumeRole} call as received: who asked ({@code callerAccessKeyId}) for which role and session. */
    public record AssumeRoleCall(
            String roleArn, String roleSessionName, String externalId, int durationSeconds, String callerAccessKeyId) {}

    /** Session credentials the emulator issued. */
    public record Session(
            String accessKeyId, String secretAccessKey, String sessionToken, Instant issued, Instant expiration) {
        @Override
        public String toString() {
            return "Session{" + accessKeyId + ", expires " + expiration + "}";
        }
    }
}

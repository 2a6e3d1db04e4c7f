package io.jenkins.plugins.awsdelivery.engine.kube.eks;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Test helper: decodes an EKS token into its presigned STS URL and checks its SigV4 signature the way STS does,
 * computed independently of the code under test (canonical request, string to sign, HMAC key chain).
 */
public final class PresignedTokenUrl {
    public final URI url;
    public final Map<String, String> query;

    private PresignedTokenUrl(URI url, Map<String, String> query) {
        this.url = url;
        this.query = query;
    }

    public static PresignedTokenUrl decode(String token) {
        assertThat(token).startsWith("k8s-aws-v1.");
        String encoded = token.substring("k8s-aws-v1.".length());
        assertThat(encoded).doesNotContain("=").doesNotContain("+").doesNotContain("/");
        URI url = URI.create(new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8));
        Map<String, String> query = new TreeMap<>();
        for (String pair : url.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            query.put(
                    URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return new PresignedTokenUrl(url, query);
    }

    /** The signature STS would compute for this URL with {@code secretKey} and header {@code x-k8s-aws-id}. */
    public String expectedSignature(String secretKey, String cluster) {
        String amzDate = query.get("X-Amz-Date");
        String[] scope = query.get("X-Amz-Credential").split("/", 2)[1].split("/");
        String canonicalQuery = query.entrySet().stream()
                .filter(e -> !e.getKey().equals("X-Amz-Signature"))
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        String canonicalRequest = String.join(
                "\n",
                "GET",
                "/",
                canonicalQuery,
                "host:" + url.getHost(),
                "x-k8s-aws-id:" + cluster,
                "",
                query.get("X-Amz-SignedHeaders"),
                "UNSIGNED-PAYLOAD");
        String stringToSign = String.join(
                "\n",
                "AWS4-HMAC-SHA256",
                amzDate,
                String.join("/", scope),
                Digest.sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)).hex());
        byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), scope[0]);
        key = hmac(key, scope[1]);
        key = hmac(key, scope[2]);
        key = hmac(key, "aws4_request");
        return HexFormat.of().formatHex(hmac(key, stringToSign));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("*", "%2A")
                .replace("%7E", "~");
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

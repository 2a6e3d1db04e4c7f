package io.jenkins.plugins.awsdelivery.engine.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ValidationTest {

    @Test
    void reference_acceptsARegistryPortAndDigest_andRefusesUpperCaseNamingTheParameter() {
        assertThat(Validation.reference("source", "localhost:5000/shop/web@sha256:" + "a".repeat(64)))
                .isEmpty();
        assertThat(Validation.reference("source", "localhost:5000/Shop/web"))
                .get()
                .asString()
                .startsWith("source: ");
    }

    @Test
    void digestOf_givesTheDigestOfAPinnedReferenceOnly() {
        String digest = "sha256:" + "b".repeat(64);

        assertThat(Validation.digestOf("registry.test/app:1@" + digest)).contains(digest);
        assertThat(Validation.digestOf("registry.test/app:1")).isEmpty();
        assertThat(Validation.digestOf("not a reference")).isEmpty();
    }

    @Test
    void digestOf_aDigestOnItsOwn_isThatDigest() {
        // The example digest of the OCI image spec (descriptor.md).
        String digest = "sha256:6c3c624b58dbbcd3c0dd82b4c53f04194d1247c6eebdaab7c610cf7d66709b3b";

        assertThat(Validation.digestOf(digest)).contains(digest);
        assertThat(Validation.digest("digest", " " + digest + " ")).isEmpty();
    }

    @Test
    void digest_aTagOnlyReferenceOrAShortDigest_isRefusedNamingTheParameter() {
        assertThat(Validation.digest("source", "registry.test/app:1"))
                .get()
                .asString()
                .startsWith("source: ")
                .contains("pins no digest");
        assertThat(Validation.digest("digest", "sha256:abc"))
                .get()
                .asString()
                .startsWith("digest: ")
                .contains("64");
    }

    @Test
    void duration_regionAndRoleArn_nameTheParameterAndAcceptBlankOptionalValues() {
        assertThat(Validation.duration("timeout", "1h30m")).isEmpty();
        assertThat(Validation.duration("timeout", "soon")).get().asString().startsWith("timeout: ");
        assertThat(Validation.region("region", "")).isEmpty();
        assertThat(Validation.region("region", "eu-west-1")).isEmpty();
        assertThat(Validation.region("region", "Europe")).get().asString().startsWith("region: ");
        assertThat(Validation.roleArn("roleArn", "arn:aws:iam::123456789012:role/deployer"))
                .isEmpty();
        assertThat(Validation.roleArn("roleArn", "arn:aws:iam::123456789012:user/me"))
                .get()
                .asString()
                .startsWith("roleArn: ");
    }
}

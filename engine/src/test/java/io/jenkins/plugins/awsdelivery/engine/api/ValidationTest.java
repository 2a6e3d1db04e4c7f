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

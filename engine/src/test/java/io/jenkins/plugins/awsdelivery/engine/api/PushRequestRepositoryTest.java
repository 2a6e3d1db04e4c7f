package io.jenkins.plugins.awsdelivery.engine.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Which {@code repository} values the {@code ecrPush} step sends to another registry rather than to ECR. The expected
 * values follow distribution/reference's {@code splitDockerDomain}: the part before the first slash is a registry when
 * it holds a dot or a colon or is {@code localhost}; upstream also counts capitals, which we leave to ECR's name check.
 */
class PushRequestRepositoryTest {

    @Test
    void namesRegistry_aDotAColonOrLocalhostBeforeTheFirstSlash_isARegistry() {
        assertThat(PushRequest.namesRegistry("registry.example.com/team/app")).isTrue();
        assertThat(PushRequest.namesRegistry("localhost:5000/app")).isTrue();
        assertThat(PushRequest.namesRegistry("localhost/app")).isTrue();
        assertThat(PushRequest.namesRegistry("10.0.0.7:5000/app")).isTrue();
        assertThat(PushRequest.namesRegistry("[::1]:5000/app")).isTrue();
        assertThat(PushRequest.namesRegistry("111111111111.dkr.ecr.eu-west-1.amazonaws.com/team/app"))
                .isTrue();
    }

    @Test
    void namesRegistry_anEcrRepositoryName_isNotARegistry() {
        assertThat(PushRequest.namesRegistry("team/app")).isFalse();
        assertThat(PushRequest.namesRegistry("app")).isFalse();
        assertThat(PushRequest.namesRegistry("app.v2"))
                .as("a dot without a slash is part of the name")
                .isFalse();
        assertThat(PushRequest.namesRegistry("team/app.v2")).isFalse();
        assertThat(PushRequest.namesRegistry(null)).isFalse();
    }

    @Test
    void namesRegistry_capitalsAlone_leaveItAnEcrNameForEcrsNamingError() {
        assertThat(PushRequest.namesRegistry("Team/app")).isFalse();
    }
}

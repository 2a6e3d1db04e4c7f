package io.jenkins.plugins.awsdelivery.engine.promote;

import static io.jenkins.plugins.awsdelivery.engine.testing.registry.ReferrerFixtures.tagSchemaTag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.awsdelivery.engine.DeliveryException;
import io.jenkins.plugins.awsdelivery.engine.reference.ImageReference;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.ImageFixtures;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.LocalRegistry;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.PushedImage;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.ReferrerFixtures;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.ReferrerFixtures.Pushed;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.ReferrersApiRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The OCI 1.1 referrers API on either side, through {@link ReferrersApiRegistry} (a stand-in serving "Listing
 * Referrers" and answering {@code OCI-Subject}, in front of a real distribution 2.8), and a destination that refuses
 * manifests with a subject.
 */
class PromoteReferrersApiTest {
    @RegisterExtension
    static final LocalRegistry sourceRegistry = new LocalRegistry();

    @RegisterExtension
    static final LocalRegistry destinationRegistry = new LocalRegistry();

    private static final AtomicInteger repositories = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String repository = "team/api" + repositories.incrementAndGet();
    private final List<ReferrersApiRegistry> standIns = new ArrayList<>();

    @AfterEach
    void stopStandIns() {
        standIns.forEach(ReferrersApiRegistry::close);
    }

    @Test
    void promote_fromARegistryWithReferrersApi_findsTheReferrersThroughIt() {
        ReferrersApiRegistry withApi = standIn(ReferrersApiRegistry.of(sourceRegistry));
        ImageFixtures images = fixturesFor(withApi);
        PushedImage image = images.pushOciImage(repository, "1.0", 1, 1_000);
        Pushed sbom = new ReferrerFixtures(images, withApi.hostPort())
                .pushSbom(repository, ReferrerFixtures.subject(image, images.manifestBytes(repository, "1.0")));

        PromoteResult result =
                promote(withApi.reference(repository + ":1.0"), destinationRegistry.reference(repository + ":1.0"));

        // Only the API knows of the SBOM: the source has no tag schema index.
        assertThat(new ImageFixtures(sourceRegistry).tagDigest(repository, tagSchemaTag(image.digest())))
                .isEmpty();
        assertThat(withApi.requests()).contains("GET /v2/" + repository + "/referrers/" + image.digest());
        assertThat(result.referrers()).extracting(CopiedReferrer::digest).containsExactly(sbom.digest());
        assertThat(new ImageFixtures(destinationRegistry)
                        .manifestBytes(repository, sbom.digest().toString()))
                .isEqualTo(sbom.bytes());
    }

    @Test
    void promote_toARegistryWithReferrersApi_writesTheSubjectAndNoTagSchemaIndex() throws Exception {
        PushedImage image = new ImageFixtures(sourceRegistry).pushOciImage(repository, "1.0", 1, 1_000);
        Pushed sbom = sbomInTagSchema(image);
        ReferrersApiRegistry withApi = standIn(ReferrersApiRegistry.of(destinationRegistry));

        PromoteResult result = promote(image.reference(), withApi.reference(repository + ":1.0"));

        assertThat(result.toMap().get("referrers"))
                .asList()
                .containsExactly(java.util.Map.of(
                        "digest",
                        sbom.digest().toString(),
                        "artifactType",
                        ReferrerFixtures.SPDX,
                        "mediaType",
                        ImageFixtures.OCI_MANIFEST,
                        "how",
                        "api"));
        JsonNode listed = referrersListedBy(withApi, image.digest().toString());
        assertThat(listed.path("manifests").get(0).path("digest").asText())
                .isEqualTo(sbom.digest().toString());
        assertThat(new ImageFixtures(destinationRegistry).tagDigest(repository, tagSchemaTag(image.digest())))
                .isEmpty();
    }

    @Test
    void promote_whenTheDestinationRefusesSubjects_failsNamingTheReferrerAndLeavesTheTagUnwritten() {
        PushedImage image = new ImageFixtures(sourceRegistry).pushOciImage(repository, "1.0", 1, 1_000);
        Pushed sbom = sbomInTagSchema(image);
        ReferrersApiRegistry refusing = standIn(ReferrersApiRegistry.refusingSubject(destinationRegistry));

        assertThatThrownBy(() -> promote(image.reference(), refusing.reference(repository + ":1.0")))
                .isInstanceOf(DeliveryException.class)
                .hasMessageContaining(sbom.digest().toString())
                .hasMessageContaining(ReferrerFixtures.SPDX)
                .hasMessageContaining("405")
                .hasMessageContaining("referrers");
        assertThat(new ImageFixtures(destinationRegistry).tagDigest(repository, "1.0"))
                .isEmpty();
    }

    @Test
    void promote_whenTheDestinationRefusesSubjects_succeedsWithReferrersNone() {
        PushedImage image = new ImageFixtures(sourceRegistry).pushOciImage(repository, "1.0", 1, 1_000);
        sbomInTagSchema(image);
        ReferrersApiRegistry refusing = standIn(ReferrersApiRegistry.refusingSubject(destinationRegistry));

        new Promoter()
                .promote(PromoteRequest.builder()
                        .source(ImageReference.parse(image.reference()))
                        .destination(ImageReference.parse(refusing.reference(repository + ":1.0")))
                        .referrers(ReferrerSelection.none())
                        .build());

        assertThat(new ImageFixtures(destinationRegistry).tagDigest(repository, "1.0"))
                .contains(image.digest());
    }

    /** An SPDX SBOM of {@code image} at the source, listed in its referrers tag schema index. */
    private Pushed sbomInTagSchema(PushedImage image) {
        ImageFixtures images = new ImageFixtures(sourceRegistry);
        ReferrerFixtures artifacts = new ReferrerFixtures(images, sourceRegistry.hostPort());
        Pushed sbom = artifacts.pushSbom(
                repository, ReferrerFixtures.subject(image, images.manifestBytes(repository, "1.0")));
        artifacts.pushTagSchemaIndex(repository, image.digest(), List.of(sbom));
        return sbom;
    }

    private static PromoteResult promote(String source, String destination) {
        return new Promoter()
                .promote(PromoteRequest.builder()
                        .source(ImageReference.parse(source))
                        .destination(ImageReference.parse(destination))
                        .build());
    }

    private ReferrersApiRegistry standIn(ReferrersApiRegistry registry) {
        standIns.add(registry);
        return registry;
    }

    private static ImageFixtures fixturesFor(ReferrersApiRegistry registry) {
        return new ImageFixtures(registry.hostPort(), registry.url(), null, null, null);
    }

    private JsonNode referrersListedBy(ReferrersApiRegistry registry, String digest) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create(registry.url() + "/v2/" + repository + "/referrers/" + digest))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}

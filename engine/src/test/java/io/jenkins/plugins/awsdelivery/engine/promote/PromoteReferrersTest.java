package io.jenkins.plugins.awsdelivery.engine.promote;

import static io.jenkins.plugins.awsdelivery.engine.testing.registry.ReferrerFixtures.cosignTag;
import static io.jenkins.plugins.awsdelivery.engine.testing.registry.ReferrerFixtures.tagSchemaTag;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import io.jenkins.plugins.awsdelivery.engine.reference.ImageReference;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.ImageFixtures;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.LocalRegistry;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.PushedImage;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.ReferrerFixtures;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.ReferrerFixtures.Pushed;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.Skopeo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Signatures, SBOMs and attestations travel with a promoted image, between two real registries without the referrers
 * API (Debian's distribution 2.8): found through the referrers tag schema and cosign's tags at the source, written
 * there the same way at the destination, byte for byte.
 */
class PromoteReferrersTest {
    @RegisterExtension
    static final LocalRegistry sourceRegistry = new LocalRegistry();

    @RegisterExtension
    static final LocalRegistry destinationRegistry = new LocalRegistry();

    private static final AtomicInteger repositories = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ImageFixtures source = new ImageFixtures(sourceRegistry);
    private final ImageFixtures destination = new ImageFixtures(destinationRegistry);
    private final ReferrerFixtures artifacts = new ReferrerFixtures(source, sourceRegistry.hostPort());
    private final String repository = "team/signed" + repositories.incrementAndGet();

    /** An image with an SBOM and a sigstore bundle (tag schema), a cosign signature, and a cosign signature of the SBOM. */
    private final class SignedImage {
        final PushedImage image = source.pushOciImage(repository, "1.0", 2, 2_000);
        final Pushed subject = ReferrerFixtures.subject(image, source.manifestBytes(repository, "1.0"));
        final Pushed sbom = artifacts.pushSbom(repository, subject);
        final Pushed bundle = artifacts.pushSigstoreBundle(repository, subject);
        final Pushed tagSchema = artifacts.pushTagSchemaIndex(repository, image.digest(), List.of(sbom, bundle));
        final Pushed signature = artifacts.pushCosignSignature(repository, image.digest());
        final Pushed sbomSignature = artifacts.pushCosignSignature(repository, sbom.digest());
    }

    @Test
    void promote_ofASignedImage_copiesEveryReferrerByteIdenticalWithItsBlobs() {
        SignedImage signed = new SignedImage();

        new Promoter().promote(request(signed.image.reference(), "1.0").build());

        for (Pushed referrer : List.of(signed.sbom, signed.bundle, signed.signature, signed.sbomSignature)) {
            assertThat(destination.manifestBytes(repository, referrer.digest().toString()))
                    .as("manifest of %s", referrer.artifactType())
                    .isEqualTo(referrer.bytes());
            for (Digest blob : referrer.blobs()) {
                assertThat(destination.blobExists(repository, blob))
                        .as("blob %s", blob)
                        .isTrue();
            }
        }
        assertThat(destination.tagDigest(repository, "1.0")).contains(signed.image.digest());
    }

    @Test
    void promote_ofASignedImage_keepsCosignSignaturesUnderTheirTagsAsSkopeoSees() {
        SignedImage signed = new SignedImage();

        new Promoter().promote(request(signed.image.reference(), "1.0").build());

        String imageSignature =
                destinationRegistry.reference(repository + ":" + cosignTag(signed.image.digest(), ".sig"));
        String sbomSignature =
                destinationRegistry.reference(repository + ":" + cosignTag(signed.sbom.digest(), ".sig"));
        assertThat(Skopeo.rawManifestDigest(imageSignature)).isEqualTo(signed.signature.digest());
        assertThat(Skopeo.rawManifestDigest(sbomSignature)).isEqualTo(signed.sbomSignature.digest());
    }

    @Test
    void promote_toARegistryWithoutReferrersApi_listsTheReferrersInTheTagSchemaIndex() throws IOException {
        SignedImage signed = new SignedImage();

        new Promoter().promote(request(signed.image.reference(), "1.0").build());

        JsonNode index = JSON.readTree(destination.manifestBytes(repository, tagSchemaTag(signed.image.digest())));
        assertThat(index.path("mediaType").asText()).isEqualTo(ImageFixtures.OCI_INDEX);
        assertThat(entries(index)).containsExactlyInAnyOrder(entry(signed.sbom), entry(signed.bundle));
    }

    @Test
    void promote_ofASignedImage_reportsEachReferrerAndHowItWasWritten() {
        SignedImage signed = new SignedImage();

        Map<String, Object> result = new Promoter()
                .promote(request(signed.image.reference(), "1.0").build())
                .toMap();

        assertThat(result).containsEntry("digest", signed.image.digest().toString());
        assertThat(result.get("referrers"))
                .asList()
                .containsExactlyInAnyOrder(
                        reported(signed.sbom, ReferrerFixtures.SPDX, "tag-schema"),
                        reported(signed.bundle, ReferrerFixtures.SIGSTORE_BUNDLE, "tag-schema"),
                        reported(signed.signature, ReferrerFixtures.COSIGN_SIMPLE_SIGNING, "cosign-tag"),
                        reported(signed.sbomSignature, ReferrerFixtures.COSIGN_SIMPLE_SIGNING, "cosign-tag"));
    }

    @Test
    void promote_whenTheDestinationAlreadyListsReferrers_keepsThemInTheMergedTagSchemaIndex() throws IOException {
        SignedImage signed = new SignedImage();
        ReferrerFixtures atDestination = new ReferrerFixtures(destination, destinationRegistry.hostPort());
        Pushed approval = atDestination.pushArtifact(
                repository,
                signed.subject,
                "application/vnd.example.approval+json",
                "{\"approvedBy\":\"release-manager\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                Map.of());
        atDestination.pushTagSchemaIndex(repository, signed.image.digest(), List.of(approval));

        new Promoter().promote(request(signed.image.reference(), "1.0").build());

        JsonNode index = JSON.readTree(destination.manifestBytes(repository, tagSchemaTag(signed.image.digest())));
        assertThat(entries(index)).containsExactlyInAnyOrder(entry(approval), entry(signed.sbom), entry(signed.bundle));
    }

    @Test
    void promote_repeated_changesNothingAndReportsTheSameReferrers() throws IOException {
        SignedImage signed = new SignedImage();
        PromoteResult first =
                new Promoter().promote(request(signed.image.reference(), "1.0").build());
        Digest indexBefore = destination
                .tagDigest(repository, tagSchemaTag(signed.image.digest()))
                .orElseThrow();

        PromoteResult second =
                new Promoter().promote(request(signed.image.reference(), "1.0").build());

        assertThat(second.referrers()).hasSize(4);
        assertThat(second.toMap().get("referrers")).isEqualTo(first.toMap().get("referrers"));
        assertThat(second.blobsCopied()).isZero();
        assertThat(destination.tagDigest(repository, tagSchemaTag(signed.image.digest())))
                .contains(indexBefore);
    }

    @Test
    void promote_withReferrersNone_copiesNoReferrer() {
        SignedImage signed = new SignedImage();

        PromoteResult result = new Promoter()
                .promote(request(signed.image.reference(), "1.0")
                        .referrers(ReferrerSelection.none())
                        .build());

        assertThat(result.referrers()).isEmpty();
        assertThat(destination.tagDigest(repository, "1.0")).contains(signed.image.digest());
        assertThat(destination.tagDigest(repository, tagSchemaTag(signed.image.digest())))
                .isEmpty();
        assertThat(destination.tagDigest(repository, cosignTag(signed.image.digest(), ".sig")))
                .isEmpty();
    }

    @Test
    void promote_withAnArtifactType_copiesOnlyReferrersOfThatType() {
        SignedImage signed = new SignedImage();

        PromoteResult result = new Promoter()
                .promote(request(signed.image.reference(), "1.0")
                        .referrers(ReferrerSelection.parse("referrers", List.of(ReferrerFixtures.SPDX)))
                        .build());

        assertThat(result.referrers()).extracting(CopiedReferrer::digest).containsExactly(signed.sbom.digest());
        assertThat(destination.tagDigest(repository, cosignTag(signed.image.digest(), ".sig")))
                .isEmpty();
        assertThat(destination.tagDigest(repository, cosignTag(signed.sbom.digest(), ".sig")))
                .isEmpty();
    }

    @Test
    void dryRun_reportsTheReferrersItWouldCopy_andWritesNothing() {
        SignedImage signed = new SignedImage();

        PromoteResult result = new Promoter()
                .promote(request(signed.image.reference(), "1.0").dryRun(true).build());

        assertThat(result.toMap().get("referrers"))
                .asList()
                .containsExactlyInAnyOrder(
                        reported(signed.sbom, ReferrerFixtures.SPDX, "tag-schema"),
                        reported(signed.bundle, ReferrerFixtures.SIGSTORE_BUNDLE, "tag-schema"),
                        reported(signed.signature, ReferrerFixtures.COSIGN_SIMPLE_SIGNING, "cosign-tag"),
                        reported(signed.sbomSignature, ReferrerFixtures.COSIGN_SIMPLE_SIGNING, "cosign-tag"));
        assertThat(destination.tagDigest(repository, "1.0")).isEmpty();
        assertThat(destination.tagDigest(repository, tagSchemaTag(signed.image.digest())))
                .isEmpty();
        assertThat(destination.tagDigest(repository, cosignTag(signed.image.digest(), ".sig")))
                .isEmpty();
    }

    @Test
    void promote_ofAnIndex_copiesTheReferrersOfItsChildManifests() throws IOException {
        PushedImage index = source.pushOciIndex(repository, "2.0", 1_000);
        Digest amd64 = index.children().get(0);
        byte[] amd64Bytes = source.manifestBytes(repository, amd64.toString());
        Pushed child = new Pushed(amd64, ImageFixtures.OCI_MANIFEST, amd64Bytes, null, Map.of(), List.of());
        Pushed sbom = artifacts.pushSbom(repository, child);
        artifacts.pushTagSchemaIndex(repository, amd64, List.of(sbom));

        PromoteResult result =
                new Promoter().promote(request(index.reference(), "2.0").build());

        assertThat(result.referrers()).extracting(CopiedReferrer::digest).containsExactly(sbom.digest());
        assertThat(destination.manifestBytes(repository, sbom.digest().toString()))
                .isEqualTo(sbom.bytes());
        JsonNode listed = JSON.readTree(destination.manifestBytes(repository, tagSchemaTag(amd64)));
        assertThat(entries(listed)).containsExactly(entry(sbom));
    }

    private PromoteRequest.Builder request(String sourceReference, String tag) {
        return PromoteRequest.builder()
                .source(ImageReference.parse(sourceReference))
                .destination(ImageReference.parse(destinationRegistry.reference(repository + ":" + tag)));
    }

    private static Map<String, Object> reported(Pushed referrer, String artifactType, String how) {
        return Map.of(
                "digest",
                referrer.digest().toString(),
                "artifactType",
                artifactType,
                "mediaType",
                referrer.mediaType(),
                "how",
                how);
    }

    /** What the spec says an entry of the tag schema index holds for a manifest. */
    private static Map<String, Object> entry(Pushed referrer) {
        return Map.of(
                "mediaType", referrer.mediaType(),
                "digest", referrer.digest().toString(),
                "size", (long) referrer.size(),
                "artifactType", referrer.artifactType(),
                "annotations", referrer.annotations());
    }

    private static List<Map<String, Object>> entries(JsonNode index) {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (JsonNode entry : index.path("manifests")) {
            Map<String, String> annotations = new java.util.TreeMap<>();
            entry.path("annotations")
                    .fields()
                    .forEachRemaining(
                            f -> annotations.put(f.getKey(), f.getValue().asText()));
            entries.add(Map.of(
                    "mediaType", entry.path("mediaType").asText(),
                    "digest", entry.path("digest").asText(),
                    "size", entry.path("size").asLong(),
                    "artifactType", entry.path("artifactType").asText(),
                    "annotations", annotations));
        }
        return entries;
    }
}

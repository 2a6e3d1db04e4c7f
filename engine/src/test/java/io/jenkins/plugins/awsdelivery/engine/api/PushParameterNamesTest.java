package io.jenkins.plugins.awsdelivery.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ECR repository name the ECR layer refuses is reported under the request's {@code ecrRepository}, as the front end
 * names it: the {@code ecrPush} step maps it to its {@code repository} parameter, the CLI to {@code --ecr-repository}.
 * Refused before any AWS or docker call.
 */
class PushParameterNamesTest {

    @TempDir
    Path workspace;

    @Test
    void push_anEcrRepositoryNameWithACapital_isRefusedUnderTheNameTheFrontEndGave() throws Exception {
        Files.writeString(workspace.resolve("Dockerfile"), "FROM scratch\n");
        DeliveryContext context =
                DeliveryContext.builder().workingDirectory(workspace).build();

        InvalidParameterException apiNames = catchThrowableOfType(
                InvalidParameterException.class,
                () -> Delivery.push(context, request().build()));
        InvalidParameterException stepNames = catchThrowableOfType(
                InvalidParameterException.class,
                () -> Delivery.push(
                        context,
                        request()
                                .names(ParameterNames.of(Map.of("ecrRepository", "repository")))
                                .build()));

        assertThat(apiNames.parameter()).isEqualTo("ecrRepository");
        assertThat(apiNames.getMessage())
                .startsWith("ecrRepository: \"Team/app\" is not an ECR repository name")
                .contains("lower-case");
        assertThat(stepNames.parameter()).isEqualTo("repository");
        assertThat(stepNames.getMessage()).startsWith("repository: \"Team/app\" is not an ECR repository name");
    }

    private static PushRequest.Builder request() {
        return PushRequest.builder().context(".").tags(List.of("1")).ecrRepository("Team/app");
    }
}

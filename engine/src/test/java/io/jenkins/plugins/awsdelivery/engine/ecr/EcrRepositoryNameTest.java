package io.jenkins.plugins.awsdelivery.engine.ecr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.awsdelivery.engine.InvalidParameterException;
import org.junit.jupiter.api.Test;

/**
 * ECR repository names are lower case (ECR API reference, CreateRepository: "can only contain lowercase letters,
 * numbers, hyphens, underscores, periods and forward slashes"); a name typed with a capital is refused before any AWS
 * call, naming the parameter. {@code PushRequest.namesRegistry} relies on this for {@code Team/app}.
 */
class EcrRepositoryNameTest {

    @Test
    void pushRequest_aRepositoryNameWithACapital_isRefusedNamingTheParameterAndTheRule() {
        InvalidParameterException refused = catchThrowableOfType(
                InvalidParameterException.class,
                () -> EcrPushRequest.builder().repository("Team/app").build());

        assertThat(refused.parameter()).isEqualTo("repository");
        assertThat(refused.getMessage()).contains("\"Team/app\"").contains("lower-case");
    }

    @Test
    void pushRequest_aLowerCaseNameWithDotsDashesAndSlashes_passesTheNameCheck() {
        assertThatCode(() -> EcrRepositories.checkName("team/app.v2_x-y")).doesNotThrowAnyException();
    }
}

package io.jenkins.plugins.awsdelivery.engine.ecr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsdelivery.engine.InvalidParameterException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

class EcrRegistryHostTest {

    @Test
    void host_inTheAwsPartition_endsInAmazonawsCom() {
        assertThat(EcrRegistryHost.of("123456789012", Region.EU_WEST_1).host())
                .isEqualTo("123456789012.dkr.ecr.eu-west-1.amazonaws.com");
    }

    @Test
    void host_inChina_endsInAmazonawsComCn() {
        assertThat(EcrRegistryHost.of("123456789012", Region.CN_NORTHWEST_1).host())
                .isEqualTo("123456789012.dkr.ecr.cn-northwest-1.amazonaws.com.cn");
    }

    @Test
    void host_inGovCloud_endsInAmazonawsCom() {
        assertThat(EcrRegistryHost.of("123456789012", Region.US_GOV_WEST_1).host())
                .isEqualTo("123456789012.dkr.ecr.us-gov-west-1.amazonaws.com");
    }

    @Test
    void host_inARegionTheSdkDoesNotListYet_followsThePartitionPattern() {
        assertThat(EcrRegistryHost.of("123456789012", Region.of("cn-south-9")).host())
                .isEqualTo("123456789012.dkr.ecr.cn-south-9.amazonaws.com.cn");
    }

    @Test
    void parse_ofAChinaHost_givesAccountAndRegion() {
        EcrRegistryHost host = EcrRegistryHost.parse("210987654321.dkr.ecr.cn-north-1.amazonaws.com.cn")
                .orElseThrow();

        assertThat(host.accountId()).isEqualTo("210987654321");
        assertThat(host.region()).isEqualTo(Region.CN_NORTH_1);
    }

    @Test
    void parse_ofAFipsHost_givesAccountAndRegion() {
        assertThat(EcrRegistryHost.parse("123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com"))
                .contains(EcrRegistryHost.of("123456789012", Region.US_GOV_WEST_1));
    }

    @Test
    void parse_ofAnotherRegistry_isEmpty() {
        assertThat(EcrRegistryHost.parse("registry.example.com:5000")).isEmpty();
        assertThat(EcrRegistryHost.parse("123456789012.dkr.ecr.eu-west-1.amazonaws.com.cn"))
                .isEmpty();
    }

    @Test
    void of_withAnAccountThatIsNotTwelveDigits_failsNamingRegistryId() {
        assertThatThrownBy(() -> EcrRegistryHost.of("12345", Region.EU_WEST_1))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith("registryId: ");
    }
}

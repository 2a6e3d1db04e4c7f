package io.jenkins.plugins.awsdelivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.structs.describable.DescribableModel;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * What a Jenkinsfile writes comes back unchanged from the Snippet Generator (structs' {@link DescribableModel}, which
 * both the Pipeline call and the generator use). Every parameter is set to a value that is not its default, because
 * the generator leaves defaults out.
 */
@WithJenkins
class StepConfigurationRoundTripTest {

    @Test
    void ecrPush_everyParameter_comesBackAsWritten(JenkinsRule r) {
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("repository", "shop/web");
        arguments.put("context", "app");
        arguments.put("dockerfile", "app/Dockerfile.prod");
        arguments.put("tags", List.of("1.4.2", "latest"));
        arguments.put("buildArgs", Map.of("VERSION", "1.4.2"));
        arguments.put("labels", Map.of("team", "shop"));
        arguments.put("target", "runtime");
        arguments.put("region", "eu-west-1");
        arguments.put("registryId", "123456789012");
        arguments.put("credentialsId", "aws-test");
        arguments.put("roleArn", "arn:aws:iam::123456789012:role/pusher");
        arguments.put("createRepository", true);
        arguments.put("scanSeverityThreshold", "HIGH");
        arguments.put("scanFailureIsWarning", true);
        arguments.put("registryCredentialsId", "registry-login");
        arguments.put("insecureRegistries", List.of("registry.lab:5000"));
        arguments.put("caFile", "certs/ca.pem");
        assertRoundTrip(EcrPushStep.class, arguments);
    }

    @Test
    void eksDeploy_everyParameter_comesBackAsWritten(JenkinsRule r) {
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("manifests", List.of("k8s/base", "k8s/test"));
        arguments.put("namespace", "shop");
        arguments.put("cluster", "test");
        arguments.put("kubeconfigCredentialsId", "kubeconfig");
        arguments.put("region", "eu-west-1");
        arguments.put("credentialsId", "aws-test");
        arguments.put("roleArn", "arn:aws:iam::123456789012:role/deployer");
        arguments.put("images", Map.of("web", "registry/shop/web@sha256:" + "a".repeat(64)));
        arguments.put("timeout", "10m");
        arguments.put("rollbackOnFailure", true);
        arguments.put("dryRun", true);
        assertRoundTrip(EksDeployStep.class, arguments);
    }

    @Test
    void eksDeploy_manifestsAsOneString_becomeAList(JenkinsRule r) {
        EksDeployStep step = DescribableModel.of(EksDeployStep.class)
                .instantiate(Map.of("manifests", "k8s/base, k8s/test", "namespace", "shop"));
        assertEquals(List.of("k8s/base", "k8s/test"), step.getManifests());
    }

    @Test
    void ecsDeploy_everyParameter_comesBackAsWritten(JenkinsRule r) {
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("cluster", "test");
        arguments.put("service", "web");
        arguments.put("images", Map.of("web", "registry/shop/web@sha256:" + "f".repeat(64)));
        arguments.put("taskDefinition", "ecs/web.json");
        arguments.put("region", "eu-west-1");
        arguments.put("credentialsId", "aws-test");
        arguments.put("roleArn", "arn:aws:iam::123456789012:role/deployer");
        arguments.put("timeout", "20m");
        arguments.put("rollbackOnFailure", true);
        assertRoundTrip(EcsDeployStep.class, arguments);
    }

    @Test
    void seleniumTest_everyParameter_comesBackAsWritten(JenkinsRule r) {
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("command", "mvn -B -f e2e/pom.xml verify");
        arguments.put("baseUrl", "https://test.shop.example.com");
        arguments.put("reports", "e2e/target/surefire-reports/*.xml");
        arguments.put("screenshots", List.of("e2e/target/screenshots/**"));
        arguments.put("browser", "firefox");
        arguments.put("managedBrowser", true);
        arguments.put("timeout", "45m");
        arguments.put("failOnFailures", true);
        arguments.put("digest", "sha256:" + "b".repeat(64));
        assertRoundTrip(SeleniumTestStep.class, arguments);
    }

    @Test
    void ecrPromote_everyParameter_comesBackAsWritten(JenkinsRule r) {
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("source", "test-registry/shop/web@sha256:" + "c".repeat(64));
        arguments.put("destination", "prod-registry/shop/web:1.4.2");
        arguments.put("region", "eu-west-1");
        arguments.put("credentialsId", "aws-prod");
        arguments.put("roleArn", "arn:aws:iam::210987654321:role/promoter");
        arguments.put("sourceCredentialsId", "aws-test");
        arguments.put("sourceRoleArn", "arn:aws:iam::123456789012:role/reader");
        arguments.put("registryCredentialsId", "prod-login");
        arguments.put("sourceRegistryCredentialsId", "test-login");
        arguments.put("noClobber", true);
        arguments.put("dryRun", true);
        arguments.put("parallelism", 8);
        arguments.put("insecureRegistries", List.of("registry.lab:5000"));
        arguments.put("caFile", "certs/ca.pem");
        arguments.put("referrers", List.of("application/spdx+json", "application/vnd.in-toto+json"));
        arguments.put("requireApproval", true);
        arguments.put("forbidSelfApproval", true);
        arguments.put("requiredApprovals", 2);
        arguments.put("requireTestsPassed", true);
        assertRoundTrip(EcrPromoteStep.class, arguments);
    }

    @Test
    void withEksKubeConfig_everyParameter_comesBackAsWritten(JenkinsRule r) {
        assertRoundTrip(
                WithEksKubeConfigStep.class,
                Map.of(
                        "cluster", "test",
                        "region", "eu-west-1",
                        "credentialsId", "aws-test",
                        "roleArn", "arn:aws:iam::123456789012:role/kubectl"));
    }

    @Test
    void releaseEvidence_everyParameter_comesBackAsWritten(JenkinsRule r) {
        assertRoundTrip(ReleaseEvidenceStep.class, Map.of("digest", "sha256:" + "d".repeat(64), "oneLine", true));
    }

    private static <T> void assertRoundTrip(Class<T> type, Map<String, Object> arguments) {
        T step = DescribableModel.of(type).instantiate(arguments);
        assertEquals(arguments, DescribableModel.uninstantiate2_(step).toMap());
    }
}

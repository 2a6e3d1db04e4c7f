package io.jenkins.plugins.awsdelivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import hudson.model.Result;
import io.jenkins.plugins.awsdelivery.engine.record.DeploymentEntry;
import io.jenkins.plugins.awsdelivery.engine.record.DeploymentOutcome;
import io.jenkins.plugins.awsdelivery.engine.record.DeploymentTarget;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.AwsEmulator;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.CloudFormationEmulator;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * {@code cfnDeploy} against the CloudFormation emulator, with a template from the workspace. Expected statuses, change
 * actions and outputs are CloudFormation's (a new stack ends CREATE_COMPLETE, its resources are "Add" changes, an
 * output {@code Ref} to a parameter is the parameter's value, a failed creation rolls back to ROLLBACK_COMPLETE).
 */
@WithJenkins
class CfnDeployStepTest {
    private static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYECFNDEPLOY";
    private static final String DIGEST = "sha256:" + "4".repeat(64);
    private static final String IMAGE = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/web@" + DIGEST;
    private static final String TEMPLATE = "{\"Parameters\":{\"ImageUri\":{\"Type\":\"String\"}},"
            + "\"Resources\":{\"Queue\":{\"Type\":\"AWS::SQS::Queue\",\"Properties\":{\"Image\":{\"Ref\":\"ImageUri\"}}}},"
            + "\"Outputs\":{\"DeployedImage\":{\"Value\":{\"Ref\":\"ImageUri\"}}}}";
    private static final String FAILING_TEMPLATE = "{\"Resources\":{\"Broken\":{\"Type\":\""
            + CloudFormationEmulator.FAILING_TYPE
            + "\",\"Properties\":{\"FailureReason\":\"Resource handler returned message: \\\"quota exceeded\\\"\"}}}}";

    @Test
    void cfnDeploy_newStack_isCreatedAndReturnsItsChangesAndOutputs_andJoinsTheRecord(JenkinsRule r) throws Exception {
        try (AwsEmulator aws = AwsEmulator.start()) {
            CloudFormationEmulator cfn = CloudFormationEmulator.on(aws);
            WorkflowJob job = jobDeploying(r, aws, TEMPLATE, "parameters: [ImageUri: '" + IMAGE + "']");

            WorkflowRun build = r.buildAndAssertSuccess(job);

            r.assertLogContains("status CREATE_COMPLETE", build);
            r.assertLogContains("changes [Add Queue AWS::SQS::Queue]", build);
            r.assertLogContains("output " + IMAGE, build);
            assertEquals("CREATE_COMPLETE", cfn.status("shop-web"));
            DeploymentEntry deployment =
                    ReleaseRecordAction.of(build).entries(DeploymentEntry.class).get(0);
            assertEquals(DeploymentTarget.cloudFormation("shop-web"), deployment.target());
            assertEquals(DeploymentOutcome.SUCCEEDED, deployment.outcome());
            assertEquals(
                    List.of(DIGEST),
                    deployment.digests().stream().map(Object::toString).toList());
            assertFalse(StoredTestCredentials.leftOnDisk(build, SECRET_KEY), "the secret key is in the build's folder");
        }
    }

    @Test
    void cfnDeploy_executeFalse_leavesTheChangeSetForReview_andRecordsNothingAsDeployed(JenkinsRule r)
            throws Exception {
        try (AwsEmulator aws = AwsEmulator.start()) {
            CloudFormationEmulator cfn = CloudFormationEmulator.on(aws);
            WorkflowJob job = jobDeploying(r, aws, TEMPLATE, "parameters: [ImageUri: '" + IMAGE + "'], execute: false");

            WorkflowRun build = r.buildAndAssertSuccess(job);

            r.assertLogContains("changes [Add Queue AWS::SQS::Queue]", build);
            assertEquals(1, cfn.changeSetIds().size(), "the change set waits for review");
            assertEquals(
                    DeploymentOutcome.DRY_RUN,
                    ReleaseRecordAction.of(build)
                            .entries(DeploymentEntry.class)
                            .get(0)
                            .outcome());
        }
    }

    @Test
    void cfnDeploy_aResourceFails_failsTheBuildNamingItAndItsReason(JenkinsRule r) throws Exception {
        try (AwsEmulator aws = AwsEmulator.start()) {
            CloudFormationEmulator cfn = CloudFormationEmulator.on(aws);
            WorkflowJob job = jobDeploying(r, aws, FAILING_TEMPLATE, "parameters: [:]");

            WorkflowRun build = r.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));

            r.assertLogContains("Broken", build);
            r.assertLogContains("quota exceeded", build);
            assertEquals("ROLLBACK_COMPLETE", cfn.status("shop-web"));
            List<DeploymentEntry> deployments = ReleaseRecordAction.of(build).entries(DeploymentEntry.class);
            assertEquals(1, deployments.size());
            assertEquals(DeploymentOutcome.ROLLED_BACK, deployments.get(0).outcome());
        }
    }

    /** A job whose workspace holds {@code stack.json} and whose Pipeline deploys it as stack {@code shop-web}. */
    private static WorkflowJob jobDeploying(JenkinsRule r, AwsEmulator aws, String template, String arguments)
            throws Exception {
        StoredTestCredentials.aws("aws-test", "AKIACFNDEPLOYTEST", SECRET_KEY);
        WorkflowJob job = r.createProject(WorkflowJob.class);
        r.jenkins.getWorkspaceFor(job).child("stack.json").write(template, "UTF-8");
        job.setDefinition(new CpsFlowDefinition(
                "node {\n"
                        + "  withEnv(['AWS_ENDPOINT_URL=" + aws.endpoint() + "']) {\n"
                        + "    def stack = cfnDeploy(stack: 'shop-web', template: 'stack.json', " + arguments
                        + ", region: 'eu-west-1', credentialsId: 'aws-test', timeout: '5m')\n"
                        + "    echo \"status ${stack.status}\"\n"
                        + "    echo \"changes ${stack.changes.collect { it.action + ' ' + it.logicalId + ' ' + it.type }}\"\n"
                        + "    echo \"output ${stack.outputs.DeployedImage}\"\n"
                        + "  }\n"
                        + "}",
                true));
        return job;
    }
}

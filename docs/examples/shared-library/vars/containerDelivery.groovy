// containerDelivery: the six-stage delivery of one containerised web application, as a platform team offers it to
// its application teams. Build and push to the test ECR, deploy to the test EKS cluster, run the Selenium suite,
// ask the approvers, then copy exactly the tested digest to the production ECR and deploy it to the production
// cluster. Every step parameter and return field used here is documented with its step.
//
//   containerDelivery(app: 'shop-web', testCluster: 'test', prodCluster: 'production',
//                     approvers: 'release-managers', testUrl: 'https://shop-test.example.com/',
//                     prodRegistry: '222222222222.dkr.ecr.eu-west-1.amazonaws.com')
//
// Returns [digest:, testImage:, prodImage:] (see README.md).

import groovy.transform.Field

@Field static final Map DEFAULTS = [
    repository         : null,            // ECR repository; default: app
    imageName          : null,            // the image name in the manifests; default: repository
    context            : '.',
    manifests          : 'k8s',
    region             : null,            // default: AWS_REGION of the build or the agent
    credentialsId      : null,            // aws-credentials; default: the agent's own AWS identity
    testNamespace      : null,            // default: <app>-test
    prodNamespace      : null,            // default: <app>
    prodRoleArn        : null,            // role in the production account for the copy and the deployment
    seleniumCommand    : 'mvn -B -ntp verify',
    seleniumReports    : '**/TEST-*.xml',
    seleniumScreenshots: ['**/screenshots/**'],
    approvalTimeoutHours: 72,
    agentLabel         : 'docker',
]
@Field static final List REQUIRED = ['app', 'testCluster', 'prodCluster', 'approvers', 'testUrl', 'prodRegistry']

def call(Map args) {
  def unknown = args.keySet() - REQUIRED - DEFAULTS.keySet()
  if (unknown) {
    error "containerDelivery: unknown parameter(s) ${unknown}; known: ${REQUIRED + DEFAULTS.keySet()}"
  }
  def missing = REQUIRED.findAll { !args[it] }
  if (missing) {
    error "containerDelivery: missing parameter(s) ${missing}, e.g. containerDelivery(app: 'shop-web', " +
        "testCluster: 'test', prodCluster: 'production', approvers: 'release-managers', " +
        "testUrl: 'https://shop-test.example.com/', prodRegistry: '222222222222.dkr.ecr.eu-west-1.amazonaws.com')"
  }
  Map c = DEFAULTS + args
  String repository = c.repository ?: c.app
  String imageName = c.imageName ?: repository
  String testNamespace = c.testNamespace ?: "${c.app}-test"
  String prodNamespace = c.prodNamespace ?: c.app

  def image
  String commit
  node(c.agentLabel) {
    stage('Source') {
      commit = checkout(scm).GIT_COMMIT
    }
    stage('Build and push to the test ECR') {
      image = ecrPush(repository: repository, context: c.context, tags: [commit], createRepository: true,
          region: c.region, credentialsId: c.credentialsId)
    }
    stage('Deploy to the test EKS') {
      eksDeploy(cluster: c.testCluster, namespace: testNamespace, manifests: c.manifests,
          images: [(imageName): image.imageUri], region: c.region, credentialsId: c.credentialsId,
          rollbackOnFailure: true)
    }
    stage('Selenium') {
      seleniumTest(command: c.seleniumCommand, baseUrl: c.testUrl, reports: c.seleniumReports,
          screenshots: c.seleniumScreenshots, managedBrowser: true, failOnFailures: true, digest: image.digest)
    }
  }

  stage('Manual approval') {
    timeout(time: c.approvalTimeoutHours, unit: 'HOURS') {
      input(id: 'promote', message: releaseEvidence(digest: image.digest), ok: 'Promote to production',
          submitter: c.approvers)
    }
  }

  String prodRepository = "${c.prodRegistry}/${repository}"
  node(c.agentLabel) {
    stage('Push to the production ECR and deploy to the production EKS') {
      checkout scm
      def promoted = ecrPromote(source: image.imageUri, destination: "${prodRepository}:${commit}".toString(),
          region: c.region, sourceCredentialsId: c.credentialsId, credentialsId: c.credentialsId,
          roleArn: c.prodRoleArn, noClobber: true, requireApproval: true, forbidSelfApproval: true)
      eksDeploy(cluster: c.prodCluster, namespace: prodNamespace, manifests: c.manifests,
          images: [(imageName): "${prodRepository}@${promoted.digest}".toString()], region: c.region,
          credentialsId: c.credentialsId, roleArn: c.prodRoleArn, timeout: '15m', rollbackOnFailure: true)
    }
  }
  return [digest: image.digest, testImage: image.imageUri, prodImage: "${prodRepository}@${image.digest}".toString()]
}

def call(Map config) {
  def pushed = ecrPush(repository: config.repository)
  steps.eksDeploy(manifests: config.manifests, namespace: config.namespace, images: [(config.name): pushed.imageUri])
  return pushed.digest
}

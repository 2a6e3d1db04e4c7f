package io.jenkins.plugins.awsdelivery.engine.cli;

import picocli.CommandLine;

final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = DeliveryCommand.class.getPackage().getImplementationVersion();
        return new String[] {"delivery " + (version == null ? "development build" : version)};
    }
}

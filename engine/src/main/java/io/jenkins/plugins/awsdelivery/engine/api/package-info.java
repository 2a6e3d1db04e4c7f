/**
 * The engine's public surface, the only package (with {@code spi}) that its front ends, the {@code bin/delivery} CLI
 * and the Jenkins plugin, may use. Per operation: an immutable, {@link java.io.Serializable} request with a builder, a
 * serializable result with {@code toMap()}, and one entry in {@link io.jenkins.plugins.awsdelivery.engine.api.Delivery}
 * that composes everything and closes what it opens. Every entry takes a {@link
 * io.jenkins.plugins.awsdelivery.engine.api.DeliveryContext}: the build's environment, working directory, event sink
 * and clock, so one JVM can serve many builds with different credentials.
 *
 * <p>Failures are {@link io.jenkins.plugins.awsdelivery.engine.api.DeliveryFailedException} (with the partial result
 * where there is one) or its subclass {@link io.jenkins.plugins.awsdelivery.engine.api.InvalidParameterException};
 * an interrupted caller gets {@link io.jenkins.plugins.awsdelivery.engine.api.DeliveryAbortedException}, which is not
 * a failure. Messages name parameters as the front end calls them ({@link
 * io.jenkins.plugins.awsdelivery.engine.api.ParameterNames}) and never hold a secret.
 */
package io.jenkins.plugins.awsdelivery.engine.api;

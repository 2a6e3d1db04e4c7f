/**
 * Digest-preserving promotion of an image or index between repositories: {@link
 * io.jenkins.plugins.awsdelivery.engine.promote.Promoter} runs a {@link
 * io.jenkins.plugins.awsdelivery.engine.promote.PromoteRequest} and returns a {@link
 * io.jenkins.plugins.awsdelivery.engine.promote.PromoteResult}. User guide: {@code docs/promote.md}.
 */
package io.jenkins.plugins.awsdelivery.engine.promote;

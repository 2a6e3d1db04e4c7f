/**
 * The release record of one build: what was pushed, deployed, tested, approved and promoted, in order, with times
 * ({@link io.jenkins.plugins.awsdelivery.engine.record.ReleaseRecord}, versioned JSON in
 * {@link io.jenkins.plugins.awsdelivery.engine.record.ReleaseRecordJson}); and the approval policy, a pure decision
 * over a record for a digest about to be promoted
 * ({@link io.jenkins.plugins.awsdelivery.engine.record.ApprovalPolicy}).
 *
 * <p>Everything here is an immutable value that is {@link java.io.Serializable} and uses only plain JDK collection
 * classes in its fields (no Java records, no {@code List.of}), so Jenkins's XStream can persist it if an Action holds
 * it. No entry has a credential field; approval parameters and URLs are cleaned of secrets when the entry is built.
 */
package io.jenkins.plugins.awsdelivery.engine.record;

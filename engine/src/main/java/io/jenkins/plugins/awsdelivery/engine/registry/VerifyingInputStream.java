package io.jenkins.plugins.awsdelivery.engine.registry;

import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Passes a blob through while computing its digest. The read that would deliver the last byte first compares the
 * digest, so a corrupt blob never reaches its end at the receiver; too many or too few bytes fail as well.
 */
final class VerifyingInputStream extends FilterInputStream {
    private final Descriptor expected;
    private final MessageDigest digest;
    private long count;
    private boolean verified;

    VerifyingInputStream(InputStream in, Descriptor expected) {
        super(in);
        this.expected = expected;
        this.digest = expected.digest().newMessageDigest();
    }

    boolean verified() {
        return verified;
    }

    long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        return SingleByteRead.from(this);
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (verified) {
            return -1;
        }
        long remaining = expected.size() - count;
        if (remaining == 0) {
            check();
            return -1;
        }
        int n = in.read(buffer, offset, (int) Math.min(length, remaining));
        if (n < 0) {
            throw new BlobVerificationException(
                    "blob " + expected.digest() + " ended after " + count + " of " + expected.size() + " bytes");
        }
        digest.update(buffer, offset, n);
        count += n;
        if (count == expected.size()) {
            check();
        }
        return n;
    }

    private void check() throws IOException {
        Digest actual = Digest.parse(
                expected.digest().algorithm() + ":" + HexFormat.of().formatHex(digest.digest()));
        if (!actual.equals(expected.digest())) {
            throw new BlobVerificationException("blob " + expected.digest() + " arrived with digest " + actual
                    + "; the source registry served different content than its manifest names");
        }
        verified = true;
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("skipping would defeat digest verification");
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}

package io.jenkins.plugins.awsdelivery.engine.registry;

import java.io.IOException;
import java.io.InputStream;

/** {@link InputStream#read()} for the streams of this package, which all do their work in the bulk read. */
final class SingleByteRead {
    private SingleByteRead() {}

    /** The next byte as 0-255, or -1 at the end, through {@code stream.read(byte[], int, int)}. */
    static int from(InputStream stream) throws IOException {
        byte[] one = new byte[1];
        int n;
        do {
            n = stream.read(one, 0, 1);
        } while (n == 0);
        return n < 0 ? -1 : one[0] & 0xff;
    }
}

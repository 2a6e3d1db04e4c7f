package io.jenkins.plugins.awsdelivery.engine.testing.aws;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

/** A value after a Java-serialization round trip, as Jenkins remoting moves it between controller and agent. */
public final class RemotingCopy {
    private RemotingCopy() {}

    @SuppressWarnings("unchecked")
    public static <T> T of(T value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }
}

package io.jenkins.plugins.awsdelivery.engine.spi;

import java.io.IOException;
import java.io.Writer;
import java.util.Objects;

/**
 * A writer that masks each line with a {@link SecretMasker} before passing it on: the last line of defence of a front
 * end's console. Text is held until a line ends or the writer is flushed, so that a secret written in pieces is still
 * seen whole.
 */
public final class SecretMaskingWriter extends Writer {
    private final Writer out;
    private final SecretMasker masker;
    private final StringBuilder line = new StringBuilder();

    public SecretMaskingWriter(Writer out, SecretMasker masker) {
        this.out = Objects.requireNonNull(out, "out");
        this.masker = Objects.requireNonNull(masker, "masker");
    }

    @Override
    public synchronized void write(char[] buffer, int offset, int length) throws IOException {
        for (int i = offset; i < offset + length; i++) {
            char c = buffer[i];
            line.append(c);
            if (c == '\n') {
                emit();
            }
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        emit();
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        flush();
        out.close();
    }

    private void emit() throws IOException {
        if (line.length() > 0) {
            out.write(masker.mask(line.toString()));
            line.setLength(0);
        }
    }
}

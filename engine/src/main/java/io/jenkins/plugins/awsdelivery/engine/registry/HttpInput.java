package io.jenkins.plugins.awsdelivery.engine.registry;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * The receiving side of one HTTP/1.1 connection: header lines through a small buffer, then the body in one of the
 * framings of RFC 9112 section 6 (length, chunked, or until the connection closes). Large body reads go straight
 * from the socket into the caller's array once the buffer is drained.
 */
final class HttpInput {
    static final int MAX_LINE = 16 * 1024;

    private final InputStream socket;
    private final byte[] buffer = new byte[8 * 1024];
    private int position;
    private int limit;

    HttpInput(InputStream socket) {
        this.socket = socket;
    }

    /** One line without its CRLF (a bare LF is accepted, as RFC 9112 allows), in ISO-8859-1. */
    String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            if (position == limit && !fill()) {
                throw new EOFException("the connection closed in the middle of the response head");
            }
            byte b = buffer[position++];
            if (b == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            if (line.length() == MAX_LINE) {
                throw new IOException("a line of the response head is longer than " + MAX_LINE + " bytes");
            }
            line.append((char) (b & 0xff));
        }
    }

    /** Up to {@code length} body bytes; -1 at the end of the connection. */
    int read(byte[] into, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (position < limit) {
            int n = Math.min(length, limit - position);
            System.arraycopy(buffer, position, into, offset, n);
            position += n;
            return n;
        }
        return socket.read(into, offset, length);
    }

    private boolean fill() throws IOException {
        int n = socket.read(buffer, 0, buffer.length);
        if (n <= 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    /** Exactly {@code length} bytes, then the end; a connection that closes earlier is an error. */
    InputStream fixedLength(long length, Runnable onClose) {
        return new Body(onClose) {
            private long remaining = length;

            @Override
            int readBody(byte[] into, int offset, int max) throws IOException {
                if (remaining == 0) {
                    return -1;
                }
                int n = HttpInput.this.read(into, offset, (int) Math.min(max, remaining));
                if (n < 0) {
                    throw new EOFException("the connection closed after " + (length - remaining) + " of " + length
                            + " bytes of the response body");
                }
                remaining -= n;
                return n;
            }
        };
    }

    /** {@code Transfer-Encoding: chunked}: hexadecimal sizes, extensions and trailers ignored. */
    InputStream chunked(Runnable onClose) {
        return new Body(onClose) {
            private long chunkLeft;
            private boolean last;

            @Override
            int readBody(byte[] into, int offset, int max) throws IOException {
                if (last) {
                    return -1;
                }
                if (chunkLeft == 0) {
                    chunkLeft = chunkSize(readLine());
                    if (chunkLeft == 0) {
                        last = true;
                        while (!readLine().isEmpty()) {
                            // trailer fields: nothing in them matters to a blob transfer
                        }
                        return -1;
                    }
                }
                int n = HttpInput.this.read(into, offset, (int) Math.min(max, chunkLeft));
                if (n < 0) {
                    throw new EOFException("the connection closed in the middle of a chunk of the response body");
                }
                chunkLeft -= n;
                if (chunkLeft == 0 && !readLine().isEmpty()) {
                    throw new IOException("a chunk of the response body does not end with CRLF");
                }
                return n;
            }
        };
    }

    /** No length and not chunked: the body ends when the server closes the connection. */
    InputStream untilClose(Runnable onClose) {
        return new Body(onClose) {
            @Override
            int readBody(byte[] into, int offset, int max) throws IOException {
                return HttpInput.this.read(into, offset, max);
            }
        };
    }

    static long chunkSize(String line) throws IOException {
        int end = line.indexOf(';');
        String hex = (end < 0 ? line : line.substring(0, end)).trim();
        if (hex.isEmpty() || hex.length() > 15) {
            throw new IOException("unreadable chunk size in the response body: '" + abbreviate(line) + "'");
        }
        try {
            return Long.parseLong(hex, 16);
        } catch (NumberFormatException e) {
            throw new IOException("unreadable chunk size in the response body: '" + abbreviate(line) + "'");
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    /** A response body; closing it ends the connection ({@code onClose}). */
    private abstract static class Body extends InputStream {
        private final Runnable onClose;
        private volatile boolean closed;

        Body(Runnable onClose) {
            this.onClose = onClose;
        }

        abstract int readBody(byte[] into, int offset, int max) throws IOException;

        @Override
        public int read() throws IOException {
            return SingleByteRead.from(this);
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, into.length);
            if (closed) {
                throw new IOException("the response body is closed");
            }
            return length == 0 ? 0 : readBody(into, offset, length);
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                onClose.run();
            }
        }
    }
}

package io.jenkins.plugins.awsdelivery.engine.selenium;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Cuts attribute values, comments and processing instructions of an XML byte stream after {@link #LIMIT} bytes, so
 * that the StAX parser, which holds each of them whole in memory, needs bounded memory whatever a report holds (a
 * 100 MB {@code message} attribute used to need about 600 MB). Text and CDATA pass unchanged: the parser hands those
 * over in chunks.
 *
 * <p>It works on the bytes of ASCII-compatible encodings (UTF-8, ISO-8859-*), where every markup character is one
 * byte that never occurs inside a multi-byte character. A cut never splits a UTF-8 sequence or an entity or
 * character reference, so the result is well-formed when the input is. A stream that starts like UTF-16 is passed
 * through unchanged.
 */
final class MarkupLimitingInputStream extends FilterInputStream {
    static final int LIMIT = 64 * 1024;

    private enum State {
        TEXT,
        AFTER_LT,
        BANG,
        TAG,
        VALUE,
        COMMENT,
        PROCESSING_INSTRUCTION,
        CDATA
    }

    private static final byte[] CDATA_OPENING = "[CDATA[".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private State state = State.TEXT;
    private int quote;
    private int length;
    private boolean cutting;
    private boolean inReference;
    private boolean lastEmittedWasContinuable;
    private int bangLength;
    private int previous;
    private int beforePrevious;
    private final byte[] pending = new byte[4];
    private int pendingStart;
    private int pendingEnd;
    private final byte[] source = new byte[16 * 1024];
    private int sourceStart;
    private int sourceEnd;

    private MarkupLimitingInputStream(InputStream in) {
        super(in);
    }

    /** {@code in} filtered, or unchanged when it starts like UTF-16. */
    static InputStream wrap(BufferedInputStream in) throws IOException {
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        boolean utf16 = (first == 0xFE && second == 0xFF)
                || (first == 0xFF && second == 0xFE)
                || (first == 0 && second == '<')
                || (first == '<' && second == 0);
        return utf16 ? in : new MarkupLimitingInputStream(in);
    }

    @Override
    public int read() throws IOException {
        while (pendingStart == pendingEnd) {
            if (sourceStart == sourceEnd) {
                sourceEnd = in.read(source);
                sourceStart = 0;
                if (sourceEnd <= 0) {
                    sourceEnd = 0;
                    return -1;
                }
            }
            accept(source[sourceStart++] & 0xff);
        }
        return pending[pendingStart++] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) throws IOException {
        if (count == 0) {
            return 0;
        }
        int n = 0;
        while (n < count) {
            if (pendingStart == pendingEnd && sourceStart == sourceEnd && n > 0) {
                break;
            }
            int b = read();
            if (b < 0) {
                break;
            }
            buffer[offset + n++] = (byte) b;
        }
        return n == 0 ? -1 : n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = 0;
        while (skipped < n && read() >= 0) {
            skipped++;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void accept(int b) {
        pendingStart = 0;
        pendingEnd = 0;
        switch (state) {
            case TEXT -> {
                if (b == '<') {
                    state = State.AFTER_LT;
                }
                emit(b);
            }
            case AFTER_LT -> {
                state = b == '!' ? State.BANG : b == '?' ? State.PROCESSING_INSTRUCTION : State.TAG;
                bangLength = 0;
                startLimited();
                emit(b);
            }
            case BANG -> {
                emit(b);
                if (bangLength == 0 && b == '-') {
                    bangLength = -1; // "<!-" so far
                } else if (bangLength == -1) {
                    state = b == '-' ? State.COMMENT : State.TAG;
                    startLimited();
                } else if (bangLength < CDATA_OPENING.length && b == CDATA_OPENING[bangLength]) {
                    bangLength++;
                    if (bangLength == CDATA_OPENING.length) {
                        state = State.CDATA;
                    }
                } else {
                    state = b == '>' ? State.TEXT : State.TAG;
                }
            }
            case TAG -> {
                if (b == '"' || b == '\'') {
                    quote = b;
                    state = State.VALUE;
                    startLimited();
                } else if (b == '>') {
                    state = State.TEXT;
                }
                emit(b);
            }
            case VALUE -> {
                if (b == quote) {
                    state = State.TAG;
                    emit(b);
                } else {
                    limited(b, false);
                }
            }
            case COMMENT -> {
                boolean end = b == '>' && previous == '-' && beforePrevious == '-';
                if (end) {
                    if (cutting) {
                        emit('-');
                        emit('-');
                    }
                    emit(b);
                    state = State.TEXT;
                } else if (b != '-' || !cutting) {
                    limited(b, true);
                }
            }
            case PROCESSING_INSTRUCTION -> {
                boolean end = b == '>' && previous == '?';
                if (end) {
                    if (cutting) {
                        emit('?');
                    }
                    emit(b);
                    state = State.TEXT;
                } else if (b != '?' || !cutting) {
                    limited(b, true);
                }
            }
            case CDATA -> {
                if (b == '>' && previous == ']' && beforePrevious == ']') {
                    state = State.TEXT;
                }
                emit(b);
            }
        }
        beforePrevious = previous;
        previous = b;
    }

    private void startLimited() {
        length = 0;
        cutting = false;
        inReference = false;
        lastEmittedWasContinuable = false;
    }

    /** Emits {@code b} while under the limit, and afterwards only to finish a UTF-8 character or a reference. */
    private void limited(int b, boolean spaceAtCut) {
        boolean continuation = (b & 0xC0) == 0x80;
        if (!cutting) {
            // Past the limit, a reference (at most "&#x10FFFF;") or a UTF-8 character (at most 4 bytes) is finished.
            boolean finishing = (inReference && length < LIMIT + 16)
                    || (continuation && lastEmittedWasContinuable && length < LIMIT + 3);
            if (length < LIMIT || finishing) {
                length++;
                if (b == '&') {
                    inReference = true;
                } else if (b == ';') {
                    inReference = false;
                }
                lastEmittedWasContinuable = b >= 0x80;
                emit(b);
                return;
            }
            cutting = true;
            if (spaceAtCut) {
                emit(' '); // keeps a comment from ending in "-" before the closing "-->"
            }
        }
    }

    private void emit(int b) {
        pending[pendingEnd++] = (byte) b;
    }
}

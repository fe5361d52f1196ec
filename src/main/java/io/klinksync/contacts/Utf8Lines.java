package io.klinksync.contacts;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Decodes UTF-8 for the CSV parser without ever giving up on a bad byte: the decoder REPORTs each malformed
 * sequence, which is remembered with its physical line and byte offset and passed on as U+FFFD, so the row
 * holding it can be failed alone and the rest of the file still read. It also remembers the byte offset at
 * which each line starts (only for lines not yet forgotten), so that reading can resume after a broken row.
 * Lines are counted as commons-csv counts them: CR, LF and CRLF each end one line.
 */
final class Utf8Lines extends Reader {

    /** A byte that is not UTF-8. */
    record BadByte(long line, long offset, int value) {
    }

    private static final int BUFFER = 1 << 14;

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER);
    private final CharBuffer chars = CharBuffer.allocate(BUFFER);
    private final ArrayDeque<BadByte> badBytes = new ArrayDeque<>();
    private final ArrayDeque<long[]> lineStarts = new ArrayDeque<>();
    private long bytePosition;
    private long line;
    private boolean atLineStart = true;
    private char previous;
    private boolean eof;
    private boolean flushed;

    /** Reads from {@code in}, whose first byte is at byte offset {@code offset} of the file and starts line {@code firstLine}. */
    Utf8Lines(InputStream in, long offset, long firstLine) {
        this.in = in;
        this.bytePosition = offset;
        this.line = firstLine;
        bytes.flip();
        chars.flip();
    }

    @Override
    public int read(char[] target, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (!chars.hasRemaining()) {
            if (flushed) {
                return -1;
            }
            fill();
        }
        int n = Math.min(len, chars.remaining());
        chars.get(target, off, n);
        return n;
    }

    private void fill() throws IOException {
        chars.clear();
        while (chars.position() == 0 && !flushed) {
            if (!eof && bytes.remaining() < 4) {
                bytes.compact();
                int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                if (n < 0) {
                    eof = true;
                } else {
                    bytes.position(bytes.position() + n);
                }
                bytes.flip();
            }
            int before = chars.position();
            CoderResult result = decoder.decode(bytes, chars, eof);
            scan(before, chars.position());
            if (result.isMalformed() || result.isUnmappable()) {
                if (chars.remaining() == 0) {
                    break; // no room for the replacement: report it on the next fill
                }
                for (int i = 0; i < result.length(); i++) {
                    badBytes.add(new BadByte(line, bytePosition, bytes.get() & 0xFF));
                    bytePosition++;
                    if (i == 0) {
                        markLineStart();
                        chars.put('\uFFFD');
                        previous = '\uFFFD';
                    }
                }
            } else if (eof && !bytes.hasRemaining() && result.isUnderflow()) {
                decoder.flush(chars);
                flushed = true;
            }
        }
        chars.flip();
    }

    /** Counts lines and byte offsets over the chars just decoded. */
    private void scan(int from, int to) {
        for (int i = from; i < to; i++) {
            char c = chars.get(i);
            if (!(c == '\n' && previous == '\r')) {
                markLineStart();
            }
            if (c == '\r' || (c == '\n' && previous != '\r')) {
                line++;
                atLineStart = true;
            }
            bytePosition += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
            previous = c;
        }
    }

    private void markLineStart() {
        if (atLineStart) {
            lineStarts.add(new long[] {line, bytePosition});
            atLineStart = false;
        }
    }

    /** Byte offset at which a line starts, or -1 when it was not reached (end of file) or already forgotten. */
    long offsetOfLine(long wanted) {
        for (long[] start : lineStarts) {
            if (start[0] == wanted) {
                return start[1];
            }
        }
        return -1;
    }

    /** The bad bytes of lines first..last; those of earlier lines are forgotten, as are their line starts. */
    List<BadByte> badBytes(long first, long last) {
        while (!lineStarts.isEmpty() && lineStarts.peekFirst()[0] < first) {
            lineStarts.pollFirst();
        }
        List<BadByte> found = new ArrayList<>();
        Iterator<BadByte> it = badBytes.iterator();
        while (it.hasNext()) {
            BadByte b = it.next();
            if (b.line() < first) {
                it.remove();
            } else if (b.line() <= last) {
                found.add(b);
            }
        }
        return found;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}

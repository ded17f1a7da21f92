package org.jracoon.ike.payload;

/**
 * A bounded view of received bytes. Every read first checks that the bytes are there, so a
 * short or lying length field ends in {@link IsakmpProtocolException} (PAYLOAD-MALFORMED) and
 * never in an index exception.
 */
final class WireReader {

    private final byte[] buf;
    private int pos;
    private final int end;

    WireReader(byte[] buf, int offset, int length) {
        this.buf = buf;
        this.pos = offset;
        this.end = offset + length;
    }

    int remaining() {
        return end - pos;
    }

    int u8() throws IsakmpProtocolException {
        need(1);
        return buf[pos++] & 0xFF;
    }

    int u16() throws IsakmpProtocolException {
        need(2);
        int v = (buf[pos] & 0xFF) << 8 | buf[pos + 1] & 0xFF;
        pos += 2;
        return v;
    }

    /** An unsigned 32-bit field; callers keep it in an int and compare bit patterns. */
    int u32() throws IsakmpProtocolException {
        need(4);
        int v = (buf[pos] & 0xFF) << 24 | (buf[pos + 1] & 0xFF) << 16 | (buf[pos + 2] & 0xFF) << 8
                | buf[pos + 3] & 0xFF;
        pos += 4;
        return v;
    }

    Octets octets(int n) throws IsakmpProtocolException {
        need(n);
        Octets o = Octets.copyOf(buf, pos, n);
        pos += n;
        return o;
    }

    /** The rest of this reader's bytes. */
    Octets rest() {
        Octets o = Octets.copyOf(buf, pos, end - pos);
        pos = end;
        return o;
    }

    /** The rest of this reader's bytes, which must not be empty (the single field of a KE, HASH...). */
    Octets nonEmptyRest(String what) throws IsakmpProtocolException {
        if (pos == end) {
            throw IsakmpProtocolException.malformed("empty " + what);
        }
        return rest();
    }

    /** A reader over the next {@code n} bytes, which this reader then skips. */
    WireReader split(int n) throws IsakmpProtocolException {
        need(n);
        WireReader sub = new WireReader(buf, pos, n);
        pos += n;
        return sub;
    }

    /** Fails unless every byte has been consumed: fixed-size bodies must not carry extra octets. */
    void expectEnd(String what) throws IsakmpProtocolException {
        if (pos != end) {
            throw IsakmpProtocolException.malformed(what + ": " + (end - pos) + " unexpected trailing octets");
        }
    }

    private void need(int n) throws IsakmpProtocolException {
        if (n < 0 || n > end - pos) {
            throw IsakmpProtocolException.malformed("truncated: " + n + " octets needed, " + (end - pos) + " left");
        }
    }
}

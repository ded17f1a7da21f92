package org.jracoon.parser.setkey;

import java.util.Objects;

/**
 * The options of an SA directive: {@code -m} mode, {@code -u} reqid, {@code -r} replay window,
 * {@code -f} padding and sequence flags, and the lifetimes.
 *
 * @param padding        {@code -f random-pad|seq-pad|zero-pad}
 * @param cyclicSequence false after {@code -f nocyclic-seq}
 */
public record SaParameters(IpsecMode mode, long reqid, int replay, Padding padding,
                           boolean cyclicSequence, Lifetime hard, Lifetime soft) {

    /** What setkey sends when a directive gives no options. */
    public static final SaParameters DEFAULTS =
            new SaParameters(IpsecMode.ANY, 0, 0, Padding.SEQUENTIAL, true, Lifetime.NONE, Lifetime.NONE);

    /** ESP padding (the SADB_X_EXT_P* flags of KAME). */
    public enum Padding {
        SEQUENTIAL(0x0000), RANDOM(0x0100), ZERO(0x0200);

        private final int flag;

        Padding(int flag) {
            this.flag = flag;
        }

        public int flag() {
            return flag;
        }
    }

    public SaParameters {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(padding, "padding");
        Objects.requireNonNull(hard, "hard");
        Objects.requireNonNull(soft, "soft");
        if (reqid < 0 || reqid > 0xffffffffL) {
            throw new IllegalArgumentException("reqid out of range: " + reqid);
        }
        if (replay < 0 || replay > 0xff) {
            throw new IllegalArgumentException("replay window out of range: " + replay);
        }
    }

    public SaParameters withMode(IpsecMode m) {
        return new SaParameters(m, reqid, replay, padding, cyclicSequence, hard, soft);
    }

    public SaParameters withReqid(long r) {
        return new SaParameters(mode, r, replay, padding, cyclicSequence, hard, soft);
    }

    public SaParameters withReplay(int r) {
        return new SaParameters(mode, reqid, r, padding, cyclicSequence, hard, soft);
    }

    public SaParameters withPadding(Padding p) {
        return new SaParameters(mode, reqid, replay, p, cyclicSequence, hard, soft);
    }

    public SaParameters withoutCyclicSequence() {
        return new SaParameters(mode, reqid, replay, padding, false, hard, soft);
    }

    public SaParameters withHard(Lifetime l) {
        return new SaParameters(mode, reqid, replay, padding, cyclicSequence, l, soft);
    }

    public SaParameters withSoft(Lifetime l) {
        return new SaParameters(mode, reqid, replay, padding, cyclicSequence, hard, l);
    }
}

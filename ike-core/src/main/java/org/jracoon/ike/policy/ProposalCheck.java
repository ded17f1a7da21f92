package org.jracoon.ike.policy;

import java.util.OptionalLong;

/**
 * racoon's {@code proposal_check}: how a responder compares the lifetimes (and PFS group) the
 * initiator proposes with its own, and how an initiator takes a RESPONDER-LIFETIME.
 */
public enum ProposalCheck {
    /** Take the initiator's values. */
    OBEY,
    /** Refuse a longer lifetime (phase 2); take the shorter one in phase 1. racoon's default. */
    STRICT,
    /** Accept a longer lifetime but use our shorter one and say so with RESPONDER-LIFETIME. */
    CLAIM,
    /** Refuse anything but equal values. */
    EXACT;

    /**
     * The phase-1 lifetime a responder accepts (racoon ipsec_doi.c get_ph1approvalx): obey takes
     * the initiator's, strict and claim the shorter of the two, exact only equality.
     *
     * @return the lifetime to use, or empty if the proposal must be refused
     */
    public OptionalLong phase1Lifetime(long proposed, long ours) {
        return switch (this) {
            case OBEY -> OptionalLong.of(proposed);
            case STRICT, CLAIM -> OptionalLong.of(Math.min(proposed, ours));
            case EXACT -> proposed == ours ? OptionalLong.of(proposed) : OptionalLong.empty();
        };
    }

    /**
     * The phase-2 lifetime a responder accepts (racoon proposal.c cmpsaprop_alloc): strict
     * refuses a longer one, claim shortens it to ours, exact wants equality, obey takes it.
     *
     * @return the lifetime to use, or empty if the proposal must be refused
     */
    public OptionalLong phase2Lifetime(long proposed, long ours) {
        return switch (this) {
            case OBEY -> OptionalLong.of(proposed);
            case STRICT -> proposed <= ours ? OptionalLong.of(proposed) : OptionalLong.empty();
            case CLAIM -> OptionalLong.of(Math.min(proposed, ours));
            case EXACT -> proposed == ours ? OptionalLong.of(proposed) : OptionalLong.empty();
        };
    }

    /**
     * Whether an initiator takes a RESPONDER-LIFETIME (racoon isakmp_quick.c quick_i2recv):
     * obey always, strict and claim when shorter than ours, exact when equal.
     */
    public boolean acceptsResponderLifetime(long announced, long ours) {
        return switch (this) {
            case OBEY -> true;
            case STRICT, CLAIM -> announced < ours;
            case EXACT -> announced == ours;
        };
    }
}

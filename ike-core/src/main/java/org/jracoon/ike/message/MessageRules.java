package org.jracoon.ike.message;

import java.util.List;

import org.jracoon.ike.payload.ExchangeType;
import org.jracoon.ike.payload.IsakmpHeader;
import org.jracoon.ike.payload.IsakmpProtocolException;
import org.jracoon.ike.payload.NotifyType;
import org.jracoon.ike.payload.Payload;
import org.jracoon.ike.payload.PayloadType;
import org.jracoon.ike.payload.UnknownPayload;

/**
 * Which payloads one message of an exchange may carry, as data: the exchange type, the payload
 * that must come first (if any) and a {@link PayloadRule} per allowed type. Checked after
 * decoding and before any exchange logic looks at the message. Payload types not listed are
 * refused (INVALID-PAYLOAD-TYPE), except unknown non-critical ones, which are skipped.
 *
 * <p>The sets follow RFC 2409 sections 5 (Main Mode), 5.5 (Quick Mode) and 5.7 (Informational)
 * with the optional payloads deployed peers add: vendor IDs, NAT-D (RFC 3947 section 3),
 * NAT-OA (section 5.2), certificate requests, and INITIAL-CONTACT or RESPONDER-LIFETIME
 * notifications.
 */
public record MessageRules(String name, int exchangeType, int firstPayload, List<PayloadRule> rules) {

    private static final int MANY_NOTIFY = PayloadCaps.MAX_NOTIFY;
    private static final int MANY_VID = PayloadCaps.MAX_VENDOR_ID;

    /** HDR, SA, [VID...] from the initiator. */
    public static final MessageRules MM1 = mainModeSa("MM1");
    /** HDR, SA, [VID...] from the responder. */
    public static final MessageRules MM2 = mainModeSa("MM2");
    /** HDR, KE, Ni, [NAT-D, NAT-D], [CR...]. */
    public static final MessageRules MM3 = mainModeKe("MM3");
    /** HDR, KE, Nr, [NAT-D, NAT-D], [CR...]. */
    public static final MessageRules MM4 = mainModeKe("MM4");
    /** HDR*, IDii, [CERT...], HASH_I or SIG_I, [N(INITIAL-CONTACT)]. */
    public static final MessageRules MM5 = mainModeAuth("MM5");
    /** HDR*, IDir, [CERT...], HASH_R or SIG_R. */
    public static final MessageRules MM6 = mainModeAuth("MM6");
    /** HDR*, HASH(1), SA, Ni, [KE], [IDci, IDcr], [NAT-OAi, NAT-OAr]. */
    public static final MessageRules QM1 = quickModeSa("QM1");
    /** HDR*, HASH(2), SA, Nr, [KE], [IDci, IDcr], [NAT-OA], [N(RESPONDER-LIFETIME)]. */
    public static final MessageRules QM2 = quickModeSa("QM2");
    /** HDR*, HASH(3). */
    public static final MessageRules QM3 = new MessageRules("QM3", ExchangeType.QUICK_MODE, PayloadType.HASH,
            List.of(new PayloadRule(PayloadType.HASH, 1, 1, true)));
    /** HDR*, HASH(1), N or D...: an Informational exchange under an ISAKMP SA (RFC 2409 section 5.7). */
    public static final MessageRules INFORMATIONAL_PROTECTED = new MessageRules("Informational",
            ExchangeType.INFORMATIONAL, PayloadType.HASH, List.of(
                    new PayloadRule(PayloadType.HASH, 1, 1, true),
                    new PayloadRule(PayloadType.NOTIFY, 0, MANY_NOTIFY, true),
                    new PayloadRule(PayloadType.DELETE, 0, PayloadCaps.MAX_DELETE, true),
                    new PayloadRule(PayloadType.VENDOR_ID, 0, MANY_VID, true)));
    /**
     * HDR, N: before keys exist only notifications can be sent, unprotected (RFC 2408 section
     * 4.8); deletions need the SA's protection.
     */
    public static final MessageRules INFORMATIONAL_UNPROTECTED = new MessageRules("unprotected Informational",
            ExchangeType.INFORMATIONAL, PayloadType.NONE, List.of(
                    new PayloadRule(PayloadType.NOTIFY, 1, MANY_NOTIFY, false),
                    new PayloadRule(PayloadType.VENDOR_ID, 0, MANY_VID, false)));

    public MessageRules {
        rules = List.copyOf(rules);
    }

    private static MessageRules mainModeSa(String name) {
        return new MessageRules(name, ExchangeType.IDENTITY_PROTECTION, PayloadType.NONE, List.of(
                new PayloadRule(PayloadType.SA, 1, 1, false),
                new PayloadRule(PayloadType.VENDOR_ID, 0, MANY_VID, false),
                new PayloadRule(PayloadType.NOTIFY, 0, MANY_NOTIFY, false)));
    }

    private static MessageRules mainModeKe(String name) {
        return new MessageRules(name, ExchangeType.IDENTITY_PROTECTION, PayloadType.NONE, List.of(
                new PayloadRule(PayloadType.KE, 1, 1, false),
                new PayloadRule(PayloadType.NONCE, 1, 1, false),
                new PayloadRule(PayloadType.NAT_D, 0, PayloadCaps.MAX_NAT_D, false),
                new PayloadRule(PayloadType.NAT_D_DRAFT, 0, PayloadCaps.MAX_NAT_D, false),
                new PayloadRule(PayloadType.CR, 0, PayloadCaps.MAX_CERT_REQUEST, false),
                new PayloadRule(PayloadType.VENDOR_ID, 0, MANY_VID, false),
                new PayloadRule(PayloadType.NOTIFY, 0, MANY_NOTIFY, false)));
    }

    private static MessageRules mainModeAuth(String name) {
        // HASH or SIG: which one depends on the negotiated authentication method, checked by
        // the exchange; here each may appear once.
        return new MessageRules(name, ExchangeType.IDENTITY_PROTECTION, PayloadType.NONE, List.of(
                new PayloadRule(PayloadType.ID, 1, 1, true),
                new PayloadRule(PayloadType.CERT, 0, PayloadCaps.MAX_CERT, true),
                new PayloadRule(PayloadType.CR, 0, PayloadCaps.MAX_CERT_REQUEST, true),
                new PayloadRule(PayloadType.HASH, 0, 1, true),
                new PayloadRule(PayloadType.SIG, 0, 1, true),
                new PayloadRule(PayloadType.NOTIFY, 0, MANY_NOTIFY, true),
                new PayloadRule(PayloadType.VENDOR_ID, 0, MANY_VID, true)));
    }

    private static MessageRules quickModeSa(String name) {
        return new MessageRules(name, ExchangeType.QUICK_MODE, PayloadType.HASH, List.of(
                new PayloadRule(PayloadType.HASH, 1, 1, true),
                new PayloadRule(PayloadType.SA, 1, 1, true),
                new PayloadRule(PayloadType.NONCE, 1, 1, true),
                new PayloadRule(PayloadType.KE, 0, 1, true),
                new PayloadRule(PayloadType.ID, 0, 2, true),
                new PayloadRule(PayloadType.NAT_OA, 0, 2, true),
                new PayloadRule(PayloadType.NAT_OA_DRAFT, 0, 2, true),
                new PayloadRule(PayloadType.NOTIFY, 0, MANY_NOTIFY, true),
                new PayloadRule(PayloadType.VENDOR_ID, 0, MANY_VID, true)));
    }

    /**
     * Checks {@code message} against these rules.
     *
     * @throws IsakmpProtocolException INVALID-EXCHANGE-TYPE for another exchange,
     *                                 INVALID-PAYLOAD-TYPE for a payload these rules do not allow,
     *                                 INVALID-FLAGS for a protected payload sent in the clear,
     *                                 PAYLOAD-MALFORMED for a missing, surplus or misplaced payload
     */
    public void check(IsakmpMessage message) throws IsakmpProtocolException {
        if (message.header().exchangeType() != exchangeType) {
            throw new IsakmpProtocolException(NotifyType.INVALID_EXCHANGE_TYPE, name + " expected, got "
                    + ExchangeType.name(message.header().exchangeType()));
        }
        List<Payload> payloads = message.payloads();
        if (firstPayload != PayloadType.NONE && (payloads.isEmpty() || payloads.get(0).type() != firstPayload)) {
            throw new IsakmpProtocolException(NotifyType.PAYLOAD_MALFORMED, name + " must start with "
                    + PayloadType.name(firstPayload));
        }
        int[] counts = new int[256];
        for (Payload p : payloads) {
            if (p instanceof UnknownPayload) {
                continue;
            }
            PayloadRule rule = ruleFor(p.type());
            if (rule == null) {
                throw new IsakmpProtocolException(NotifyType.INVALID_PAYLOAD_TYPE, PayloadType.name(p.type())
                        + " payload not allowed in " + name);
            }
            if (rule.encrypted() && !message.header().encrypted()) {
                throw new IsakmpProtocolException(NotifyType.INVALID_FLAGS, PayloadType.name(p.type())
                        + " payload sent unencrypted in " + name);
            }
            counts[p.type()]++;
        }
        for (PayloadRule rule : rules) {
            int n = counts[rule.type()];
            if (n < rule.min() || n > rule.max()) {
                throw new IsakmpProtocolException(NotifyType.PAYLOAD_MALFORMED, name + " carries " + n + " "
                        + PayloadType.name(rule.type()) + " payloads, allowed " + rule.min() + ".." + rule.max());
            }
        }
    }

    /** The Informational rules that fit a message with {@code header}: protected if it is encrypted. */
    public static MessageRules informational(IsakmpHeader header) {
        return header.encrypted() ? INFORMATIONAL_PROTECTED : INFORMATIONAL_UNPROTECTED;
    }

    private PayloadRule ruleFor(int type) {
        for (PayloadRule r : rules) {
            if (r.type() == type) {
                return r;
            }
        }
        return null;
    }
}

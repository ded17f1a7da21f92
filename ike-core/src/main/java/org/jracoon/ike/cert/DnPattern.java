package org.jracoon.ike.cert;

import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * A {@code peers_identifier asn1dn "..."} of racoon.conf: a DN whose component values may be
 * {@code *}, matching any value of that component. The peer's DN must have the same components
 * in the same order; other values compare as RFC 4518 prepared strings (case and inner white
 * space ignored), so a PrintableString and a UTF8String of the same text match.
 */
public record DnPattern(X500Name pattern) {

    static final String WILDCARD = "*";

    /** Parses the racoon.conf string form ({@link DistinguishedNames#parse}). */
    public static DnPattern parse(String text) {
        return new DnPattern(DistinguishedNames.parse(text));
    }

    public boolean matches(X500Name name) {
        RDN[] expected = pattern.getRDNs();
        RDN[] actual = name.getRDNs();
        if (expected.length != actual.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            AttributeTypeAndValue[] want = expected[i].getTypesAndValues();
            AttributeTypeAndValue[] have = actual[i].getTypesAndValues();
            if (want.length != have.length) {
                return false;
            }
            for (int j = 0; j < want.length; j++) {
                if (!want[j].getType().equals(have[j].getType()) || !valueMatches(want[j], have[j])) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean valueMatches(AttributeTypeAndValue want, AttributeTypeAndValue have) {
        String wanted = IETFUtils.valueToString(want.getValue());
        return wanted.equals(WILDCARD)
                || IETFUtils.canonicalString(want.getValue()).equals(IETFUtils.canonicalString(have.getValue()));
    }

    @Override
    public String toString() {
        return DistinguishedNames.format(pattern);
    }
}

package org.jracoon.ike.cert;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1BMPString;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1PrintableString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1T61String;
import org.bouncycastle.asn1.ASN1UTF8String;
import org.bouncycastle.asn1.ASN1UniversalString;
import org.bouncycastle.asn1.ASN1VisibleString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.jracoon.ike.crypto.HashAlgorithm;

/**
 * OpenSSL's subject name hash ({@code X509_NAME_hash}, what {@code openssl x509 -hash} prints and
 * what {@code c_rehash} names the {@code <hash>.0} links of a CA directory by): the first four
 * bytes, little-endian, of SHA-1 over the name's canonical encoding.
 *
 * <p>The canonical encoding (OpenSSL x_name.c, "canon"): each attribute value of a string type
 * becomes a UTF8String with leading and trailing white space removed, inner runs of white space
 * folded to one space and ASCII letters lowered; each RDN is DER-encoded as its SET (which sorts
 * multi-valued RDNs); the RDN encodings are concatenated without the outer SEQUENCE header.
 */
public final class SubjectHash {

    private SubjectHash() {
    }

    /** The hash as the unsigned 32-bit value OpenSSL computes. */
    public static long of(X500Name name) {
        byte[] digest = HashAlgorithm.SHA1.digest(canonical(name));
        return Integer.toUnsignedLong(ByteBuffer.wrap(digest, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
    }

    /** The hash as eight lowercase hex digits, the base name of the links in a CA directory. */
    public static String hex(X500Name name) {
        return HexFormat.of().toHexDigits((int) of(name));
    }

    static byte[] canonical(X500Name name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            for (RDN rdn : name.getRDNs()) {
                AttributeTypeAndValue[] entries = rdn.getTypesAndValues();
                ASN1Encodable[] canonical = new ASN1Encodable[entries.length];
                for (int i = 0; i < entries.length; i++) {
                    canonical[i] = new AttributeTypeAndValue(entries[i].getType(), canonicalValue(entries[i].getValue()));
                }
                out.write(new DERSet(canonical).getEncoded(ASN1Encoding.DER));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static ASN1Encodable canonicalValue(ASN1Encodable value) {
        String text = text(value.toASN1Primitive());
        if (text == null) {
            return value; // not one of the string types OpenSSL canonicalizes: kept as encoded
        }
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream folded = new ByteArrayOutputStream(utf8.length);
        boolean pendingSpace = false;
        for (byte b : utf8) {
            if (isSpace(b)) {
                pendingSpace = folded.size() > 0;
                continue;
            }
            if (pendingSpace) {
                folded.write(' ');
                pendingSpace = false;
            }
            folded.write(b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b);
        }
        return new DERUTF8String(new String(folded.toByteArray(), StandardCharsets.UTF_8));
    }

    /** The characters of the string types OpenSSL converts to UTF-8 (ASN1_MASK_CANON), else null. */
    private static String text(Object value) {
        if (value instanceof ASN1UniversalString universal) {
            // BC renders UniversalString as "#hex"; it is UCS-4 big-endian
            byte[] octets = universal.getOctets();
            StringBuilder text = new StringBuilder();
            ByteBuffer buffer = ByteBuffer.wrap(octets);
            while (buffer.remaining() >= 4) {
                text.appendCodePoint(buffer.getInt());
            }
            return text.toString();
        }
        if (value instanceof ASN1T61String t61) {
            // OpenSSL reads T61String one byte per character (as Latin-1)
            return new String(t61.getOctets(), StandardCharsets.ISO_8859_1);
        }
        if (value instanceof ASN1UTF8String || value instanceof ASN1PrintableString || value instanceof ASN1IA5String
                || value instanceof ASN1BMPString || value instanceof ASN1VisibleString) {
            return ((ASN1String) value).getString();
        }
        return null;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == 0x0b || b == '\f' || b == '\r';
    }
}

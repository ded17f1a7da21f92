package org.jracoon.ike.cert;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.jracoon.ike.payload.IdType;
import org.jracoon.ike.payload.NotifyType;

/**
 * verify_cert's identity check (racoon oakley.c, "check_certid"): the peer's phase-1 ID must be
 * the subject of the certificate it authenticates with, or for address and name IDs one of the
 * certificate's subjectAltNames of the matching kind (RFC 2407 4.6.2.1 ID types; RFC 5280
 * 4.2.1.6 GeneralName). Unlike racoon, which looks only at the first subjectAltName of the
 * kind, every one is tried, and IPv6 addresses compare as 16 bytes, not as text.
 */
public final class CertificateIdentity {

    private CertificateIdentity() {
    }

    /**
     * Checks an ID payload's type and identification data against a certificate.
     *
     * @throws CertException INVALID-ID-INFORMATION if the ID does not name the certificate,
     *     INVALID-CERTIFICATE if the certificate has no subjectAltName of the kind the ID needs
     */
    public static void check(int idType, byte[] idData, X509Certificate certificate) {
        switch (idType) {
            case IdType.DER_ASN1_DN -> checkDn(DistinguishedNames.fromId(idData), certificate);
            case IdType.IPV4_ADDR -> checkAddress(idData, 4, certificate);
            case IdType.IPV6_ADDR -> checkAddress(idData, 16, certificate);
            case IdType.FQDN -> checkName(GeneralName.dNSName, "fqdn", ascii(idData), certificate);
            case IdType.USER_FQDN -> checkName(GeneralName.rfc822Name, "user_fqdn", ascii(idData), certificate);
            default -> throw new CertException(NotifyType.INVALID_ID_INFORMATION,
                    "an ID of type " + idType + " cannot be checked against a certificate");
        }
    }

    private static void checkDn(X500Name id, X509Certificate certificate) {
        X500Name subject = DistinguishedNames.subject(certificate);
        if (!subject.equals(id)) {
            throw new CertException(NotifyType.INVALID_ID_INFORMATION, "ID asn1dn \"" + DistinguishedNames.format(id)
                    + "\" does not match the certificate subject \"" + DistinguishedNames.format(subject) + "\"");
        }
    }

    private static void checkAddress(byte[] idData, int length, X509Certificate certificate) {
        if (idData.length != length) {
            throw new CertException(NotifyType.INVALID_ID_INFORMATION,
                    "address ID of " + idData.length + " bytes, expected " + length);
        }
        List<byte[]> addresses = new ArrayList<>();
        for (GeneralName name : alternativeNames(certificate, GeneralName.iPAddress)) {
            addresses.add(ASN1OctetString.getInstance(name.getName()).getOctets());
        }
        if (addresses.isEmpty()) {
            throw new CertException(NotifyType.INVALID_CERTIFICATE,
                    "certificate \"" + subjectOf(certificate) + "\" has no IP address subjectAltName");
        }
        if (addresses.stream().noneMatch(address -> Arrays.equals(address, idData))) {
            throw new CertException(NotifyType.INVALID_ID_INFORMATION, "ID address " + text(idData)
                    + " is not a subjectAltName of certificate \"" + subjectOf(certificate) + "\" "
                    + addresses.stream().map(CertificateIdentity::text).toList());
        }
    }

    private static void checkName(int tag, String kind, String id, X509Certificate certificate) {
        List<String> names = alternativeNames(certificate, tag).stream()
                .map(name -> ((ASN1String) name.getName()).getString()).toList();
        if (names.isEmpty()) {
            throw new CertException(NotifyType.INVALID_CERTIFICATE, "certificate \"" + subjectOf(certificate)
                    + "\" has no " + kind + " subjectAltName");
        }
        // DNS names are case-insensitive (RFC 4343); so is the domain of a mail address, and racoon
        // users write them either way
        if (names.stream().noneMatch(id::equalsIgnoreCase)) {
            throw new CertException(NotifyType.INVALID_ID_INFORMATION, "ID " + kind + " " + id
                    + " is not a subjectAltName of certificate \"" + subjectOf(certificate) + "\" " + names);
        }
    }

    private static List<GeneralName> alternativeNames(X509Certificate certificate, int tag) {
        GeneralNames names;
        try {
            Extensions extensions = new X509CertificateHolder(certificate.getEncoded()).getExtensions();
            names = extensions == null ? null : GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName);
        } catch (CertificateEncodingException | IOException | RuntimeException e) {
            throw new CertException(NotifyType.INVALID_CERTIFICATE,
                    "certificate \"" + subjectOf(certificate) + "\" has an unreadable subjectAltName");
        }
        if (names == null) {
            return List.of();
        }
        return Arrays.stream(names.getNames()).filter(name -> name.getTagNo() == tag).toList();
    }

    private static String ascii(byte[] idData) {
        return new String(idData, StandardCharsets.US_ASCII);
    }

    private static String text(byte[] address) {
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            return "(" + address.length + "-byte address)";
        }
    }

    private static String subjectOf(X509Certificate certificate) {
        return DistinguishedNames.format(DistinguishedNames.subject(certificate));
    }
}

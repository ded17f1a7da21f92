/**
 * The X.509 side of phase-1 RSA-signature authentication (RFC 2409 5.1) as racoon configures it:
 * our certificate and key ({@code certificate_type x509}), the CAs we trust ({@code path
 * certificate} with OpenSSL subject-hash links, {@code ca_type x509}), the peer checks of
 * {@code verify_cert}, asn1dn identities and {@code peers_identifier} patterns, SIG payload
 * bodies, and answers to certificate requests. Errors on peer input are {@link
 * org.jracoon.ike.cert.CertException}s carrying the notify type; errors in local files are
 * {@link org.jracoon.ike.cert.CredentialFileException}s naming the file.
 */
package org.jracoon.ike.cert;

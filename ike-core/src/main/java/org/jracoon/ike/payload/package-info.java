/**
 * ISAKMP payloads (RFC 2408 section 3, IPsec DOI of RFC 2407, NAT-T of RFC 3947) as immutable
 * values, one class per payload, each with a static {@code decode} over a bounded reader and an
 * {@code encodeBody} that writes the same bytes back; the named wire constants (payload,
 * exchange, notify, protocol, ID and attribute types) for building and logging them; and
 * {@link org.jracoon.ike.payload.IsakmpProtocolException}, which every decoding failure ends in,
 * carrying the notify type to answer with.
 *
 * <p>No I/O and no cryptography: hashes, signatures and key exchange values are opaque here.
 */
package org.jracoon.ike.payload;

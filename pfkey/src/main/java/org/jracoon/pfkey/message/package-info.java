/**
 * PF_KEY v2 messages as immutable values: {@link org.jracoon.pfkey.message.SadbMessage} and one
 * record per extension, each encoding itself in the host's byte order and decoding with every
 * length checked; a message that breaks a rule fails with a {@link
 * org.jracoon.pfkey.message.SadbDecodeException} saying which. Numeric codes stay integers so
 * that values this code does not know still round-trip; {@link org.jracoon.pfkey.message.Sadb}
 * names the known ones.
 */
package org.jracoon.pfkey.message;

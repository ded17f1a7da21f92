/**
 * The IPsec kernel over PF_KEY v2 (RFC 2367, with the KAME/Linux extensions): {@link
 * org.jracoon.pfkey.PfKeySocket} is the AF_KEY socket through JNA, {@link
 * org.jracoon.pfkey.PfKeyClient} matches replies to requests and hands other messages to
 * listeners, {@link org.jracoon.pfkey.PfKeyKernel} implements ike-core's {@code KernelIpsec} on
 * top, with {@link org.jracoon.pfkey.SadbMapping} translating between the two vocabularies.
 */
package org.jracoon.pfkey;

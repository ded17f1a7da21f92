/**
 * The IPsec kernel over XFRM netlink (NETLINK_XFRM), for Linux kernels built without PF_KEY:
 * {@link org.jracoon.xfrm.NetlinkSocket} is the netlink socket through JNA (with pfkey's
 * {@code LibC}), {@link org.jracoon.xfrm.NetlinkMessage} and {@link org.jracoon.xfrm.NetlinkAttribute}
 * the checked netlink framing, the {@code Xfrm*} records the {@code linux/xfrm.h} structures,
 * {@link org.jracoon.xfrm.XfrmClient} matches replies to requests by sequence and collects dumps
 * until NLMSG_DONE, and {@link org.jracoon.xfrm.XfrmKernel} implements ike-core's
 * {@code KernelIpsec} on top, with {@link org.jracoon.xfrm.XfrmMapping} translating vocabularies.
 * {@code org.jracoon.pfkey.KernelBackends} chooses between this backend and PF_KEY.
 */
package org.jracoon.xfrm;

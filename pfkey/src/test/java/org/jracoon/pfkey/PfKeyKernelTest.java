package org.jracoon.pfkey;

import org.jracoon.ike.kernel.KernelIpsec;

/** The kernel contract over PF_KEY (skipped on a kernel without AF_KEY). */
class PfKeyKernelTest extends KernelIpsecContract {
    @Override
    protected KernelIpsec openKernel() throws Exception {
        return AfKey.openOrSkip(PfKeyKernel::open);
    }
}

package org.jracoon.pfkey;

import org.jracoon.ike.kernel.KernelIpsec;

/** The kernel contract over PF_KEY. */
class PfKeyKernelTest extends KernelIpsecContract {
    @Override
    protected KernelIpsec openKernel() throws Exception {
        return PfKeyKernel.open();
    }
}

package org.jracoon.pfkey;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The automatic choice inside the test kernel: PF_KEY while af_key is loaded, XFRM after {@code modprobe -r af_key}. */
@Tag("kernel")
class KernelBackendsKernelTest {
    @Test
    void theAutomaticChoiceFollowsTheKernel() throws Exception {
        KernelBackendsTest.checkAutomaticChoice();
    }
}
